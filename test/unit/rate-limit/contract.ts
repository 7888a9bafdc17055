import { describe, expect, it } from 'vitest'
import type {
  RateLimitConfig,
  RateLimitDecision,
  RateLimiter,
} from '../../../src/domain/rate-limit/rate-limiter.js'

/**
 * The numbers both limiters are held to. Pair: 100 points an hour (a point every 36 s, a failure
 * costs 10). Address: 1000 points an hour (a point every 3.6 s, a failure costs 50). An hour, so
 * that real time passing during a test (Redis keeps its own clock) cannot refill a whole point:
 * every count below is exact; only the seconds until a reset may be that much time sooner.
 */
const CONTRACT_CONFIG: RateLimitConfig = {
  enabled: true,
  windowSeconds: 3600,
  requests: 100,
  failures: 10,
  addressRequests: 1000,
  addressFailures: 20,
}

export interface LimiterUnderTest {
  readonly limiter: RateLimiter
  /**
   * Whole seconds the limiter's clock may have moved since it was opened: 0 for a frozen test
   * clock (every figure exact), the elapsed real time for Redis.
   */
  driftSeconds(): number
}

/**
 * The behaviour the in-memory and the Redis limiter both promise, run against each: the same
 * tests, the same expected decisions, so neither can drift from the other.
 */
export function describeLimiterContract(
  name: string,
  open: (config: RateLimitConfig) => Promise<LimiterUnderTest>,
): void {
  describe(`${name}: what every rate limiter guarantees`, () => {
    const start = async () => {
      const under = await open(CONTRACT_CONFIG)
      const repeat = async (
        times: number,
        credential: string,
        address: string,
        outcome: 'success' | 'failure',
      ) => {
        for (let i = 0; i < times; i++) await under.limiter.record(credential, address, outcome)
      }
      /** The decision, exactly; its seconds may be as much sooner as the clock has moved. */
      const expectDecision = async (
        credential: string,
        address: string,
        expected: RateLimitDecision,
      ) => {
        const actual = await under.limiter.check(credential, address)
        const drift = under.driftSeconds()
        expect(actual).toEqual({
          ...expected,
          resetSeconds: expect.any(Number),
          ...('retryAfterSeconds' in expected ? { retryAfterSeconds: expect.any(Number) } : {}),
        })
        for (const key of ['resetSeconds', 'retryAfterSeconds'] as const) {
          const want = expected[key]
          if (want === undefined) continue
          expect(actual[key], key).toBeLessThanOrEqual(want)
          expect(actual[key], key).toBeGreaterThanOrEqual(Math.max(0, want - drift))
        }
      }
      return { ...under, repeat, expectDecision }
    }

    it('allows exactly `failures` failures, then refuses with the delay until one is affordable', async () => {
      const { limiter, expectDecision } = await start()
      for (let i = 0; i < 10; i++) {
        await expectDecision('client:a', '10.0.0.1', {
          allowed: true,
          limit: 100,
          remaining: 100 - 10 * i,
          resetSeconds: 360 * i,
        })
        await limiter.record('client:a', '10.0.0.1', 'failure')
      }
      // 100 points owed (one window); a failure is affordable again after 10 points: 360 s
      await expectDecision('client:a', '10.0.0.1', {
        allowed: false,
        limit: 100,
        remaining: 0,
        resetSeconds: 3600,
        retryAfterSeconds: 360,
      })
    })

    it('charges a success one point, in the same budget as failures', async () => {
      const { limiter, repeat, expectDecision } = await start()
      await limiter.record('client:a', '10.0.0.1', 'success')
      await expectDecision('client:a', '10.0.0.1', {
        allowed: true,
        limit: 100,
        remaining: 99,
        resetSeconds: 36,
      })
      await repeat(89, 'client:a', '10.0.0.1', 'success')
      // 90 successes leave 10 points: exactly one failure's worth
      await expectDecision('client:a', '10.0.0.1', {
        allowed: true,
        limit: 100,
        remaining: 10,
        resetSeconds: 3240,
      })
      await limiter.record('client:a', '10.0.0.1', 'failure')
      await expectDecision('client:a', '10.0.0.1', {
        allowed: false,
        limit: 100,
        remaining: 0,
        resetSeconds: 3600,
        retryAfterSeconds: 360,
      })
    })

    it('refuses once fewer points are left than a failure costs, even if the attempt could succeed', async () => {
      const { repeat, expectDecision } = await start()
      await repeat(91, 'client:a', '10.0.0.1', 'success')
      // 9 points left: 36 s until the 10th
      await expectDecision('client:a', '10.0.0.1', {
        allowed: false,
        limit: 100,
        remaining: 0,
        resetSeconds: 3276,
        retryAfterSeconds: 36,
      })
    })

    it('refuses every credential of an address flooded with failures, except known-good ones', async () => {
      const { limiter, repeat, expectDecision } = await start()
      await limiter.record('client:honest', '10.0.0.1', 'success')
      // 20 failures of 50 points spend the address's 1000 (spread over attackers so no pair refuses)
      await repeat(10, 'client:attacker-1', '10.0.0.1', 'failure')
      await repeat(10, 'client:attacker-2', '10.0.0.1', 'failure')
      // never succeeded from there: refused until 50 points refill (50 × 3.6 s)
      await expectDecision('client:new', '10.0.0.1', {
        allowed: false,
        limit: 100,
        remaining: 0,
        resetSeconds: 3600,
        retryAfterSeconds: 180,
      })
      // succeeded within the window: only its own pair bucket applies
      await expectDecision('client:honest', '10.0.0.1', {
        allowed: true,
        limit: 100,
        remaining: 99,
        resetSeconds: 36,
      })
      // other addresses are untouched
      await expectDecision('client:new', '10.0.0.2', {
        allowed: true,
        limit: 100,
        remaining: 100,
        resetSeconds: 0,
      })
    })

    it('keeps a flood on one credential from one address away from its other addresses', async () => {
      const { repeat, expectDecision, limiter } = await start()
      await repeat(10, 'client:a', '10.0.0.1', 'failure')
      expect(await limiter.check('client:a', '10.0.0.1')).toMatchObject({ allowed: false })
      const untouched = { allowed: true, limit: 100, remaining: 100, resetSeconds: 0 }
      await expectDecision('client:a', '10.0.0.2', untouched)
      await expectDecision('client:b', '10.0.0.3', untouched)
      // same address, other credential: the address has 500 of 1000 points left, still
      // affordable, and the fresh pair (100 left) is the tighter bucket
      await expectDecision('client:b', '10.0.0.1', untouched)
    })
  })
}
