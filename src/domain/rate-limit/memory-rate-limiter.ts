import { systemClock, type Clock } from '../../context.js'
import {
  charge,
  debt,
  decide,
  rateLimitParams,
  type BucketParams,
  type RateLimitParams,
  settlement,
} from './gcra.js'
import { addressId, pairKey } from './rate-limit-keys.js'
import type {
  RateLimitConfig,
  RateLimitDecision,
  RateLimiter,
  RateLimitOutcome,
} from './rate-limiter.js'

export interface MemoryRateLimiterOptions {
  readonly config: RateLimitConfig
  readonly clock?: Clock | undefined
  /** Hard cap on stored entries; the least recently written are evicted beyond it. */
  readonly maxKeys?: number | undefined
}

const DEFAULT_MAX_KEYS = 200_000
// Sweeping more often than once a minute buys nothing: the cap bounds memory between sweeps
const MAX_SWEEP_INTERVAL_MS = 60_000

// One map holds the three kinds of entry, each a single number that means "nothing to remember
// once the clock passes it": a bucket's TAT (full again) or a known-good mark's expiry.
const PAIR = 'p:'
const ADDRESS = 'a:'
const GOOD = 'g:'

/**
 * The counters of one process (no REDIS_URL). O(1) per call; memory is bounded by a periodic
 * sweep of entries whose time has passed and by a hard cap on their number.
 */
export class MemoryRateLimiter implements RateLimiter {
  readonly #params: RateLimitParams
  readonly #clock: Clock
  // Times are kept relative to the first reading: small numbers keep the sums of fractional
  // intervals exact to far below a point, where epoch milliseconds would lose precision.
  readonly #origin: number
  readonly #maxKeys: number
  readonly #entries = new Map<string, number>()
  readonly #timer: NodeJS.Timeout

  constructor(options: MemoryRateLimiterOptions) {
    this.#params = rateLimitParams(options.config)
    this.#clock = options.clock ?? systemClock
    this.#origin = this.#clock()
    this.#maxKeys = Math.max(1, options.maxKeys ?? DEFAULT_MAX_KEYS)
    const every = Math.min(this.#params.windowMs, MAX_SWEEP_INTERVAL_MS)
    this.#timer = setInterval(() => this.sweep(), every)
    // The sweep alone must not keep the process alive
    this.#timer.unref()
  }

  check(credential: string, address: string): Promise<RateLimitDecision> {
    return Promise.resolve(this.#decide(credential, address, this.#now()).decision)
  }

  admit(credential: string, address: string): Promise<RateLimitDecision> {
    const now = this.#now()
    const { decision, knownGood, pair } = this.#decide(credential, address, now)
    if (!decision.allowed) return Promise.resolve(decision)
    this.#charge(PAIR + pair, this.#params.pair, this.#params.pair.failureCost, now)
    if (!knownGood) {
      const bucket = this.#params.address
      this.#charge(ADDRESS + shortAddress(address), bucket, bucket.failureCost, now)
    }
    return Promise.resolve({ ...decision, reserved: { pair: true, address: !knownGood } })
  }

  #decide(credential: string, address: string, now: number) {
    const pair = pairKey(credential, address)
    const goodUntil = this.#entries.get(GOOD + pair)
    const knownGood = goodUntil !== undefined && goodUntil > now
    const decision = decide(
      this.#params,
      debt(this.#entries.get(PAIR + pair), now),
      debt(this.#entries.get(ADDRESS + shortAddress(address)), now),
      knownGood,
    )
    return { decision, knownGood, pair }
  }

  record(
    credential: string,
    address: string,
    outcome: RateLimitOutcome,
    decision?: RateLimitDecision,
  ): Promise<void> {
    const now = this.#now()
    const pair = pairKey(credential, address)
    const { pair: pairBucket, address: addressBucket } = this.#params
    this.#charge(
      PAIR + pair,
      pairBucket,
      settlement(pairBucket, outcome, decision?.reserved?.pair ?? false),
      now,
    )
    this.#charge(
      ADDRESS + shortAddress(address),
      addressBucket,
      settlement(addressBucket, outcome, decision?.reserved?.address ?? false),
      now,
    )
    if (outcome === 'success') this.#write(GOOD + pair, now + this.#params.windowMs)
    return Promise.resolve()
  }

  close(): Promise<void> {
    clearInterval(this.#timer)
    this.#entries.clear()
    return Promise.resolve()
  }

  /** Forgets every entry whose time has passed (full buckets, expired known-good marks). */
  sweep(): void {
    const now = this.#now()
    for (const [key, until] of this.#entries) {
      if (until <= now) this.#entries.delete(key)
    }
  }

  /** Number of stored entries, for tests and metrics. */
  size(): number {
    return this.#entries.size
  }

  #now(): number {
    return this.#clock() - this.#origin
  }

  #charge(key: string, bucket: BucketParams, points: number, now: number): void {
    if (points === 0) return
    const tat = this.#entries.get(key)
    const next = charge(tat, now, points, bucket, this.#params.windowMs)
    // a bucket refunded to full holds nothing worth remembering
    if (next <= now) this.#entries.delete(key)
    else this.#write(key, next)
  }

  #write(key: string, value: number): void {
    // Re-inserting moves the key to the end, so the map's order is least recently written first
    // and eviction is O(1). Evicting a live bucket forgives its debt: that only happens under a
    // flood of distinct keys, where bounded memory matters more than one bucket's history.
    if (!this.#entries.delete(key) && this.#entries.size >= this.#maxKeys) {
      const oldest = this.#entries.keys().next()
      if (!oldest.done) this.#entries.delete(oldest.value)
    }
    this.#entries.set(key, value)
  }
}

/** Addresses come from the socket or X-Forwarded-For; only an odd, long one is worth hashing. */
function shortAddress(address: string): string {
  return address.length <= 64 ? address : addressId(address)
}
