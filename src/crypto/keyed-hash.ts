import { createHmac, timingSafeEqual, type KeyObject } from 'node:crypto'

/**
 * HMAC-SHA-256 of a high-entropy secret under a server key. A slow password hash would buy
 * nothing for 256-bit random secrets and would cap refresh throughput (see docs/adr/0002).
 */
export function keyedHash(key: KeyObject, secret: string): Buffer {
  return createHmac('sha256', key).update(secret, 'utf8').digest()
}

/** Constant-time equality of two digests; false (not an exception) when lengths differ. */
export function digestsEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b)
}
