import { describe, expect, it } from 'vitest'
import { MIGRATION_NAMES } from '../../../src/db/migrate.js'

// Kysely refuses to run a migration whose name sorts before one a database has already run, so a
// migration that lands after a higher-numbered one would stop every upgraded instance at start.
describe('migrations', () => {
  it('are listed in the order their names sort, each number once', () => {
    expect([...MIGRATION_NAMES].sort()).toEqual(MIGRATION_NAMES)
    const numbers = MIGRATION_NAMES.map((name) => name.slice(0, 4))
    expect(new Set(numbers).size).toBe(numbers.length)
    for (const n of numbers) expect(n).toMatch(/^\d{4}$/)
  })
})
