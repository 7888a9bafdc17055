import { readFileSync } from 'node:fs'
import pino from 'pino'
import { inject } from 'vitest'
import { openDatabase, type Database } from '../../src/db/database.js'
import { migrateToLatest } from '../../src/db/migrate.js'
import type { Backend } from './backends.js'
import { createSchema } from './postgres.js'

const silent = pino({ level: 'silent' })

let image: Blob | undefined

/** The embedded database the global setup migrated once, read from disk once per worker. */
function migratedImage(): Blob {
  image ??= new Blob([readFileSync(inject('pgliteImage'))])
  return image
}

/**
 * A fresh in-memory embedded database, already migrated: a copy of the global setup's image,
 * which opens in a fraction of the time an initdb and the migrations take.
 */
export function openEmbeddedImage(
  dataDir = '/nonexistent',
  image: Blob = migratedImage(),
): Promise<Database> {
  return openDatabase({
    databaseUrl: undefined,
    dataDir,
    poolSize: 1,
    logger: silent,
    inMemory: true,
    pgliteImage: image,
  })
}

/** A migrated database of its own, and how to throw it away. */
export interface TestDatabase {
  readonly database: Database
  close(): Promise<void>
}

/**
 * A fresh, migrated database on `backend` without an app around it, for suites that test
 * storage-level code directly: the embedded image (or `image`, a copy of another embedded
 * database), or a new schema in TEST_DATABASE_URL.
 */
export async function openTestDatabase(backend: Backend, image?: Blob): Promise<TestDatabase> {
  if (backend === 'pglite') {
    const database = await openEmbeddedImage(undefined, image)
    return { database, close: () => database.close() }
  }
  const schema = await createSchema()
  try {
    const database = await openDatabase({
      databaseUrl: schema.url,
      dataDir: '/nonexistent',
      poolSize: 4,
      logger: silent,
    })
    const migration = await migrateToLatest(database.db)
    if (migration.error) {
      await database.close()
      throw migration.error
    }
    return {
      database,
      async close() {
        await database.close()
        await schema.drop()
      },
    }
  } catch (err) {
    await schema.drop()
    throw err
  }
}
