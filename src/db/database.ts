import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { FaultLog } from '../faults/fault-log.js'
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

export interface OpenOptions {
  databaseUrl: string | undefined
  dataDir: string
  poolSize: number
  logger: Logger
  /** Connection failures are reported here (logged once per interval, counted); default: the logger. */
  faults?: FaultLog
  /** PostgreSQL only: bounds on every wait (defaults in postgres-database.ts). */
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

/**
 * Opens the database the configuration names: PostgreSQL when there is a URL, else the embedded
 * engine in the data directory. Each kind's code (and its driver: `pg`, or PGlite's WebAssembly)
 * is loaded only when it is used.
 */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    const { openPostgres } = await import('./postgres-database.js')
    return openPostgres(options)
  }
  const { openEmbedded } = await import('./embedded-database.js')
  return openEmbedded(options)
}
