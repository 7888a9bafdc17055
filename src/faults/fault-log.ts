import type { Logger } from 'pino'
import { safeError } from '../db/errors.js'

/**
 * Where a fault was met. Each source is logged and counted on its own, so a database outage
 * (which every source sees at once) shows as one line per source, not one per request.
 */
export type FaultSource =
  | 'db_pool'
  | 'db_client'
  | 'db_unavailable'
  | 'request_deadline'
  | 'change_feed'
  | 'change_handler'
  | 'key_ring'
  | 'revoked_families'
  | 'rotation_batcher'
  | 'audit_sealer'
  | 'maintenance'
  | 'redis'
  | 'startup'

/** Once a source has logged, further faults of it are only counted for this long. */
const DEFAULT_LOG_INTERVAL_MS = 10_000

/**
 * Faults are normal conditions (docs/operations.md): each is logged at most once per interval
 * per source, with how many were suppressed since, and every one is counted. Errors are logged
 * through `safeError`: a message and a code, never connection strings or query parameters.
 */
export class FaultLog {
  readonly #counts = new Map<FaultSource, number>()
  readonly #lastLogged = new Map<FaultSource, { at: number; suppressed: number }>()
  readonly #listeners: ((source: FaultSource) => void)[] = []

  constructor(
    private readonly logger: Logger,
    private readonly intervalMs = DEFAULT_LOG_INTERVAL_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Counts the fault and logs it unless this source logged within the interval. */
  report(source: FaultSource, err: unknown, message: string): void {
    this.tally(source)
    const now = this.now()
    const last = this.#lastLogged.get(source)
    if (last && now - last.at < this.intervalMs) {
      last.suppressed++
      return
    }
    this.#lastLogged.set(source, { at: now, suppressed: 0 })
    this.logger.warn(
      {
        source,
        err: safeError(err),
        ...(last?.suppressed ? { suppressedSinceLastLine: last.suppressed } : {}),
      },
      message,
    )
  }

  /** Counts a fault whose owner logs it (throttled) itself. */
  tally(source: FaultSource): void {
    this.#counts.set(source, (this.#counts.get(source) ?? 0) + 1)
    for (const listener of this.#listeners) listener(source)
  }

  /** Logs, unthrottled, that a source works again (once per recovery, so never a flood). */
  recovered(source: FaultSource, message: string): void {
    if (!this.#lastLogged.delete(source)) return
    this.logger.info({ source }, message)
  }

  /** Called on every fault (the metrics module counts them). */
  onFault(listener: (source: FaultSource) => void): void {
    this.#listeners.push(listener)
  }
}

/**
 * Runs a background task (never awaited by a request) so that a failure is reported and
 * retried with backoff instead of becoming an unhandled rejection, which ends a Node process.
 * Resolves when the task finally succeeds or `stopped()` says to give up.
 */
export async function retryInBackground(
  task: () => Promise<void>,
  faults: FaultLog,
  source: FaultSource,
  message: string,
  options: { stopped?: () => boolean; firstDelayMs?: number; maxDelayMs?: number } = {},
): Promise<void> {
  const { stopped = () => false, firstDelayMs = 250, maxDelayMs = 10_000 } = options
  for (let attempt = 0; !stopped(); attempt++) {
    try {
      await task()
      if (attempt > 0) faults.recovered(source, `${source}: recovered`)
      return
    } catch (err) {
      faults.report(source, err, message)
      const delay = Math.min(maxDelayMs, firstDelayMs * 2 ** Math.min(attempt, 10))
      await new Promise((resolve) => setTimeout(resolve, delay).unref())
    }
  }
}
