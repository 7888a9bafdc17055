import pino from 'pino'
import { openDatabase, type Database } from './database.js'
import { migrateToLatest } from './migrate.js'

/**
 * A new embedded database with every migration applied, from scratch (never from an image): the
 * build writes it to a folder, the test suite keeps one in memory and copies it for each test app.
 */
export async function openMigratedEmbedded(
  where: { dataDir: string } | { inMemory: true },
): Promise<Database> {
  const database = await openDatabase({
    databaseUrl: undefined,
    dataDir: 'dataDir' in where ? where.dataDir : '/nonexistent',
    inMemory: 'inMemory' in where,
    poolSize: 1,
    logger: pino({ level: 'silent' }),
    seedFromImage: false,
  })
  try {
    const result = await migrateToLatest(database.db)
    if (result.error) throw result.error
    return database
  } catch (err) {
    await database.close()
    throw err
  }
}
