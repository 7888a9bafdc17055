/**
 * Time-zone handling for managed users. Input is capitalised first (Cal.com accepts
 * `america/new_york`), then judged by the runtime's IANA database through `Intl`.
 */

const ALWAYS_UPPER = /(?<![A-Za-z0-9])(gmt|est|utc)(?![A-Za-z0-9])/gi
const MAX_TIME_ZONE_LENGTH = 64
// IANA names only use these. Requiring a leading letter also keeps out offset strings such as
// `+01:00`, which newer Node versions would accept as a time zone but Cal.com's check does not.
const TIME_ZONE_SHAPE = /^[A-Za-z][A-Za-z0-9/_+-]*$/

function capitaliseWord(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase()
}

/** `america/new_york` → `America/New_York`; `utc` → `UTC`; `etc/gmt+5` → `Etc/GMT+5`. */
export function capitaliseTimeZone(value: string): string {
  return value
    .split('/')
    .map((part) => part.split('_').map(capitaliseWord).join('_'))
    .join('/')
    .replace(ALWAYS_UPPER, (word) => word.toUpperCase())
}

/**
 * True for any zone the runtime knows. Intl ignores case, which is why capitalisation quirks
 * (`America/Port-au-prince`) do not make a real zone invalid.
 */
export function isValidTimeZone(value: string): boolean {
  if (validZones.has(value)) return true
  if (value.length > MAX_TIME_ZONE_LENGTH || !TIME_ZONE_SHAPE.test(value)) return false
  try {
    new Intl.DateTimeFormat(undefined, { timeZone: value })
  } catch {
    return false
  }
  if (validZones.size < MAX_REMEMBERED_ZONES) validZones.add(value)
  return true
}

/**
 * Zones already found valid: building an Intl.DateTimeFormat costs about 0.2 ms, which an import
 * of 100,000 users would pay 100,000 times for a handful of zones. Only valid spellings are kept
 * (a few hundred exist), and never more than this many.
 */
const validZones = new Set<string>()
const MAX_REMEMBERED_ZONES = 4096

let knownZones: ReadonlyMap<string, string> | undefined

/** The runtime's own spelling of a zone it lists, looked up case-insensitively. */
function listedSpelling(zone: string): string | undefined {
  knownZones ??= new Map(Intl.supportedValuesOf('timeZone').map((z) => [z.toLowerCase(), z]))
  return knownZones.get(zone.toLowerCase())
}

/**
 * What to store for a caller's zone, or null when it is not one. Cal.com's capitalisation first
 * (`america/new_york` → `America/New_York`), then the IANA spelling of any zone the runtime lists:
 * capitalising word by word alone would turn a correctly sent `Europe/Isle_of_Man` into
 * `Europe/Isle_Of_Man`, which case-sensitive consumers (Java `ZoneId`, Python `zoneinfo` on Linux)
 * reject. Only the letter case changes, never the name (no alias is renamed). Zones the runtime does
 * not list (legacy aliases such as `US/Eastern`) keep Cal.com's capitalisation.
 */
export function normaliseTimeZone(value: string): string | null {
  const zone = capitaliseTimeZone(value)
  if (!isValidTimeZone(zone)) return null
  return listedSpelling(zone) ?? zone
}

/**
 * The runtime's canonical spelling of a valid zone, else null. The service stores the capitalised
 * input rather than this, as Cal.com does: canonicalisation also renames aliases (`US/Eastern`
 * becomes `America/New_York`) and its output depends on the ICU version, so storing it would echo
 * back a different value than the caller sent, and one that could change on a Node upgrade. Use
 * this to compare zones, not to store them.
 */
export function canonicalTimeZone(value: string): string | null {
  if (!isValidTimeZone(value)) return null
  return new Intl.DateTimeFormat(undefined, { timeZone: value }).resolvedOptions().timeZone
}
