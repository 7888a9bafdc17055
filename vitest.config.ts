import { existsSync } from 'node:fs'
import { defineConfig } from 'vitest/config'
import { BaseSequencer, type TestSpecification } from 'vitest/node'
import { findChromium } from './test/helpers/browser/chromium.js'
import { faultSuiteTools } from './test/helpers/fault/tools.js'

// Suites that need a server the fresh clone may not have run only when it is given.
const exclude = [
  ...(process.env.TEST_DATABASE_URL
    ? []
    : [
        'test/process/two-processes.test.ts',
        'test/process/readiness.test.ts',
        'test/unit/db/shared-database.test.ts',
      ]),
  ...(process.env.TEST_REDIS_URL ? [] : ['test/unit/rate-limit/redis-rate-limiter.test.ts']),
  ...faultSuiteExclusion(),
  ...browserSuiteExclusion(),
]

/**
 * The fault suite starts its own PostgreSQL 15, redis-server and HAProxy. Without them (a
 * laptop) it is left out with a note; CI (TESSERA_FAULT_SUITE=required) fails instead.
 */
function faultSuiteExclusion(): string[] {
  const missing = faultSuiteTools().filter((tool) => !existsSync(tool.path))
  if (missing.length === 0) return []
  const names = missing.map((tool) => `${tool.name} (${tool.path})`).join(', ')
  if (process.env.TESSERA_FAULT_SUITE === 'required') {
    throw new Error(`the fault suite needs ${names}; .ci/run installs them`)
  }
  process.stderr.write(`note: test/faults left out, missing ${names}\n`)
  return ['test/faults/**']
}

/**
 * The console's browser suite (test/browser) drives Debian's Chromium. Without one (a laptop) it
 * is left out with a loud note; CI (TESSERA_BROWSER_SUITE=required) fails instead.
 */
function browserSuiteExclusion(): string[] {
  if (findChromium()) return []
  if (process.env.TESSERA_BROWSER_SUITE === 'required') {
    throw new Error('the browser suite needs Chromium (/usr/bin/chromium); .ci/run installs it')
  }
  process.stderr.write(
    '\n!!! test/browser LEFT OUT: no Chromium found (apt-get install chromium, or set TESSERA_CHROMIUM).\n' +
      '!!! The console is NOT tested in a browser on this machine.\n\n',
  )
  return ['test/browser/**']
}

/**
 * Suites that drive real processes (servers, CLI runs, throwaway PostgreSQL) take the longest and
 * spend much of it waiting: started first, they overlap with everything else instead of running
 * alone at the end of a two-worker run. Within each group, Vitest's own order (slowest known first).
 */
class ProcessSuitesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    const slow = (file: TestSpecification) =>
      /[/\\]test[/\\](process|faults|browser)[/\\]/.test(file.moduleId)
    return [...sorted.filter(slow), ...sorted.filter((file) => !slow(file))]
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'sdk/test/**/*.test.ts'],
    exclude,
    // PGlite instances are heavy; two workers match the two cores of CI machines
    maxWorkers: 2,
    // Files share their worker's module cache instead of importing Fastify, PGlite and the whole
    // source again per file (most of a file's start-up). Suites hold no module-level state of
    // the code under test: every app and database is built per suite by the fixture.
    isolate: false,
    sequence: { sequencer: ProcessSuitesFirst },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    allowOnly: false,
    globalSetup: ['test/helpers/global-setup.ts'],
  },
})
