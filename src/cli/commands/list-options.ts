import { UsageError } from '../command.js'

/** `--types a,b` → ['a', 'b']. */
export function splitList(value: unknown): string[] | undefined {
  if (typeof value !== 'string') return undefined
  const items = value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean)
  return items.length > 0 ? items : undefined
}

/** `--limit n`, 1 to `max`. */
export function listLimit(value: unknown, max: number): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (typeof value !== 'string' || !/^\d+$/.test(value) || n < 1 || n > max) {
    throw new UsageError(`--limit takes a whole number from 1 to ${max}`)
  }
  return n
}
