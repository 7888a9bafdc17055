import { createHash } from 'node:crypto'

/**
 * Names of the buckets. Credentials handed to the limiter are meant to be non-secret ids, but a
 * mistake upstream must not turn a raw secret into a Redis key or a log line, so the pair is
 * always hashed; and addresses can come from `X-Forwarded-For`, so anything that does not look
 * like an IP address is hashed too, which also bounds the size of every key.
 */

/**
 * The pair as one string, unambiguous thanks to the length prefix ('a|b', 'c' vs 'a', 'b|c').
 * The in-process limiter keys its map with it: nothing leaves the process, so nothing to hash.
 */
export function pairKey(credential: string, address: string): string {
  return `${credential.length}:${credential}|${address}`
}

/** 32 hex characters (128 bits) of SHA-256 over the pair, for keys stored outside the process. */
export function pairId(credential: string, address: string): string {
  return createHash('sha256')
    .update(pairKey(credential, address), 'utf8')
    .digest('hex')
    .slice(0, 32)
}

// IPv4, IPv6 (also IPv4-mapped) in their textual forms; at most 45 characters
const IP_LIKE = /^[0-9A-Fa-f:.]{1,45}$/

/** The address itself when it looks like an IP address (readable keys), otherwise `h:<hash>`. */
export function addressId(address: string): string {
  if (IP_LIKE.test(address)) return address
  return `h:${createHash('sha256').update(address, 'utf8').digest('hex').slice(0, 32)}`
}
