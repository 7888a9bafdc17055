import { unavailableReason } from '../db/unavailable.js'
import type { CheckResult, ReadinessReport } from './readiness.js'

/**
 * Where start-up is, for the probes that answer while it runs (http/starting.ts): which step,
 * and whether it is waiting for a database that does not answer (why, and for how many
 * attempts). Only fixed words and error codes: nothing here names a host, a user or a password.
 */
export class StartupProgress {
  #step = 'opening the database'
  #waiting: { step: string; attempt: number; reason: string } | null = null
  #databaseAnswered = false
  #migrated = false

  /** Start-up moved on to `step` (e.g. `signing keys`). */
  step(step: string): void {
    this.#step = step
  }

  /** `step` met an unreachable database on its `attempt`-th try (1, 2, …) and will retry. */
  waiting(step: string, attempt: number, error: unknown): void {
    this.#step = step
    this.#waiting = { step, attempt, reason: unavailableReason(error) }
  }

  /** A step that needs the database succeeded. */
  answered(): void {
    this.#waiting = null
    this.#databaseAnswered = true
  }

  migrated(): void {
    this.#migrated = true
  }

  /** `/health/ready` while starting: `startup` fails, and `database` says why when it waits. */
  report(): ReadinessReport {
    const waiting = this.#waiting
    const database: CheckResult = waiting
      ? {
          ok: false,
          message: `waiting: unreachable (${waiting.reason}) at start-up, attempt ${waiting.attempt} (${waiting.step}); retrying with backoff`,
        }
      : this.#databaseAnswered
        ? { ok: true }
        : { ok: false, message: 'not reached yet: start-up in progress' }
    return {
      ready: false,
      checks: {
        database,
        migrations: this.#migrated
          ? { ok: true }
          : { ok: false, message: 'unknown: start-up has not applied them yet' },
        changeFeed: { ok: false, message: 'not started yet: start-up in progress' },
        shutdown: { ok: true },
        startup: { ok: false, message: `in progress: ${this.#step}` },
      },
    }
  }
}
