import { createHash } from 'node:crypto'
import type { Selectable } from 'kysely'
import type { AuditEventsTable } from '../../db/schema.js'

/** An `audit_events` row as read back from either driver. */
export type AuditEventRow = Selectable<AuditEventsTable>

/** The previous hash of the first link of a chain that was never pruned. */
export const GENESIS_HASH: Buffer = Buffer.alloc(32)

// Bumped if the serialization ever changes, so old and new digests can never be confused.
const FORMAT = 'tessera.audit-event.v1'

const NULL_TAG = 0x00
const STRING_TAG = 0x01

/**
 * The bytes an event's link hash covers: every column, each as a type tag plus a length-prefixed
 * UTF-8 string, so no two different rows can serialize to the same bytes (no separator to inject,
 * null distinct from ''). Numbers go through `String()` so pg's and PGlite's int8 (string vs number)
 * agree; jsonb comes back with its keys in jsonb's own order, so `data` is re-serialized with keys
 * sorted to stay independent of both the driver and how jsonb orders them.
 */
export function eventDigestInput(event: AuditEventRow): Buffer {
  const parts: Buffer[] = [field(FORMAT)]
  parts.push(field(String(event.id)))
  parts.push(field(event.organization_id === null ? null : String(event.organization_id)))
  parts.push(field(isoMillis(event.occurred_at)))
  parts.push(field(event.type))
  parts.push(field(event.actor))
  parts.push(field(event.client_id))
  parts.push(field(event.user_id === null ? null : String(event.user_id)))
  parts.push(field(event.family_id === null ? null : event.family_id.toLowerCase()))
  parts.push(field(canonicalJson(event.data)))
  return Buffer.concat(parts)
}

/** SHA-256(prevHash || eventDigestInput(event)): one link of a chain. */
export function linkHash(prevHash: Uint8Array, event: AuditEventRow): Buffer {
  return createHash('sha256').update(prevHash).update(eventDigestInput(event)).digest()
}

/** Byte equality for bytea values, which are Buffers on pg and plain Uint8Arrays on PGlite. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b)
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')
}

function field(value: string | null): Buffer {
  if (value === null) return Buffer.from([NULL_TAG])
  const bytes = Buffer.from(value, 'utf8')
  const header = Buffer.alloc(5)
  header[0] = STRING_TAG
  header.writeUInt32BE(bytes.length, 1)
  return Buffer.concat([header, bytes])
}

// Both drivers truncate timestamptz to milliseconds; a string (raw SQL readers) is normalized too.
function isoMillis(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString()
}

/** JSON with object keys sorted recursively (UTF-16 code unit order); arrays keep their order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>
    const members = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`)
    return `{${members.join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}
