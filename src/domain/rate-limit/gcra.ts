import type { RateLimitConfig, RateLimitDecision, RateLimitOutcome } from './rate-limiter.js'

/**
 * The arithmetic shared by the memory and Redis limiters (the Redis Lua scripts mirror `charge`),
 * so both make the same decision from the same state.
 *
 * A bucket's state is its TAT ("theoretical arrival time", in ms): the moment it will be full
 * again. Its *debt* at time `now` is `max(0, TAT - now)` ms; every point costs `intervalMs`
 * (window / capacity) of debt, so the points left are `capacity - debt / intervalMs`.
 */

export interface BucketParams {
  readonly capacity: number
  readonly intervalMs: number
  readonly failureCost: number
}

export interface RateLimitParams {
  readonly windowMs: number
  readonly limit: number
  readonly pair: BucketParams
  readonly address: BucketParams
}

// Tolerance, in points, for floating-point drift: TATs are sums of fractional intervals, and a
// bucket holding 9.9999999999 points must count as holding 10.
const EPSILON_POINTS = 1e-6

export function rateLimitParams(config: RateLimitConfig): RateLimitParams {
  const windowMs = config.windowSeconds * 1000
  return {
    windowMs,
    limit: config.requests,
    pair: bucket(windowMs, config.requests, config.failures),
    address: bucket(windowMs, config.addressRequests, config.addressFailures),
  }
}

function bucket(windowMs: number, capacity: number, failures: number): BucketParams {
  return {
    capacity,
    intervalMs: windowMs / capacity,
    // Config guarantees failures <= capacity; max() keeps a failure at least as costly as a success
    failureCost: Math.max(1, Math.ceil(capacity / failures)),
  }
}

function cost(bucket: BucketParams, outcome: RateLimitOutcome): number {
  return outcome === 'success' ? 1 : bucket.failureCost
}

/**
 * Points to charge when the outcome is known. An admitted request already paid for a failure
 * (its reservation), so a success gets all but one point back and a failure pays nothing more;
 * a bucket that was not reserved pays the outcome's cost.
 */
export function settlement(
  bucket: BucketParams,
  outcome: RateLimitOutcome,
  reserved: boolean,
): number {
  if (!reserved) return cost(bucket, outcome)
  return outcome === 'success' ? 1 - bucket.failureCost : 0
}

/**
 * The TAT after charging `points` (negative: a refund). Kept between `now` (full) and one window
 * ahead: a bucket cannot owe more than it holds, so requests in flight when it ran dry never
 * stretch a lockout beyond one window, and a refund never makes a bucket fuller than full.
 */
export function charge(
  tat: number | undefined,
  now: number,
  points: number,
  bucket: BucketParams,
  windowMs: number,
): number {
  const start = tat === undefined || tat < now ? now : tat
  return Math.max(now, Math.min(start + points * bucket.intervalMs, now + windowMs))
}

export function debt(tat: number | undefined, now: number): number {
  return tat === undefined || tat <= now ? 0 : tat - now
}

interface BucketView {
  readonly affordsFailure: boolean
  readonly remaining: number
  readonly resetMs: number
  /** Time until one more failure is affordable (≤ 0 when it already is). */
  readonly retryMs: number
}

function view(bucket: BucketParams, debtMs: number): BucketView {
  const points = bucket.capacity - debtMs / bucket.intervalMs
  return {
    affordsFailure: points + EPSILON_POINTS >= bucket.failureCost,
    remaining: Math.max(0, Math.floor(points + EPSILON_POINTS)),
    resetMs: debtMs,
    retryMs: debtMs - (bucket.capacity - bucket.failureCost) * bucket.intervalMs,
  }
}

/** The decision for a request, given the debts of its two buckets (ms) and its known-good mark. */
export function decide(
  params: RateLimitParams,
  pairDebtMs: number,
  addressDebtMs: number,
  knownGood: boolean,
): RateLimitDecision {
  const applying = [view(params.pair, pairDebtMs)]
  if (!knownGood) applying.push(view(params.address, addressDebtMs))

  // The tightest bucket is the one with the fewest successes left; on a tie, the slower to refill
  const tightest = applying.reduce((a, b) =>
    b.remaining < a.remaining || (b.remaining === a.remaining && b.resetMs > a.resetMs) ? b : a,
  )
  const refusing = applying.filter((b) => !b.affordsFailure)
  const resetSeconds = wholeSeconds(tightest.resetMs)
  if (refusing.length === 0) {
    return { allowed: true, limit: params.limit, remaining: tightest.remaining, resetSeconds }
  }
  const retryMs = Math.max(...refusing.map((b) => b.retryMs))
  return {
    allowed: false,
    limit: params.limit,
    remaining: 0,
    resetSeconds,
    retryAfterSeconds: Math.max(1, wholeSeconds(retryMs)),
  }
}

/** What is reported when nothing is counted (limiting disabled, or its store unreachable). */
export function openDecision(config: RateLimitConfig): RateLimitDecision {
  return { allowed: true, limit: config.requests, remaining: config.requests, resetSeconds: 0 }
}

// Rounds up, but not for sub-microsecond float noise (60000.0000001 ms is 60 s, not 61).
function wholeSeconds(ms: number): number {
  return Math.max(0, Math.ceil(ms / 1000 - 1e-9))
}
