import type { Logger } from 'pino'
import type { Config } from '../../config/config.js'
import type { Clock } from '../../context.js'
import { openDecision } from './gcra.js'
import { MemoryRateLimiter } from './memory-rate-limiter.js'
import type { RedisTimeouts } from './redis-rate-limiter.js'

/**
 * Brute-force protection for every endpoint that checks a secret, key or token.
 *
 * Two buckets are consulted per request:
 * - the **pair** bucket, keyed by (credential, source address). A credential is a non-secret
 *   string chosen by the caller: `client:<id>`, `api_key:<hash-prefix>`, `operator`, `family:<id>`;
 * - the **address** bucket, keyed by the source address alone, over all credentials.
 *
 * Each bucket is a GCRA (a token bucket stored as one number, its "theoretical arrival time")
 * measured in points: `requests` points per `windowSeconds` for a pair, `addressRequests` for an
 * address, refilling continuously. A success costs 1 point; a failure costs
 * `ceil(requests / failures)` points (`ceil(addressRequests / addressFailures)` for the address),
 * so failures and successes share one budget and a failure weighs many successes. A bucket never
 * owes more than its capacity: once empty it is full again after at most one window.
 *
 * `check` runs before the request is handled and refuses when
 * - the pair bucket cannot afford one more *failure*. Admission cannot wait for the outcome (the
 *   attempt might succeed), so it is priced at its worst case: an attacker stops after `failures`
 *   failures per window while a client that mostly succeeds keeps almost the whole budget;
 * - the address bucket cannot afford one more failure, **unless** this pair succeeded within the
 *   last window ("known good"): a flood from an address shared with honest clients (a NAT, a
 *   platform backend) must not lock out the clients that keep succeeding from it.
 * `record` runs after handling, charges both buckets with the outcome's cost, and on success
 * marks the pair known good for one window. Requests refused by `check` should not be recorded.
 *
 * The decision carries what the HTTP layer needs for its headers: `limit` is `requests`;
 * `remaining` is the whole successes still affordable in the tightest bucket that applies (the
 * address bucket does not apply to a known-good pair), 0 when refused; `resetSeconds` is the time
 * until that bucket is full again; `retryAfterSeconds` (refusals only) is the time until every
 * refusing bucket can afford a failure again.
 */
export interface RateLimitDecision {
  readonly allowed: boolean
  readonly limit: number
  readonly remaining: number
  readonly resetSeconds: number
  readonly retryAfterSeconds?: number
  /**
   * Buckets an admitted request has already paid a failure into (its reservation). Without it,
   * many attempts sent at once would all pass `check` before the first failure was recorded.
   */
  readonly reserved?: { readonly pair: boolean; readonly address: boolean }
}

export type RateLimitOutcome = 'success' | 'failure'

export type RateLimitConfig = Config['rateLimit']

export interface RateLimiter {
  /** The decision for a request now, changing nothing. */
  check(credential: string, address: string): Promise<RateLimitDecision>
  /**
   * Decides and, when it admits, reserves the cost of a failure in the buckets that apply, in one
   * step: attempts sent at once are counted as they arrive, not when they fail. Settle with `record`.
   */
  admit(credential: string, address: string): Promise<RateLimitDecision>
  /**
   * Charges an outcome. Given the decision of `admit`, settles its reservation instead: a success
   * gets back all but one point, a failure pays nothing more.
   */
  record(
    credential: string,
    address: string,
    outcome: RateLimitOutcome,
    decision?: RateLimitDecision,
  ): Promise<void>
  close(): Promise<void>
}

export interface RateLimiterOptions {
  readonly config: RateLimitConfig
  /** Shares the counters between processes; unset, each process counts on its own. */
  readonly redisUrl?: string | undefined
  /** Epoch milliseconds; the Redis limiter reads the Redis server's time instead. */
  readonly clock?: Clock | undefined
  readonly logger?: Logger | undefined
  /** Prefix of every Redis key (default `tessera:rl:`); tests isolate their runs with it. */
  readonly keyPrefix?: string | undefined
  /** Redis only: called on every call that failed or skipped Redis (counted as a fault). */
  readonly onRedisError?: (() => void) | undefined
  /** Redis only: command and connect timeouts (ms); unset, the configuration's defaults. */
  readonly redisTimeouts?: RedisTimeouts | undefined
}

/** Async because the Redis client is loaded only when REDIS_URL asks for it (it is not small). */
export async function createRateLimiter(options: RateLimiterOptions): Promise<RateLimiter> {
  const { config } = options
  if (!config.enabled) return allowAll(config)
  if (options.redisUrl !== undefined) {
    const { RedisRateLimiter } = await import('./redis-rate-limiter.js')
    return new RedisRateLimiter({
      config,
      url: options.redisUrl,
      clock: options.clock,
      logger: options.logger,
      keyPrefix: options.keyPrefix,
      onError: options.onRedisError,
      timeouts: options.redisTimeouts,
    })
  }
  return new MemoryRateLimiter({ config, clock: options.clock })
}

/** Protection switched off: every request is allowed and nothing is counted. */
function allowAll(config: RateLimitConfig): RateLimiter {
  const decision = openDecision(config)
  return {
    check: () => Promise.resolve(decision),
    admit: () => Promise.resolve(decision),
    record: () => Promise.resolve(),
    close: () => Promise.resolve(),
  }
}
