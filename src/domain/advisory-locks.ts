import { sql } from 'kysely'

/**
 * Every PostgreSQL advisory lock Tessera takes, in one place so two features never pick the same
 * key. The numbers are arbitrary but fixed: processes of different versions sharing a database
 * must agree on them, so never change one. All are transaction-scoped (`pg_*_xact_lock`).
 */
export const ADVISORY_LOCKS = {
  /** Audit chains: a sealing pass (try-lock) and each prune batch; one writer moves the heads. */
  auditChain: sql.raw('7460315021905612'),
  /** Signing-key creation and rotation between processes. */
  signingKeys: sql.raw('7102411001'),
  /** The periodic maintenance pass (try-lock): one process runs it at a time. */
  maintenance: sql.raw('7102411002'),
} as const
