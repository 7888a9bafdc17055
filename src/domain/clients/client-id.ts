import { randomBytes } from 'node:crypto'

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz'

/**
 * A new client id shaped like Cal.com's cuids (`c` + 24 lower-case alphanumerics), so code that
 * stores or pattern-matches Cal.com client ids keeps working. 120 random bits; not a secret.
 */
export function newClientId(): string {
  const bytes = randomBytes(24)
  let id = 'c'
  for (const byte of bytes) id += ALPHABET[byte % 36]
  return id
}

/** Ids we could have issued or imported: short, URL- and email-safe (they end up in addresses). */
export function isPlausibleClientId(value: string): boolean {
  return /^[A-Za-z0-9_-]{1,64}$/.test(value)
}
