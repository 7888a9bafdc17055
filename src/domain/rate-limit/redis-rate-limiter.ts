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
import { ADMIT_SCRIPT, CHECK_SCRIPT, RECORD_SCRIPT } from './redis-scripts.js'

export interface RedisRateLimiterOptions {
  readonly config: RateLimitConfig
  readonly url: string
  /** Only paces the outage warnings: bucket times come from the Redis server. */
  readonly clock?: Clock | undefined
  readonly logger?: Logger | undefined
  readonly keyPrefix?: string | undefined
}

const DEFAULT_KEY_PREFIX = 'tessera:rl:'

const COMMAND_TIMEOUT_MS = 200
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
 * high-entropy, so the limiter is defence in depth, not the only barrier. Commands are bounded
 * (200 ms, one retry, no offline queue) so an outage adds little latency to requests.
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

  constructor(options: RedisRateLimiterOptions) {
    this.#config = options.config
    this.#params = rateLimitParams(options.config)
    this.#prefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX
    this.#clock = options.clock ?? systemClock
    this.#logger = options.logger
    const redis = new Redis(options.url, {
      commandTimeout: COMMAND_TIMEOUT_MS,
      maxRetriesPerRequest: 1,
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
    })
    this.#redis = redis as ScriptedRedis
  }

  async check(credential: string, address: string): Promise<RateLimitDecision> {
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
        )
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

  #failOpen(error: unknown): void {
    this.#failing = true
    const now = this.#clock()
    if (now - this.#lastWarningAt < WARNING_INTERVAL_MS) return
    this.#lastWarningAt = now
    this.#logger?.warn(
      { err: error },
      'rate limiting unavailable (Redis unreachable or failing): requests are allowed unchecked',
    )
  }
}
