import { existsSync, mkdirSync } from 'node:fs'
import type { PGlite } from '@electric-sql/pglite'
import { Kysely } from 'kysely'
import type { Logger } from 'pino'
import { lockDataDir } from './data-dir-lock.js'
import type { Database, OpenOptions, SqlClient } from './database.js'
import { imageUnusableReason, seedFromImage } from './embedded-image.js'
import { Mutex } from './mutex.js'
import { PGliteDialect } from './pglite-dialect.js'
import type { DB } from './schema.js'
import { setEmbeddedWasmTiering } from './wasm-tiering.js'

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

/** A data directory without a database starts from the prebuilt image when there is a usable one. */
async function seedNewDataDir(pgdataDir: string, logger: Logger): Promise<void> {
  const reason = imageUnusableReason()
  if (reason === null) {
    if (await seedFromImage(pgdataDir))
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

/** The embedded engine (PGlite) in `dataDir/pgdata`, or in memory; one session behind a mutex. */
export async function openEmbedded(options: OpenOptions): Promise<Database> {
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
      if (options.seedFromImage !== false) await seedNewDataDir(dir, options.logger)
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
