import { sql, type Kysely } from 'kysely'

/**
 * When a family's last rotation committed, as opposed to `rotated_at`, the issue time its tokens
 * carry. The refresh reuse window counts from the commit: a rotation that waited (a lock, a slow
 * database) must not turn its client's retry into a replay (docs/security.md, "Refresh").
 * Nullable and without a default, so adding it rewrites nothing; rows rotated before it fall
 * back to `rotated_at`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE token_families ADD COLUMN rotation_committed_at timestamptz`.execute(db)
}
