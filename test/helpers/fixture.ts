import { afterAll, afterEach, beforeAll, beforeEach, describe, onTestFinished } from 'vitest'
import type { Kysely } from 'kysely'
import type { Database } from '../../src/db/database.js'
import type { DB } from '../../src/db/schema.js'
import { BACKENDS, type Backend } from './backends.js'
import { openTestDatabase, type TestDatabase } from './database.js'
import { TestApp, type TestAppOptions } from './test-app.js'

/**
 * The one way suites get a Tessera instance. Each helper owns start and teardown, so a suite
 * never writes `beforeAll`/`afterAll` for an app:
 *
 * - `describeApp(title, options?, (t, backend) => { … })`: the suite once per backend (PGlite
 *   always, PostgreSQL when TEST_DATABASE_URL is set), with one app per backend shared by its tests.
 * - `useApp(backend, options?)`: one more app for the enclosing `describe` (a second
 *   configuration next to the first, or a suite that loops over backends itself).
 * - `startApp(backend, options?)`: an app for one test, closed when that test ends.
 * - `useDatabase(backend, options?)`: a migrated database without an app, for storage-level suites.
 *
 * The app object exists at once and runs from the suite's `beforeAll` to its `afterAll`; touching
 * `t.app` or `t.tessera` while the suite is being declared throws.
 */
export function describeApp(title: string, suite: (t: TestApp, backend: Backend) => void): void
export function describeApp(
  title: string,
  options: TestAppOptions,
  suite: (t: TestApp, backend: Backend) => void,
): void
export function describeApp(
  title: string,
  optionsOrSuite: TestAppOptions | ((t: TestApp, backend: Backend) => void),
  maybeSuite?: (t: TestApp, backend: Backend) => void,
): void {
  const [options, suite] =
    typeof optionsOrSuite === 'function' ? [{}, optionsOrSuite] : [optionsOrSuite, maybeSuite!]
  describeBackends(title, (backend) => suite(useApp(backend, options), backend))
}

/** `describe(title [backend])` once per backend, for suites that set up more than one app. */
export function describeBackends(title: string, suite: (backend: Backend) => void): void {
  for (const backend of BACKENDS) describe(`${title} [${backend}]`, () => suite(backend))
}

/** An app started before the enclosing `describe`'s tests and closed after them. */
export function useApp(backend: Backend, options: TestAppOptions = {}): TestApp {
  const t = new TestApp(backend, options)
  beforeAll(() => t.start())
  afterAll(() => t.close())
  return t
}

/** An app for the current test only (its own limits or clock), closed when the test ends. */
export async function startApp(backend: Backend, options: TestAppOptions = {}): Promise<TestApp> {
  const t = new TestApp(backend, options)
  onTestFinished(() => t.close())
  return t.start()
}

export interface DatabaseOptions {
  /** `test` (default): a fresh database for every test; `suite`: one shared by the suite's tests. */
  readonly fresh?: 'test' | 'suite'
  /** Rows every fresh database starts with (written through the code under test, not raw SQL). */
  readonly seed?: (database: Database) => Promise<void>
}

/** A database the enclosing `describe` uses, opened and closed around its tests. */
export interface DatabaseHandle {
  readonly database: Database
  readonly db: Kysely<DB>
}

/**
 * A migrated database for the enclosing `describe`, with no app around it. With `fresh: 'test'`
 * and a `seed`, the embedded backend seeds once and gives every test a copy of the result (an
 * image opens in a fraction of the time the seeding takes); PostgreSQL seeds a new schema per test.
 */
export function useDatabase(backend: Backend, options: DatabaseOptions = {}): DatabaseHandle {
  const { fresh = 'test', seed } = options
  let current: TestDatabase | undefined
  let seededImage: Blob | undefined
  const open = async () => {
    current = await openTestDatabase(backend, seededImage)
    if (seed && !seededImage) await seed(current.database)
  }
  const close = async () => {
    const closing = current
    current = undefined
    await closing?.close()
  }
  if (fresh === 'suite') {
    beforeAll(open)
    afterAll(close)
  } else {
    if (seed && backend === 'pglite') {
      beforeAll(async () => {
        const seeded = await openTestDatabase(backend)
        try {
          await seed(seeded.database)
          seededImage = await seeded.database.dumpImage!()
        } finally {
          await seeded.close()
        }
      })
    }
    beforeEach(open)
    afterEach(close)
  }
  const started = () => {
    if (!current) throw new Error('the test database is open only inside tests and hooks')
    return current.database
  }
  return {
    get database() {
      return started()
    },
    get db() {
      return started().db
    },
  }
}
