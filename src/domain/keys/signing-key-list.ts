import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'

export type SigningKeyState = 'active' | 'verifying' | 'expired'

export interface SigningKeyView {
  readonly kid: string
  readonly alg: string
  readonly state: SigningKeyState
  readonly createdAt: Date
  readonly retiredAt: Date | null
  /** A retired key verifies the tokens it signed until then; null while it signs. */
  readonly verifyUntil: Date | null
}

/**
 * The signing keys, newest first: the one that signs (`active`), retired ones still verifying the
 * tokens they signed (`verifying`), and retired ones past that, not yet pruned (`expired`).
 */
export async function listSigningKeys(db: Kysely<DB>, now: number): Promise<SigningKeyView[]> {
  const rows = await db
    .selectFrom('signing_keys')
    .select(['kid', 'alg', 'created_at', 'retired_at', 'verify_until'])
    .orderBy('created_at', 'desc')
    .orderBy('kid')
    .execute()
  return rows.map((r) => ({
    kid: r.kid,
    alg: r.alg,
    state:
      r.retired_at === null
        ? 'active'
        : r.verify_until === null || r.verify_until.getTime() > now
          ? 'verifying'
          : 'expired',
    createdAt: r.created_at,
    retiredAt: r.retired_at,
    verifyUntil: r.verify_until,
  }))
}
