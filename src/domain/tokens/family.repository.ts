import type { Kysely, Transaction } from 'kysely'
import type { SqlClient } from '../../db/database.js'
import type { DB, FamilyOrigin } from '../../db/schema.js'

export interface FamilyRow {
  id: string
  client_id: string
  user_id: number
  organization_id: number
  generation: number
  rotated_at: Date
  rotation_committed_at: Date | null
  access_expires_at: Date
  refresh_expires_at: Date
  access_kid: string
  access_sig: Uint8Array | null
  revoked_at: Date | null
}

export interface NewFamily {
  id: string
  clientId: string
  userId: number
  organizationId: number
  origin: FamilyOrigin
  issuedAt: Date
  accessExpiresAt: Date
  refreshExpiresAt: Date
  kid: string
  accessSignature: Buffer | null
}

export async function insertFamily(trx: Transaction<DB> | Kysely<DB>, f: NewFamily): Promise<void> {
  await trx
    .insertInto('token_families')
    .values({
      id: f.id,
      client_id: f.clientId,
      user_id: f.userId,
      organization_id: f.organizationId,
      origin: f.origin,
      generation: 0,
      created_at: f.issuedAt,
      rotated_at: f.issuedAt,
      access_expires_at: f.accessExpiresAt,
      refresh_expires_at: f.refreshExpiresAt,
      access_kid: f.kid,
      access_sig: f.accessSignature,
    })
    .execute()
}

/**
 * The whole of a successful refresh in one statement and one round trip, for any number of
 * families at once (RotationBatcher): advance each family's generation only if the presented one
 * is still current (so of any number of racers exactly one wins), and write each rotation's audit
 * event in the same implicit transaction. Rows are visited in family-id order, so two statements
 * sharing families lock them in the same order. Times travel as epoch milliseconds and
 * signatures as hex: plain arrays that both PostgreSQL and PGlite bind the same way.
 */
const ROTATE_SQL = `
WITH input AS (
  SELECT n, id, generation, client_id,
         timestamptz 'epoch' + issued * interval '1 millisecond' AS issued_at,
         timestamptz 'epoch' + access_exp * interval '1 millisecond' AS access_expires_at,
         timestamptz 'epoch' + refresh_exp * interval '1 millisecond' AS refresh_expires_at,
         kid, decode(sig, 'hex') AS sig
    FROM unnest($1::uuid[], $2::integer[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[],
                $7::text[], $8::text[])
         WITH ORDINALITY AS t (id, generation, client_id, issued, access_exp, refresh_exp, kid, sig, n)
   ORDER BY id
), rotated AS (
  UPDATE token_families f
     SET generation = f.generation + 1,
         rotated_at = i.issued_at,
         -- the commit, on the sender's clock: when the statement was sent plus the time the
         -- database spent on it since its transaction began (lock waits included, even those of
         -- a prepared statement's Bind, which statement_timestamp() would miss); it commits
         -- right after this
         rotation_committed_at = timestamptz 'epoch' + $9::bigint * interval '1 millisecond'
                                 + (clock_timestamp() - transaction_timestamp()),
         access_expires_at = i.access_expires_at,
         refresh_expires_at = i.refresh_expires_at,
         access_kid = i.kid,
         access_sig = i.sig
    FROM input i
   WHERE f.id = i.id AND f.generation = i.generation AND f.client_id = i.client_id
     AND f.revoked_at IS NULL AND f.refresh_expires_at > i.issued_at
  RETURNING i.n, i.issued_at, f.id, f.user_id, f.organization_id, f.client_id, f.generation
), audited AS (
  INSERT INTO audit_events (organization_id, occurred_at, type, actor, client_id, user_id, family_id, data)
  SELECT organization_id, issued_at, 'token.refreshed', 'client:' || client_id, client_id, user_id, id,
         jsonb_build_object('generation', generation)
    FROM rotated
   ORDER BY n
)
SELECT n, organization_id FROM rotated`

export interface Rotation {
  familyId: string
  fromGeneration: number
  clientId: string
  /** Epoch milliseconds, like the two expiries. */
  issuedAt: number
  accessExpiresAt: number
  refreshExpiresAt: number
  kid: string
  accessSignature: Buffer | null
}

/**
 * Rotates the families whose presented generation is still current. Returns, by position in
 * `rotations`, the organization of each rotation that won; the others lost (already rotated,
 * revoked, expired or unknown). At most one rotation per family.
 */
export async function rotateFamilies(
  sql: SqlClient,
  rotations: readonly Rotation[],
  /** Epoch ms (the service's clock) when the statement is sent. */
  sentAt: number,
): Promise<Map<number, number>> {
  const rows = await sql.query<{ n: number | string; organization_id: number }>(
    ROTATE_SQL,
    [
      rotations.map((r) => r.familyId),
      rotations.map((r) => r.fromGeneration),
      rotations.map((r) => r.clientId),
      rotations.map((r) => r.issuedAt),
      rotations.map((r) => r.accessExpiresAt),
      rotations.map((r) => r.refreshExpiresAt),
      rotations.map((r) => r.kid),
      rotations.map((r) => r.accessSignature?.toString('hex') ?? null),
      sentAt,
    ],
    'tessera_rotate_families',
  )
  // WITH ORDINALITY counts from 1
  return new Map(rows.map((row) => [Number(row.n) - 1, row.organization_id]))
}

const FIND_SQL = `
SELECT id, client_id, user_id, organization_id, generation, rotated_at, rotation_committed_at,
       access_expires_at,
       refresh_expires_at, access_kid, access_sig, revoked_at
  FROM token_families WHERE id = $1`

export async function findFamily(sql: SqlClient, id: string): Promise<FamilyRow | null> {
  const rows = await sql.query<FamilyRow>(FIND_SQL, [id], 'tessera_find_family')
  return rows[0] ?? null
}

const IS_REVOKED_SQL = `SELECT revoked_at FROM token_families WHERE id = $1`

/** True when the family is revoked or gone (its user or client was deleted). */
export async function isFamilyRevoked(sql: SqlClient, id: string): Promise<boolean> {
  const rows = await sql.query<{ revoked_at: Date | null }>(
    IS_REVOKED_SQL,
    [id],
    'tessera_family_revoked',
  )
  return !rows[0] || rows[0].revoked_at !== null
}

export type FamilySelector =
  | { readonly familyId: string }
  | { readonly clientId: string; readonly userId: number; readonly familyId?: string }

/** Revokes the still-active families matching the selector; returns what it revoked. */
export async function revokeFamilies(
  trx: Transaction<DB>,
  selector: FamilySelector,
  reason: string,
  at: Date,
): Promise<{ id: string; organization_id: number; client_id: string; user_id: number }[]> {
  let query = trx
    .updateTable('token_families')
    .set({ revoked_at: at, revoked_reason: reason })
    .where('revoked_at', 'is', null)
  if ('userId' in selector) {
    query = query.where('client_id', '=', selector.clientId).where('user_id', '=', selector.userId)
  }
  if (selector.familyId !== undefined) query = query.where('id', '=', selector.familyId)
  return query.returning(['id', 'organization_id', 'client_id', 'user_id']).execute()
}

export async function listFamilies(db: Kysely<DB>, clientId: string, userId: number) {
  return db
    .selectFrom('token_families')
    .select([
      'id',
      'origin',
      'generation',
      'created_at',
      'rotated_at',
      'refresh_expires_at',
      'revoked_at',
      'revoked_reason',
    ])
    .where('client_id', '=', clientId)
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute()
}

/** Families revoked since `since`: what a process must know to refuse their access tokens. */
export async function recentlyRevoked(db: Kysely<DB>, since: Date) {
  return db
    .selectFrom('token_families')
    .select(['id', 'revoked_at'])
    .where('revoked_at', '>', since)
    .execute()
}

/**
 * Deletes families that cannot matter any more: expired or revoked before `before` (callers keep a
 * margin past the access-token lifetime, so the sessions view still shows recent ones). Bounded per call.
 */
export async function pruneFamilies(db: Kysely<DB>, before: Date, limit = 5_000): Promise<number> {
  const result = await db
    .deleteFrom('token_families')
    .where(
      'id',
      'in',
      db
        .selectFrom('token_families')
        .select('id')
        .where((eb) =>
          eb.or([eb('refresh_expires_at', '<', before), eb('revoked_at', '<', before)]),
        )
        .limit(limit),
    )
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
