import { sql, type RawBuilder } from 'kysely'

/**
 * A lock key of this schema: `base` itself in `public` (the default schema, and the keys every
 * earlier version took there, so processes of two versions still exclude each other during a
 * rolling upgrade), mixed with a hash of the schema's name anywhere else. Advisory locks are
 * database-wide, and a database may hold several Tessera schemas (one per environment, or per
 * test, as the NOTIFY channel allows): each must only wait for its own sealer and maintenance.
 */
function schemaLock(base: string): RawBuilder<unknown> {
  return sql.raw(
    `(${base}::bigint # CASE current_schema() WHEN 'public' THEN 0 ELSE hashtextextended(current_schema(), 0) END)`,
  )
}

/**
 * Every PostgreSQL advisory lock Tessera takes, in one place so two features never pick the same
 * key. The numbers are arbitrary but fixed: processes of different versions sharing a database
 * must agree on them, so never change one. All are transaction-scoped (`pg_*_xact_lock`) and
 * scoped to the schema (above).
 */
export const ADVISORY_LOCKS = {
  /** Audit chains: a sealing pass (try-lock) and each prune batch; one writer moves the heads. */
  auditChain: schemaLock('7460315021905612'),
  /** Signing-key creation and rotation between processes. */
  signingKeys: schemaLock('7102411001'),
  /** The periodic maintenance pass (try-lock): one process runs it at a time. */
  maintenance: schemaLock('7102411002'),
} as const
