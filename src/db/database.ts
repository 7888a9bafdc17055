import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs'
import type { PGlite } from '@electric-sql/pglite'
import { Kysely } from 'kysely'
import pg from 'pg'
import type { Logger } from 'pino'
import { Mutex } from './mutex.js'
import { TesseraPostgresDialect } from './introspector.js'
import { PGliteDialect } from './pglite-dialect.js'
import type { DB } from './schema.js'

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
}

export interface Database {
  readonly kind: DatabaseKind
  readonly db: Kysely<DB>
  readonly sql: SqlClient
  readonly notifications: NotificationSource | null
  /** Embedded only: a copy of the whole database (tests start from a migrated image). */
  dumpImage?(): Promise<Blob>
  close(): Promise<void>
}

/**
 * The NOTIFY channel of the schema a connection works in, as SQL. Channels are database-wide, and
 * a database may hold several Tessera schemas (staging and production, or one per test); each
 * hears only its own. Hashed because a channel name has at most 63 bytes, as a schema name does.
 */
export const NOTIFY_CHANNEL_SQL =
  "'tessera_' || left(encode(sha256(convert_to(current_schema(), 'UTF8')), 'hex'), 24)"

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
  /** Embedded only: start from a copy of a database image (tests use a migrated template). */
  pgliteImage?: Blob
  /** Embedded only: keep the database in memory (tests). */
  inMemory?: boolean
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.databaseUrl ? openPostgres(options) : openPGlite(options)
}

function openPostgres(options: OpenOptions): Database {
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: options.poolSize,
    types: pgTypes,
    // a broken connection is replaced, never fatal
    idleTimeoutMillis: 30_000,
  })
  pool.on('error', (err) =>
    options.logger.warn({ err: safeError(err) }, 'idle database connection failed'),
  )
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
  const notifications = new PostgresNotifications(options.databaseUrl!, options.logger)
  return {
    kind: 'postgres',
    db,
    sql,
    notifications,
    async close() {
      await notifications.stop()
      await db.destroy()
    },
  }
}

async function openPGlite(options: OpenOptions): Promise<Database> {
  // loaded only in embedded mode: a PostgreSQL deployment never pays for the WebAssembly engine
  const { PGlite } = await import('@electric-sql/pglite')
  let pglite: PGlite
  let releaseLock = () => {}
  if (options.inMemory) {
    pglite = await PGlite.create(options.pgliteImage ? { loadDataDir: options.pgliteImage } : {})
  } else {
    const dir = `${options.dataDir}/pgdata`
    mkdirSync(dir, { recursive: true })
    releaseLock = lockDataDir(options.dataDir)
    try {
      pglite = await PGlite.create(dir)
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
    async close() {
      await db.destroy()
      await mutex.run(() => pglite.close())
      releaseLock()
    },
  }
}

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError'
}

/**
 * An embedded database belongs to one process: a second one opening the same files would corrupt
 * them. A lock file with our pid guards it; a lock left by a dead process is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const file = `${dataDir}/embedded.lock`
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600)
      writeSync(fd, String(process.pid))
      closeSync(fd)
      return () => {
        try {
          unlinkSync(file)
        } catch {
          // already gone
        }
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      const pid = Number(readFileSync(file, 'utf8').trim())
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new DataDirLockedError(
          `TESSERA_DATA_DIR ${dataDir} is in use by process ${pid}. The embedded database serves one ` +
            'process; stop it first, or use DATABASE_URL (PostgreSQL) to run several.',
        )
      }
      unlinkSync(file)
    }
  }
  throw new DataDirLockedError(`could not lock TESSERA_DATA_DIR ${dataDir}`)
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** LISTEN on a dedicated connection, reconnecting with backoff; never throws into the caller. */
class PostgresNotifications implements NotificationSource {
  #client: pg.Client | undefined
  #stopped = false
  #retry: NodeJS.Timeout | undefined
  #onPayload: (payload: string) => void = () => {}
  #onLiveChange: (live: boolean) => void = () => {}

  constructor(
    private readonly url: string,
    private readonly logger: Logger,
  ) {}

  async start(onPayload: (payload: string) => void, onLiveChange: (live: boolean) => void) {
    this.#onPayload = onPayload
    this.#onLiveChange = onLiveChange
    await this.#connect(0)
  }

  async #connect(attempt: number): Promise<void> {
    if (this.#stopped) return
    const client = new pg.Client({ connectionString: this.url })
    let channel: string | undefined
    client.on('notification', (msg) => {
      if (msg.channel === channel && msg.payload) this.#onPayload(msg.payload)
    })
    client.on('error', (err) => {
      this.logger.warn(
        { err: safeError(err) },
        'notification connection failed; caches bypassed until it is back',
      )
      this.#lost(client)
    })
    client.on('end', () => this.#lost(client))
    try {
      await client.connect()
      const { rows } = await client.query<{ channel: string }>(
        `SELECT ${NOTIFY_CHANNEL_SQL} AS channel`,
      )
      channel = rows[0]!.channel
      // the name is ours (a fixed prefix and hex digits), so it needs no quoting
      await client.query(`LISTEN ${channel}`)
      this.#client = client
      this.#onLiveChange(true)
    } catch (err) {
      this.logger.warn({ err: safeError(err) }, 'could not LISTEN for changes; retrying')
      client.end().catch(() => {})
      this.#schedule(attempt + 1)
    }
  }

  #lost(client: pg.Client) {
    if (this.#client !== client) return
    this.#client = undefined
    this.#onLiveChange(false)
    client.end().catch(() => {})
    this.#schedule(1)
  }

  #schedule(attempt: number) {
    if (this.#stopped) return
    const delay = Math.min(5_000, 100 * 2 ** Math.min(attempt, 6))
    this.#retry = setTimeout(() => void this.#connect(attempt), delay)
    this.#retry.unref()
  }

  async stop() {
    this.#stopped = true
    if (this.#retry) clearTimeout(this.#retry)
    const client = this.#client
    this.#client = undefined
    if (client) await client.end().catch(() => {})
  }
}

/** An error without connection strings or parameters, for logs. */
export function safeError(err: unknown): { message: string; code?: string } {
  const e = err as { message?: string; code?: string }
  return { message: String(e?.message ?? err), ...(e?.code ? { code: e.code } : {}) }
}
