import { sql, type Kysely } from 'kysely'

/**
 * Imported OAuth clients keep the secret their integrators already hold (Cal.com's are JWTs, not
 * Tessera's `tsr_cs_…`). Such a client accepts a presented secret in any format; it is still
 * checked against the keyed hash, like every secret. Rotating the secret does not clear the flag:
 * the imported secret may live on as the previous one during the grace period.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE oauth_clients ADD COLUMN secret_imported boolean NOT NULL DEFAULT false;
  `.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE oauth_clients DROP COLUMN secret_imported;`.execute(db)
}
