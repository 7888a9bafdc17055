import { defineConfig } from 'vitest/config'

// Suites that need a server the fresh clone may not have run only when it is given.
const exclude = [
  ...(process.env.TEST_DATABASE_URL
    ? []
    : ['test/process/two-processes.test.ts', 'test/unit/db/shared-database.test.ts']),
  ...(process.env.TEST_REDIS_URL ? [] : ['test/unit/rate-limit/redis-rate-limiter.test.ts']),
]

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude,
    // PGlite instances are heavy; two workers match the two cores of CI machines
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    allowOnly: false,
    globalSetup: ['test/helpers/global-setup.ts'],
  },
})
