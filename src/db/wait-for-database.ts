import type { FaultLog } from '../faults/fault-log.js'
import type { StartupProgress } from '../health/startup-progress.js'
import { isDatabaseUnavailable } from './unavailable.js'

const FIRST_DELAY_MS = 250
const MAX_DELAY_MS = 5_000

/**
 * Start-up steps that need the database, retried with backoff while it is unreachable (a
 * PostgreSQL that restarts with the host, a container started before its database). Exiting
 * instead would make a supervisor crash-loop and give up. Errors that waiting cannot fix (a
 * wrong password, a missing database, a bug) are thrown at once.
 */
export async function whileDatabaseUnavailable<T>(
  step: () => Promise<T>,
  faults: FaultLog,
  what: string,
  progress?: StartupProgress,
): Promise<T> {
  progress?.step(what)
  for (let attempt = 0; ; attempt++) {
    try {
      const result = await step()
      progress?.answered()
      if (attempt > 0) faults.recovered('startup', 'database reachable: start-up continues')
      return result
    } catch (err) {
      if (!isDatabaseUnavailable(err)) throw err
      // what /health/ready says meanwhile (http/starting.ts)
      progress?.waiting(what, attempt + 1, err)
      const delay = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(attempt, 10))
      faults.report(
        'startup',
        err,
        `database unreachable at start-up (${what}); retrying with backoff (up to every ${MAX_DELAY_MS / 1000} s)`,
      )
      await new Promise((resolve) => setTimeout(resolve, delay))
    }
  }
}
