import { randomBytes } from 'node:crypto'
import { crc32 } from 'node:zlib'

/**
 * Generated credentials: a recognisable prefix (so secret scanners and log redaction find them),
 * 256 random bits, and a CRC-32 so a mistyped or truncated value is refused without a lookup.
 */
export const SECRET_PREFIX = {
  operator: 'tsr_op_',
  apiKey: 'tsr_ak_',
  clientSecret: 'tsr_cs_',
} as const

export type SecretKind = keyof typeof SECRET_PREFIX

const BODY_LENGTH = 43 // 32 bytes in base64url
const CHECK_LENGTH = 6 // 4 bytes in base64url

export function generateSecret(kind: SecretKind): string {
  const prefix = SECRET_PREFIX[kind]
  const body = randomBytes(32).toString('base64url')
  return `${prefix}${body}${checksum(prefix + body)}`
}

/** True when the value has the shape and checksum of a generated secret of that kind. */
export function isWellFormedSecret(kind: SecretKind, value: string): boolean {
  const prefix = SECRET_PREFIX[kind]
  if (value.length !== prefix.length + BODY_LENGTH + CHECK_LENGTH || !value.startsWith(prefix)) {
    return false
  }
  const body = value.slice(prefix.length, prefix.length + BODY_LENGTH)
  if (!/^[A-Za-z0-9_-]+$/.test(body)) return false
  return value.endsWith(checksum(prefix + body))
}

function checksum(text: string): string {
  const sum = Buffer.alloc(4)
  sum.writeUInt32BE(crc32(text) >>> 0)
  return sum.toString('base64url')
}
