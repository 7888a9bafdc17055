import { Kysely } from 'kysely'
import pg from 'pg'
import { FaultLog } from '../faults/fault-log.js'
import type { Database, DatabaseTimeouts, OpenOptions, SqlClient } from './database.js'
import { TesseraPostgresDialect } from './introspector.js'
import { PostgresNotifications } from './notifications.js'
import type { DB } from './schema.js'
import { TimedPool } from './timed-pool.js'

// int8 columns (audit ids) as numbers, as PGlite returns them; they stay below 2^53.
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20) return (value: string) => Number(value)
    return pg.types.getTypeParser(oid, format as 'text')
  },
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

/** PostgreSQL at `databaseUrl`: a bounded pool, and the LISTEN connection of the change feed. */
export function openPostgres(options: OpenOptions): Database {
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
