/**
 * The managed-user email rules: how an integrator's address becomes the stored, per-client address,
 * how list filters are normalised, and what counts as an email address at all.
 */

/**
 * Stores an address once per OAuth client by tagging its local part with `+<clientId>`, so the same
 * person may exist under several clients while `email` stays globally unique. Idempotent: an address
 * that already carries this client's tag comes back unchanged. Like Cal.com, anything after a second
 * `@` is dropped; callers validate the address first, so that only matters for garbage input.
 */
export function suffixEmail(email: string, clientId: string): string {
  if (email.includes(`+${clientId}@`)) return email
  const [local = '', domain = ''] = email.split('@')
  return `${local}+${clientId}@${domain}`
}

/**
 * Turns one `emails=` list filter entry into the stored form. The test is deliberately looser than
 * `suffixEmail`'s (the client id anywhere, not just `+<id>@`), as in Cal.com, so callers may filter
 * by either the original or the stored address. Client ids are lower-case, so comparing the
 * lower-cased address against them loses nothing.
 */
export function normaliseFilterEmail(email: string, clientId: string): string {
  const lower = email.toLowerCase()
  return lower.includes(clientId.toLowerCase()) ? lower : suffixEmail(lower, clientId)
}

// RFC 5321 limits are in octets, so lengths are measured in UTF-8 bytes, as validator.js does.
const MAX_ADDRESS_BYTES = 254
const MAX_LOCAL_BYTES = 64
const MAX_LABEL_LENGTH = 63
const utf8 = new TextEncoder()

/** Dot-separated atoms of RFC 5322 `atext`, widened to Unicode letters and digits (RFC 6531). */
const LOCAL_PART =
  /^[\p{L}\p{M}\p{Nd}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{M}\p{Nd}!#$%&'*+/=?^_`{|}~-]+)*$/u
/** A host name label: letters, digits and inner hyphens. */
const DOMAIN_LABEL = /^[\p{L}\p{Nd}](?:[\p{L}\p{M}\p{Nd}-]*[\p{L}\p{M}\p{Nd}])?$/u
/** A top-level domain: two or more letters, or an IDN A-label. */
const TOP_LEVEL_LABEL = /^(?:[\p{L}\p{M}]{2,}|xn--[a-z0-9-]+)$/iu

/**
 * A strict, unquoted `local@domain` check in the spirit of validator.js `isEmail` defaults: no
 * quoted local parts, no IP-literal domains, at least two domain labels and an alphabetic TLD.
 * Whitespace, NUL and other control characters fail because no pattern admits them.
 */
export function isEmailAddress(value: string): boolean {
  if (utf8.encode(value).length > MAX_ADDRESS_BYTES) return false
  const parts = value.split('@')
  if (parts.length !== 2) return false
  const [local, domain] = parts as [string, string]
  if (utf8.encode(local).length > MAX_LOCAL_BYTES || !LOCAL_PART.test(local)) return false
  const labels = domain.split('.')
  if (labels.length < 2) return false
  const valid = labels.every((l) => l.length <= MAX_LABEL_LENGTH && DOMAIN_LABEL.test(l))
  return valid && TOP_LEVEL_LABEL.test(labels[labels.length - 1]!)
}

/**
 * Parses the `emails` query parameter: comma-separated, each entry trimmed. Entries are not
 * deduplicated or lower-cased here (see `normaliseFilterEmail`). The route turns `{ invalid }` into
 * `Invalid email <entry>` and `{ empty }` into `emails cannot be empty.`
 */
export function parseEmailsFilter(raw: string): string[] | { invalid: string } | { empty: true } {
  const entries = raw.split(',').map((entry) => entry.trim())
  if (entries.every((entry) => entry === '')) return { empty: true }
  const invalid = entries.find((entry) => !isEmailAddress(entry))
  return invalid === undefined ? entries : { invalid }
}
