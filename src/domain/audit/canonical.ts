import { createHash } from 'node:crypto'
import { sql, type RawBuilder } from 'kysely'

/** The previous hash of the first link of a chain that was never pruned. */
export const GENESIS_HASH: Buffer = Buffer.alloc(32)

/**
 * The digest an event's link covers, computed by the database: SHA-256 over a JSON array of every
 * column (a format tag first, so a future format cannot be confused with this one). JSON keeps
 * the fields apart (strings escaped, `null` distinct from `""`), jsonb renders `data` with its
 * keys in one fixed order, and the timestamp is written in UTC to the millisecond, so the same
 * row gives the same bytes on PostgreSQL and PGlite, whatever the driver. The sealer and the
 * verifier both use this one expression, and read 32 bytes per event instead of the whole row:
 * sealing was the largest cost of a refresh after the signature (docs/performance.md).
 */
export function eventDigest(alias: string): RawBuilder<Uint8Array> {
  const e = sql.ref(alias)
  return sql<Uint8Array>`sha256(convert_to(json_build_array(
    'tessera.audit-event.v1',
    ${e}.id::text,
    ${e}.organization_id::text,
    to_char(${e}.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    ${e}.type,
    ${e}.actor,
    ${e}.client_id,
    ${e}.user_id::text,
    lower(${e}.family_id::text),
    ${e}.data
  )::text, 'UTF8'))`
}

/** SHA-256(prevHash || eventDigest): one link of a chain. */
export function linkHash(prevHash: Uint8Array, eventDigest: Uint8Array): Buffer {
  return createHash('sha256').update(prevHash).update(eventDigest).digest()
}

/** Byte equality for bytea values, which are Buffers on pg and plain Uint8Arrays on PGlite. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b)
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')
}
