/**
 * When a failed delivery is tried again: the Standard Webhooks schedule (about three days over
 * ten attempts), each delay jittered so that endpoints failing together do not all come back at
 * the same instant, and a receiver's `Retry-After` taking precedence on 429 and 503.
 */

/** Delays after the 1st, 2nd, … failed attempt: 10 attempts over about three days. */
export const DEFAULT_RETRY_SCHEDULE = '5s,5m,30m,2h,5h,10h,14h,20h,24h'

/** Each delay is moved by up to this fraction either way. */
const JITTER = 0.2
/** A Retry-After beyond this is read as this: a receiver cannot park a delivery for a month. */
const MAX_RETRY_AFTER_MS = 24 * 3_600_000

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }

/** Parses `5s,5m,2h…` (units ms, s, m, h, d); a message for the first bad entry otherwise. */
export function parseRetrySchedule(text: string): number[] | { problem: string } {
  const parts = text.split(',').map((p) => p.trim())
  const delays: number[] = []
  for (const part of parts) {
    const match = /^(\d+)(ms|s|m|h|d)$/.exec(part)
    if (!match) {
      return { problem: `"${part}" is not a duration like 30s, 5m, 2h or 1d` }
    }
    const ms = Number(match[1]) * UNIT_MS[match[2]!]!
    if (!Number.isSafeInteger(ms) || ms > 7 * 86_400_000) {
      return { problem: `"${part}" is longer than 7 days` }
    }
    delays.push(ms)
  }
  if (delays.length === 0 || delays.length > 30) {
    return { problem: 'must list between 1 and 30 delays' }
  }
  return delays
}

export type RetryDecision =
  { readonly retry: true; readonly delayMs: number } | { readonly retry: false }

export class RetrySchedule {
  constructor(
    private readonly delaysMs: readonly number[],
    private readonly random: () => number = Math.random,
  ) {}

  /** Attempts one round of the schedule makes: the first and one per delay. */
  get attempts(): number {
    return this.delaysMs.length + 1
  }

  /**
   * After the `attempt`-th failed attempt of a round (1-based): wait, or give up. `retryAfterMs`
   * is what a 429 or 503 asked for; it replaces the schedule's delay (sooner or later), but the
   * attempt still counts, so a receiver that always answers 429 does not get retried forever.
   */
  next(attempt: number, retryAfterMs: number | null = null): RetryDecision {
    const scheduled = this.delaysMs[attempt - 1]
    if (scheduled === undefined) return { retry: false }
    if (retryAfterMs !== null) {
      return { retry: true, delayMs: Math.min(Math.max(0, retryAfterMs), MAX_RETRY_AFTER_MS) }
    }
    const jitter = 1 + (this.random() * 2 - 1) * JITTER
    return { retry: true, delayMs: Math.round(scheduled * jitter) }
  }
}
