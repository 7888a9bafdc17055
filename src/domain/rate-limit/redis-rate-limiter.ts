import { Redis } from 'ioredis'
import type { Logger } from 'pino'
import { systemClock, type Clock } from '../../context.js'
import { decide, openDecision, rateLimitParams, settlement, type RateLimitParams } from './gcra.js'
import { addressId, pairId } from './rate-limit-keys.js'
import type {
  RateLimitConfig,
  RateLimitDecision,
  RateLimiter,
  RateLimitOutcome,
} from './rate-limiter.js'
import { ADMIT_SCRIPT, CHECK_SCRIPT, RECORD_SCRIPT, TIME_ORIGIN_MS } from './redis-scripts.js'

export interface RedisRateLimiterOptions {
  readonly config: RateLimitConfig
  readonly url: string
  /** Only paces the outage warnings: bucket times come from the Redis server. */
  readonly clock?: Clock | undefined
  readonly logger?: Logger | undefined
  readonly keyPrefix?: string | undefined
  /** Called on every failed or skipped Redis call (the fault counter). */
  readonly onError?: (() => void) | undefined
  /** TESSERA_REDIS_COMMAND_TIMEOUT_MS / _CONNECT_TIMEOUT_MS; the defaults are theirs. */
  readonly timeouts?: RedisTimeouts | undefined
}

export interface RedisTimeouts {
  readonly commandMs: number
  readonly connectMs: number
}

const DEFAULT_KEY_PREFIX = 'tessera:rl:'

const DEFAULT_TIMEOUTS: RedisTimeouts = { commandMs: 200, connectMs: 1_000 }
/** After a failed call, calls skip Redis (and fail open at once) this long. */
const BREAKER_MS = 1_000
const WARNING_INTERVAL_MS = 30_000

type Keys = [pair: string, address: string, good: string]

interface ScriptedRedis extends Redis {
  tesseraRateCheck(...keys: Keys): Promise<[string, string, number]>
  tesseraRateAdmit(
    ...keysAndArgs: [...Keys, ...(string | number)[]]
  ): Promise<[string, string, number, number, number]>
  tesseraRateRecord(...keysAndArgs: [...Keys, ...(string | number)[]]): Promise<number>
}

/**
 * The same buckets as the memory limiter, shared by every process through Redis.
 *
 * Redis is an optional cache here, so when it is unreachable, slow or failing the limiter
 * **fails open**: `check` allows and `record` drops the charge, with a warning at most every
 * 30 s. Failing closed would turn a Redis outage into an outage of all authentication, for every
 * client, which is worse than a window without brute-force protection: secrets and keys are
 * high-entropy, so the limiter is defence in depth, not the only barrier (docs/security.md).
 *
 * Calls are bounded (connect TESSERA_REDIS_CONNECT_TIMEOUT_MS, default 1 s; commands
 * TESSERA_REDIS_COMMAND_TIMEOUT_MS, default 200 ms; no retry, no offline queue), and after a
 * failure calls skip Redis for a second, so a hung Redis costs one timeout per second rather than
 * one per request. An admission carries a deadline on the Redis clock that the script checks, so
 * admissions that wait out a hang in Redis's socket are no-ops when it resumes.
 */
export class RedisRateLimiter implements RateLimiter {
  readonly #params: RateLimitParams
  readonly #config: RateLimitConfig
  readonly #redis: ScriptedRedis
  readonly #prefix: string
  readonly #clock: Clock
  readonly #logger: Logger | undefined
  #lastWarningAt = Number.NEGATIVE_INFINITY
  #failing = false
  readonly #onError: (() => void) | undefined
  /** performance.now() before which calls fail open without asking Redis. */
  #skipUntil = 0
  /** Redis clock minus this process's clock (ms), measured on each connection. */
  #offsetMs: number | undefined
  /**
   * An admission must run in Redis within this of being sent, or it does nothing (ADMIT_SCRIPT):
   * half the command timeout, so a script that runs after Tessera gave up on it never reserves
   * (a reservation that is never settled would charge a client for nothing).
   */
  readonly #admissionBudgetMs: number

  constructor(options: RedisRateLimiterOptions) {
    this.#config = options.config
    this.#params = rateLimitParams(options.config)
    this.#prefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX
    this.#clock = options.clock ?? systemClock
    this.#logger = options.logger
    this.#onError = options.onError
    const timeouts = options.timeouts ?? DEFAULT_TIMEOUTS
    this.#admissionBudgetMs = timeouts.commandMs / 2
    const redis = new Redis(options.url, {
      commandTimeout: timeouts.commandMs,
      connectTimeout: timeouts.connectMs,
      maxRetriesPerRequest: 0,
      // Queued commands would wait for a reconnection while requests hang: fail at once instead
      enableOfflineQueue: false,
    })
    redis.defineCommand('tesseraRateCheck', { lua: CHECK_SCRIPT, numberOfKeys: 3 })
    redis.defineCommand('tesseraRateAdmit', { lua: ADMIT_SCRIPT, numberOfKeys: 3 })
    redis.defineCommand('tesseraRateRecord', { lua: RECORD_SCRIPT, numberOfKeys: 3 })
    // Without a listener ioredis prints every reconnection error; route them through the throttle
    redis.on('error', (error: unknown) => this.#failOpen(error))
    redis.on('ready', () => {
      if (this.#failing) this.#logger?.info('rate limiting through Redis restored')
      this.#failing = false
      this.#skipUntil = 0
      void this.#measureOffset()
    })
    this.#redis = redis as ScriptedRedis
  }

  /** Reads the Redis clock once, to state admission deadlines on it. */
  async #measureOffset(): Promise<void> {
    try {
      const sent = Date.now()
      const [seconds, micros] = await this.#redis.time()
      const received = Date.now()
      this.#offsetMs = Number(seconds) * 1000 + Number(micros) / 1000 - (sent + received) / 2
    } catch (error) {
      this.#failOpen(error)
    }
  }

  /** True while a recent failure says Redis is not answering: fail open without waiting. */
  #skipping(): boolean {
    return performance.now() < this.#skipUntil
  }

  async check(credential: string, address: string): Promise<RateLimitDecision> {
    if (this.#skipping()) return this.#skipped()
    try {
      const [pairDebt, addressDebt, good] = await this.#redis.tesseraRateCheck(
        ...this.#keys(credential, address),
      )
      return decide(this.#params, Number(pairDebt), Number(addressDebt), good === 1)
    } catch (error) {
      this.#failOpen(error)
      return openDecision(this.#config)
    }
  }

  async admit(credential: string, address: string): Promise<RateLimitDecision> {
    const { windowMs, pair, address: addressBucket } = this.#params
    if (this.#skipping()) return this.#skipped()
    const deadline =
      this.#offsetMs === undefined
        ? ''
        : Date.now() + this.#offsetMs - TIME_ORIGIN_MS + this.#admissionBudgetMs
    try {
      const [pairDebt, addressDebt, good, reservedPair, reservedAddress] =
        await this.#redis.tesseraRateAdmit(
          ...this.#keys(credential, address),
          windowMs,
          pair.capacity,
          pair.intervalMs,
          pair.failureCost,
          addressBucket.capacity,
          addressBucket.intervalMs,
          addressBucket.failureCost,
          deadline,
        )
      if (reservedPair === -1) {
        // ran too late to count: Tessera may have given up on it (nothing was reserved)
        this.#failOpen(new Error('the admission reached Redis after its deadline'))
        return openDecision(this.#config)
      }
      const decision = decide(this.#params, Number(pairDebt), Number(addressDebt), good === 1)
      if (reservedPair !== 1) return decision
      // the script's reservation is authoritative: it is what Redis now holds
      return {
        ...decision,
        allowed: true,
        reserved: { pair: true, address: reservedAddress === 1 },
      }
    } catch (error) {
      this.#failOpen(error)
      return openDecision(this.#config)
    }
  }

  async record(
    credential: string,
    address: string,
    outcome: RateLimitOutcome,
    decision?: RateLimitDecision,
  ): Promise<void> {
    const { windowMs, pair, address: addressBucket } = this.#params
    if (this.#skipping()) {
      this.#onError?.()
      return
    }
    try {
      await this.#redis.tesseraRateRecord(
        ...this.#keys(credential, address),
        windowMs,
        pair.intervalMs,
        settlement(pair, outcome, decision?.reserved?.pair ?? false),
        addressBucket.intervalMs,
        settlement(addressBucket, outcome, decision?.reserved?.address ?? false),
        outcome === 'success' ? 1 : 0,
      )
    } catch (error) {
      this.#failOpen(error)
    }
  }

  /**
   * Resolves true once connected, false if that takes longer than `timeoutMs`. Until then calls
   * fail open; a server may await this at start-up, and tests do.
   */
  ready(timeoutMs = 2_000): Promise<boolean> {
    if (this.#redis.status === 'ready') return Promise.resolve(true)
    return new Promise((resolve) => {
      const done = (ok: boolean): void => {
        clearTimeout(timer)
        this.#redis.off('ready', onReady)
        resolve(ok)
      }
      const onReady = (): void => done(true)
      const timer = setTimeout(() => done(false), timeoutMs)
      this.#redis.on('ready', onReady)
    })
  }

  async close(): Promise<void> {
    if (this.#redis.status === 'ready') {
      try {
        await this.#redis.quit()
        return
      } catch {
        // fall through: a failed QUIT still needs the socket closed and reconnection stopped
      }
    }
    this.#redis.disconnect()
  }

  #keys(credential: string, address: string): Keys {
    const pair = pairId(credential, address)
    return [
      `${this.#prefix}pair:${pair}`,
      `${this.#prefix}addr:${addressId(address)}`,
      `${this.#prefix}good:${pair}`,
    ]
  }

  #skipped(): RateLimitDecision {
    this.#onError?.()
    return openDecision(this.#config)
  }

  #failOpen(error: unknown): void {
    this.#failing = true
    this.#skipUntil = performance.now() + BREAKER_MS
    this.#onError?.()
    const now = this.#clock()
    if (now - this.#lastWarningAt < WARNING_INTERVAL_MS) return
    this.#lastWarningAt = now
    this.#logger?.warn(
      { err: error },
      'rate limiting unavailable (Redis unreachable or failing): requests are allowed unchecked',
    )
  }
}
