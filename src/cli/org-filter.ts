import { UsageError } from './command.js'

/** `--org <id>` of the audit commands: a whole number (0: instance events). */
export function organizationFilter(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new UsageError('--org takes an organization id (0: instance events)')
  }
  return Number(value)
}
