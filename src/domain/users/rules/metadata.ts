/** Free-form key/value data an integrator may attach to a managed user, within Cal.com's limits. */
export type Metadata = Record<string, string | number | boolean>

const METADATA_MESSAGE =
  'Metadata must have at most 50 keys, each key up to 40 characters, and values up to 500 characters.'

const MAX_KEYS = 50
const MAX_KEY_LENGTH = 40
const MAX_STRING_VALUE_LENGTH = 500

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

function isAllowedValue(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
      return value.length <= MAX_STRING_VALUE_LENGTH
    case 'number':
      return Number.isFinite(value)
    case 'boolean':
      return true
    default:
      return false // null, arrays and nested objects: the data stays flat
  }
}

/**
 * Null when `value` is acceptable metadata, else the single message Cal.com gives for every
 * violation. Lengths are in UTF-16 code units, as JavaScript (and so Cal.com) counts them.
 */
export function validateMetadata(value: unknown): string | null {
  if (!isPlainObject(value)) return METADATA_MESSAGE
  const entries = Object.entries(value)
  if (entries.length > MAX_KEYS) return METADATA_MESSAGE
  const valid = entries.every(([key, item]) => key.length <= MAX_KEY_LENGTH && isAllowedValue(item))
  return valid ? null : METADATA_MESSAGE
}
