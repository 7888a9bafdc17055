import { existsSync, mkdirSync } from 'node:fs'
import type { PGlite } from '@electric-sql/pglite'
import { Kysely } from 'kysely'
import pg from 'pg'
import type { Logger } from 'pino'
import { FaultLog } from '../faults/fault-log.js'
import { lockDataDir } from './data-dir-lock.js'
import { imageUnusableReason, seedFromImage } from './embedded-image.js'
import { Mutex } from './mutex.js'
import { PostgresNotifications } from './notifications.js'
import { TesseraPostgresDialect } from './introspector.js'
import { PGliteDialect } from './pglite-dialect.js'
import type { DB } from './schema.js'
import { TimedPool } from './timed-pool.js'
import { setEmbeddedWasmTiering } from './wasm-tiering.js'

export type DatabaseKind = 'postgres' | 'pglite'

/**
 * A plain SQL path next to Kysely, for the few hot statements where a builder's work per call
 * shows up in profiles. On PostgreSQL a `name` makes it a prepared statement per connection.
 */
export interface SqlClient {
  query<R>(text: string, values: readonly unknown[], name?: string): Promise<R[]>
}

/** Delivers NOTIFY payloads of this schema's channel; reports whether the feed is live. */
export interface NotificationSource {
  start(onPayload: (payload: string) => void, onLiveChange: (live: boolean) => void): Promise<void>
  stop(): Promise<void>
  /** How late a change from another process may arrive now (ms); undefined until measured. */
  lagMs(): number | undefined
}

/** Connections of a PostgreSQL pool, for /metrics. */
export interface PoolStats {
  readonly total: number
  readonly idle: number
  readonly waiting: number
}

export interface Database {
  readonly kind: DatabaseKind
  readonly db: Kysely<DB>
  readonly sql: SqlClient
  readonly notifications: NotificationSource | null
  /** PostgreSQL only: the pool's connections now. */
  poolStats?(): PoolStats
  /**
   * Reports how long each wait for a connection took, in seconds: the pool's checkout on
   * PostgreSQL, the turn at the one session embedded (for /metrics).
   */
  observeAcquire(observer: (seconds: number) => void): void
  /** Embedded only: a copy of the whole database (tests start from a migrated image). */
  dumpImage?(): Promise<Blob>
  close(): Promise<void>
}

// int8 columns (audit ids) as numbers, as PGlite returns them; they stay below 2^53.
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20) return (value: string) => Number(value)
    return pg.types.getTypeParser(oid, format as 'text')
  },
}

export interface OpenOptions {
  databaseUrl: string | undefined
  dataDir: string
  poolSize: number
  logger: Logger
  /** Connection failures are reported here (logged once per interval, counted); default: the logger. */
  faults?: FaultLog
  /** PostgreSQL only: bounds on every wait (defaults: DEFAULT_TIMEOUTS). */
  timeouts?: DatabaseTimeouts
  /** PostgreSQL only: the change feed's heartbeat interval (ms). */
  heartbeatMs?: number
  /** Embedded only: start from a copy of a database image (tests use a migrated template). */
  pgliteImage?: Blob
  /** Embedded only: keep the database in memory (tests). */
  inMemory?: boolean
  /**
   * Embedded only: a new data directory starts as a copy of the database image `npm run build`
   * made (default true; the build itself turns it off).
   */
  seedFromImage?: boolean
}

/**
 * PostgreSQL settings of the embedded engine. Its memory is a WebAssembly heap that never shrinks,
 * and shared memory is sized and touched at start, so all of it counts in the process's RSS for
 * good. PGlite's defaults size it for a server (160 MB of buffers, 100 connections, 10 WAL
 * senders): 145 MB. One session needs a fraction: 8 MB of buffers hold a small deployment's hot
 * rows (the rest is one read from the operating system's page cache away), for 12 MB in all.
 */
const EMBEDDED_SETTINGS: Record<string, string> = {
  shared_buffers: '8MB',
  max_connections: '2',
  max_wal_senders: '0',
  max_replication_slots: '0',
  autovacuum_max_workers: '1',
}

export interface DatabaseTimeouts {
  /** Opening a connection. */
  readonly connectMs: number
  /** Waiting for a pooled connection (including opening one). */
  readonly acquireMs: number
  /** PostgreSQL's statement_timeout. */
  readonly statementMs: number
  /** PostgreSQL's lock_timeout. */
  readonly lockMs: number
}

const DEFAULT_TIMEOUTS: DatabaseTimeouts = {
  connectMs: 2_000,
  acquireMs: 2_000,
  statementMs: 3_000,
  lockMs: 2_000,
}

/**
 * Beyond the statement timeout, how long the client waits for an answer before giving up on the
 * connection: the server cancels a slow statement itself, so this only fires when the server or
 * the network between has stopped answering (a partition, a hung host).
 */
const UNANSWERED_MARGIN_MS = 1_000

export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options) : openPGlite(options)
}

function openPostgres(options: OpenOptions): Database {
  const faults = options.faults ?? new FaultLog(options.logger)
  const timeouts = options.timeouts ?? DEFAULT_TIMEOUTS
  const pool = new TimedPool({
    connectionString: options.databaseUrl,
    max: options.poolSize,
    types: pgTypes,
    idleTimeoutMillis: 30_000,
    // Every wait is bounded, so a request fails (503) before its client gives up, and nothing it
    // started commits long after: see docs/faults.md.
    connectionTimeoutMillis: timeouts.acquireMs,
    Client: boundedClient(timeouts.connectMs),
    statement_timeout: timeouts.statementMs,
    lock_timeout: timeouts.lockMs,
    query_timeout: timeouts.statementMs + UNANSWERED_MARGIN_MS,
    // a dead peer is noticed by the operating system even on an idle connection
    keepAlive: true,
    // pg_stat_activity tells Tessera's connections apart (an application_name in the URL wins)
    application_name: 'tessera',
  })
  // A connection that fails (terminated backend, restarted server, reset socket) emits 'error'
  // on its client; an EventEmitter 'error' without a listener ends the process. The pool listens
  // only while a client is idle, so every client gets its own listener for its whole life: a
  // checked-out client's query fails, and the pool drops the client when it is released.
  pool.on('connect', (client) => {
    client.on('error', (err) =>
      faults.report(
        'db_client',
        err,
        'a database connection failed; its request fails and the connection is replaced',
      ),
    )
  })
  // the client's own listener above has reported it already
  pool.on('error', () => {})
  // A checkout that fails (acquire timeout, or the connection could not be opened) is counted
  // only: the request's 503, or the background task that asked, logs it.
  const failed = () => faults.tally('db_pool')
  pool.observer = { acquired: () => {}, failed }
  const db = new Kysely<DB>({ dialect: new TesseraPostgresDialect({ pool }) })
  const sql: SqlClient = {
    async query<R>(text: string, values: readonly unknown[], name?: string) {
      const result = await pool.query({
        text,
        values: values as unknown[],
        ...(name ? { name } : {}),
      })
      return result.rows as R[]
    },
  }
  const notifications = new PostgresNotifications(options.databaseUrl!, faults, {
    connectTimeoutMs: timeouts.connectMs,
    ...(options.heartbeatMs ? { heartbeatMs: options.heartbeatMs } : {}),
  })
  return {
    kind: 'postgres',
    db,
    sql,
    notifications,
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    observeAcquire(acquired) {
      pool.observer = { acquired, failed }
    },
    async close() {
      await notifications.stop()
      await db.destroy()
    },
  }
}

/**
 * node-postgres's client with its own connect timeout (the pool's bounds the whole wait for a
 * connection), and which drops its connection when an answer never came: the timed-out
 * statement would otherwise stay at the head of the connection's queue, and every later user of
 * the pooled connection would wait behind it.
 */
function boundedClient(connectMs: number) {
  return class BoundedClient extends pg.Client {
    constructor(config?: string | pg.ClientConfig) {
      super({
        ...(typeof config === 'string' ? { connectionString: config } : config),
        connectionTimeoutMillis: connectMs,
      })
    }

    override query(...args: unknown[]): never {
      const result = (super.query as (...a: unknown[]) => unknown)(...args)
      if (result instanceof Promise) {
        result.catch((err: unknown) => {
          if ((err as Error)?.message === 'Query read timeout') {
            ;(
              this as unknown as { connection: { stream: { destroy(): void } } }
            ).connection.stream.destroy()
          }
        })
      }
      return result as never
    }
  }
}

/** A data directory without a database starts from the prebuilt image when there is a usable one. */
function seedNewDataDir(pgdataDir: string, logger: Logger): void {
  const reason = imageUnusableReason()
  if (reason === null) {
    if (seedFromImage(pgdataDir))
      logger.info('new embedded database created from the prebuilt image')
    return
  }
  if (!existsSync(`${pgdataDir}/PG_VERSION`)) {
    logger.warn(
      { reason },
      'creating the embedded database from scratch: this takes several seconds',
    )
  }
}

async function openPGlite(options: OpenOptions): Promise<Database> {
  // loaded only in embedded mode: a PostgreSQL deployment never pays for the WebAssembly engine
  const { PGlite } = await import('@electric-sql/pglite')
  // before the first PGlite.create compiles the WebAssembly: see wasm-tiering.ts
  setEmbeddedWasmTiering()
  const startParams = [
    ...PGlite.defaultStartParams,
    ...Object.entries(EMBEDDED_SETTINGS).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
  ]
  let pglite: PGlite
  let releaseLock = () => {}
  if (options.inMemory) {
    pglite = await PGlite.create({
      startParams,
      ...(options.pgliteImage ? { loadDataDir: options.pgliteImage } : {}),
    })
  } else {
    const dir = `${options.dataDir}/pgdata`
    mkdirSync(options.dataDir, { recursive: true })
    releaseLock = lockDataDir(options.dataDir)
    try {
      if (options.seedFromImage !== false) seedNewDataDir(dir, options.logger)
      mkdirSync(dir, { recursive: true })
      pglite = await PGlite.create(dir, { startParams })
    } catch (err) {
      releaseLock()
      throw err
    }
  }
  const mutex = new Mutex()
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite, mutex) })
  const sql: SqlClient = {
    query<R>(text: string, values: readonly unknown[]) {
      return mutex.run(async () => (await pglite.query<R>(text, values as unknown[])).rows)
    },
  }
  return {
    kind: 'pglite',
    db,
    sql,
    // one process owns an embedded database, so its own changes are all there is to hear
    notifications: null,
    dumpImage: () => mutex.run(() => pglite.dumpDataDir('none')),
    observeAcquire(acquired) {
      mutex.onAcquired = acquired
    },
    async close() {
      await db.destroy()
      await mutex.run(() => pglite.close())
      releaseLock()
    },
  }
}
