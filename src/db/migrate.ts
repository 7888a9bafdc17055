import { Migrator, sql, type Kysely, type Migration, type MigrationResultSet } from 'kysely'
import type { DB } from './schema.js'
import * as initial from './migrations/0001-initial.js'
import * as eventDelivery from './migrations/0004-event-delivery.js'
import * as importedSecrets from './migrations/0006-import.js'
import * as rotationCommitTime from './migrations/0007-rotation-commit-time.js'
import * as claimDeliveries from './migrations/0008-claim-deliveries.js'

/** Migrations in order. Append only: a released migration is never edited. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initial,
  '0004-event-delivery': eventDelivery,
  '0006-import': importedSecrets,
  '0007-rotation-commit-time': rotationCommitTime,
  '0008-claim-deliveries': claimDeliveries,
}

/** Migration names in order (the embedded database image records which it holds). */
export const MIGRATION_NAMES: readonly string[] = Object.keys(MIGRATIONS)

/**
 * Brings the schema up to date. Safe to run from several processes at once: Kysely holds a
 * PostgreSQL advisory lock while it migrates.
 */
export async function migrateToLatest(db: Kysely<DB>): Promise<MigrationResultSet> {
  // Kysely looks for its bookkeeping table in any schema unless told which one; a database that
  // holds several Tessera schemas (one per environment, or per test) must not see the others'.
  const { rows } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db)
  const migrator = new Migrator({
    migrationTableSchema: rows[0]!.schema,
    db: db as unknown as Kysely<unknown>,
    provider: { getMigrations: async () => MIGRATIONS },
    migrationTableName: 'tessera_migrations',
    migrationLockTableName: 'tessera_migrations_lock',
  })
  return migrator.migrateToLatest()
}
