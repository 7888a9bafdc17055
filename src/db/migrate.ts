import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely'
import type { DB } from './schema.js'
import * as initial from './migrations/0001-initial.js'

/** Migrations in order. Append only: a released migration is never edited. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initial,
}

/**
 * Brings the schema up to date. Safe to run from several processes at once: Kysely holds a
 * PostgreSQL advisory lock while it migrates.
 */
export async function migrateToLatest(db: Kysely<DB>): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db: db as unknown as Kysely<unknown>,
    provider: { getMigrations: async () => MIGRATIONS },
    migrationTableName: 'tessera_migrations',
    migrationLockTableName: 'tessera_migrations_lock',
  })
  return migrator.migrateToLatest()
}
