import type { Database } from '../db/database.js'
import { safeError } from '../db/errors.js'
import { MIGRATION_NAMES } from '../db/migrate.js'
import type { ChangeFeed } from '../domain/changes/change-feed.js'

/** One readiness check: `ok`, or why not, in words safe to show to anyone who can reach a probe. */
export interface CheckResult {
  readonly ok: boolean
  readonly message?: string
}

export type CheckName = 'database' | 'migrations' | 'changeFeed' | 'shutdown' | 'startup'

export interface ReadinessReport {
  readonly ready: boolean
  readonly checks: Readonly<Record<CheckName, CheckResult>>
}

export interface ReadinessOptions {
  readonly database: Database
  readonly changes: ChangeFeed
  /** A database that has not answered within this is reported unreachable. */
  readonly timeoutMs?: number
}

const OK: CheckResult = { ok: true }

/**
 * Whether this process can do its work, for `GET /health/ready`: the database answers, its schema
 * is the one this build expects, changes made by other processes reach this one, and no shutdown
 * has begun. Concurrent probes share one database round trip, so a probe storm costs one query.
 */
export class Readiness {
  #draining = false
  #inFlight: Promise<ReadinessReport> | null = null

  constructor(private readonly options: ReadinessOptions) {}

  /** True once a SIGTERM started draining: readiness fails from then on. */
  get draining(): boolean {
    return this.#draining
  }

  beginDraining(): void {
    this.#draining = true
  }

  check(): Promise<ReadinessReport> {
    this.#inFlight ??= this.#check().finally(() => (this.#inFlight = null))
    return this.#inFlight
  }

  async #check(): Promise<ReadinessReport> {
    const schema = await this.#schema()
    const checks = {
      database: schema.database,
      migrations: schema.migrations,
      changeFeed: this.options.changes.live
        ? OK
        : {
            ok: false,
            message:
              'the change notification connection is down: changes made by other processes are not seen (caches bypassed until it reconnects)',
          },
      shutdown: this.#draining
        ? { ok: false, message: 'draining: this process received SIGTERM and is stopping' }
        : OK,
      // this object exists once start-up finished (startup-progress.ts answers before)
      startup: OK,
    }
    return { ready: Object.values(checks).every((c) => c.ok), checks }
  }

  /** One query answers both: the database is reachable, and which migrations it has. */
  async #schema(): Promise<{ database: CheckResult; migrations: CheckResult }> {
    const timeoutMs = this.options.timeoutMs ?? 2_000
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs)
    })
    const unknown = { ok: false, message: 'unknown: the database did not answer' }
    try {
      const rows = await Promise.race([
        this.options.database.sql.query<{ name: string }>(
          'SELECT name FROM tessera_migrations ORDER BY name',
          [],
        ),
        timeout,
      ])
      if (rows === 'timeout') {
        return {
          database: { ok: false, message: `unreachable: no answer within ${timeoutMs} ms` },
          migrations: unknown,
        }
      }
      return { database: OK, migrations: compareMigrations(rows.map((r) => r.name)) }
    } catch (err) {
      const { code } = safeError(err)
      // the driver's message may name hosts or users: only the error code leaves the process
      return {
        database: { ok: false, message: `unreachable${code ? ` (${code})` : ''}` },
        migrations: unknown,
      }
    } finally {
      clearTimeout(timer)
    }
  }
}

function compareMigrations(applied: readonly string[]): CheckResult {
  const missing = MIGRATION_NAMES.filter((name) => !applied.includes(name))
  if (missing.length > 0) {
    return { ok: false, message: `not applied: ${missing.join(', ')}` }
  }
  const unknown = applied.filter((name) => !MIGRATION_NAMES.includes(name))
  if (unknown.length > 0) {
    return {
      ok: false,
      message: `the database has migrations this build does not know (${unknown.join(', ')}): a newer version migrated it`,
    }
  }
  return OK
}

/** The body of `GET /health/ready`: the checks, and the names of those that fail. */
export function readinessBody(report: ReadinessReport) {
  const failing = Object.entries(report.checks)
    .filter(([, check]) => !check.ok)
    .map(([name]) => name)
  return {
    status: report.ready ? ('ok' as const) : ('unavailable' as const),
    failing,
    checks: report.checks,
  }
}
