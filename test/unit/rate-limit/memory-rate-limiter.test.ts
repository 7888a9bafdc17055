import { afterEach, describe, expect, it } from 'vitest'
import { MemoryRateLimiter } from '../../../src/domain/rate-limit/memory-rate-limiter.js'
import { addressId, pairId } from '../../../src/domain/rate-limit/rate-limit-keys.js'
import {
  createRateLimiter,
  type RateLimitConfig,
  type RateLimiter,
} from '../../../src/domain/rate-limit/rate-limiter.js'
import { describeLimiterContract } from './contract.js'

// Pair: 100 points per 60 s, so a point refills every 600 ms and a failure costs 10 points.
// Address: 1000 points per 60 s, a point every 60 ms, a failure costs 50 points.
const CONFIG: RateLimitConfig = {
  enabled: true,
  windowSeconds: 60,
  requests: 100,
  failures: 10,
  addressRequests: 1000,
  addressFailures: 20,
}

const open: RateLimiter[] = []

afterEach(async () => {
  await Promise.all(open.splice(0).map((limiter) => limiter.close()))
})

describeLimiterContract('memory rate limiter', async (config) => {
  const limiter = new MemoryRateLimiter({ config, clock: () => 1_700_000_000_000 })
  open.push(limiter)
  return { limiter, driftSeconds: () => 0 }
})

function setup(config: RateLimitConfig = CONFIG, maxKeys?: number) {
  const time = { now: 1_700_000_000_000 }
  const limiter = new MemoryRateLimiter({ config, clock: () => time.now, maxKeys })
  open.push(limiter)
  const advance = (ms: number): void => {
    time.now += ms
  }
  const repeat = async (
    times: number,
    credential: string,
    address: string,
    outcome: 'success' | 'failure',
  ): Promise<void> => {
    for (let i = 0; i < times; i++) await limiter.record(credential, address, outcome)
  }
  return { limiter, advance, repeat }
}

describe('memory rate limiter: pair bucket', () => {
  it('admits the next failure exactly when the retry delay has passed, and only one', async () => {
    const { limiter, advance, repeat } = setup()
    await repeat(10, 'client:a', '10.0.0.1', 'failure')
    // 100 points spent; a failure is affordable again at 90 points left: 10 × 600 ms = 6 s
    expect(await limiter.check('client:a', '10.0.0.1')).toMatchObject({
      allowed: false,
      retryAfterSeconds: 6,
    })
    advance(5_999)
    expect(await limiter.check('client:a', '10.0.0.1')).toMatchObject({
      allowed: false,
      retryAfterSeconds: 1,
    })
    advance(1)
    expect(await limiter.check('client:a', '10.0.0.1')).toEqual({
      allowed: true,
      limit: 100,
      remaining: 10,
      resetSeconds: 54,
    })
    await limiter.record('client:a', '10.0.0.1', 'failure')
    expect(await limiter.check('client:a', '10.0.0.1')).toMatchObject({
      allowed: false,
      retryAfterSeconds: 6,
    })
  })

  it('refills continuously with time', async () => {
    const { limiter, advance, repeat } = setup()
    await repeat(10, 'client:a', '10.0.0.1', 'failure')
    advance(30_000)
    expect(await limiter.check('client:a', '10.0.0.1')).toEqual({
      allowed: true,
      limit: 100,
      remaining: 50,
      resetSeconds: 30,
    })
    advance(29_400)
    expect(await limiter.check('client:a', '10.0.0.1')).toMatchObject({
      remaining: 99,
      resetSeconds: 1,
    })
    advance(600)
    expect(await limiter.check('client:a', '10.0.0.1')).toEqual({
      allowed: true,
      limit: 100,
      remaining: 100,
      resetSeconds: 0,
    })
  })

  it('never owes more than one window, however many failures are recorded', async () => {
    const { limiter, advance, repeat } = setup()
    await repeat(50, 'client:a', '10.0.0.1', 'failure')
    expect(await limiter.check('client:a', '10.0.0.1')).toMatchObject({
      allowed: false,
      resetSeconds: 60,
      retryAfterSeconds: 6,
    })
    advance(60_000)
    expect(await limiter.check('client:a', '10.0.0.1')).toMatchObject({
      allowed: true,
      remaining: 100,
    })
  })

  it('charges fractional intervals without drift', async () => {
    // 3 points per second: an interval of 333.33… ms that is not exact in binary
    const { limiter, advance, repeat } = setup({
      enabled: true,
      windowSeconds: 1,
      requests: 3,
      failures: 3,
      addressRequests: 3,
      addressFailures: 3,
    })
    await repeat(3, 'client:a', '10.0.0.1', 'success')
    expect(await limiter.check('client:a', '10.0.0.1')).toEqual({
      allowed: false,
      limit: 3,
      remaining: 0,
      resetSeconds: 1,
      retryAfterSeconds: 1,
    })
    advance(1_000)
    expect(await limiter.check('client:a', '10.0.0.1')).toEqual({
      allowed: true,
      limit: 3,
      remaining: 3,
      resetSeconds: 0,
    })
  })

  it('rounds the failure cost up, so uneven ratios allow fewer failures, never more', async () => {
    // ceil(100 / 30) = 4 points a failure: 25 failures fit in 100 points (the address has room)
    const { limiter, repeat } = setup({
      ...CONFIG,
      failures: 30,
      addressRequests: 100_000,
      addressFailures: 1_000,
    })
    await repeat(24, 'client:a', '10.0.0.1', 'failure')
    expect(await limiter.check('client:a', '10.0.0.1')).toMatchObject({
      allowed: true,
      remaining: 4,
    })
    await limiter.record('client:a', '10.0.0.1', 'failure')
    expect(await limiter.check('client:a', '10.0.0.1')).toMatchObject({
      allowed: false,
      retryAfterSeconds: 3, // 4 points × 600 ms = 2.4 s
    })
  })
})

describe('memory rate limiter: address bucket', () => {
  it('forgets the known-good mark one window after the last success', async () => {
    const { limiter, advance, repeat } = setup()
    await limiter.record('client:honest', '10.0.0.1', 'success')
    advance(59_000)
    await repeat(10, 'client:attacker-1', '10.0.0.1', 'failure')
    await repeat(10, 'client:attacker-2', '10.0.0.1', 'failure')
    expect(await limiter.check('client:honest', '10.0.0.1')).toMatchObject({ allowed: true })
    advance(1_000)
    // The address owes 59 s; it affords a failure again at 57 s owed
    expect(await limiter.check('client:honest', '10.0.0.1')).toEqual({
      allowed: false,
      limit: 100,
      remaining: 0,
      resetSeconds: 59,
      retryAfterSeconds: 2,
    })
  })

  it('reports the tighter bucket: the address when it has fewer successes left than the pair', async () => {
    const { limiter, repeat } = setup()
    await repeat(10, 'client:attacker-1', '10.0.0.1', 'failure')
    await repeat(8, 'client:attacker-2', '10.0.0.1', 'failure')
    // Address: 1000 − 18 × 50 = 100 points left over 54 s owed; pair of a new credential: 100, 0 s
    expect(await limiter.check('client:new', '10.0.0.1')).toEqual({
      allowed: true,
      limit: 100,
      remaining: 100,
      resetSeconds: 54,
    })
    await limiter.record('client:attacker-3', '10.0.0.1', 'success')
    expect(await limiter.check('client:new', '10.0.0.1')).toEqual({
      allowed: true,
      limit: 100,
      remaining: 99,
      resetSeconds: 55, // 54 060 ms
    })
  })
})

describe('memory rate limiter: memory', () => {
  it('sweeps entries whose buckets are full again and whose marks have lapsed', async () => {
    const { limiter, advance } = setup()
    await limiter.record('client:a', '10.0.0.1', 'failure') // pair owes 6 s, address 3 s
    await limiter.record('client:b', '10.0.0.2', 'success') // pair 0.6 s, address 0.06 s, mark 60 s
    expect(limiter.size()).toBe(5)
    advance(3_000)
    limiter.sweep()
    expect(limiter.size()).toBe(2)
    advance(3_000)
    limiter.sweep()
    expect(limiter.size()).toBe(1)
    expect(await limiter.check('client:a', '10.0.0.1')).toMatchObject({ remaining: 100 })
    advance(54_000)
    limiter.sweep()
    expect(limiter.size()).toBe(0)
  })

  it('evicts the least recently written entries beyond the cap', async () => {
    const { limiter, repeat } = setup(CONFIG, 3)
    await repeat(10, 'client:a', '10.0.0.1', 'failure')
    expect(await limiter.check('client:a', '10.0.0.1')).toMatchObject({ allowed: false })
    await limiter.record('client:b', '10.0.0.1', 'failure')
    expect(limiter.size()).toBe(3)
    // A fourth key pushes out the oldest write: client:a's pair bucket
    await limiter.record('client:c', '10.0.0.1', 'failure')
    expect(limiter.size()).toBe(3)
    expect(await limiter.check('client:a', '10.0.0.1')).toMatchObject({
      allowed: true,
      remaining: 100,
    })
  })
})

describe('rate limiter factory', () => {
  it('returns a limiter that always allows when disabled', async () => {
    const limiter = await createRateLimiter({
      config: { ...CONFIG, enabled: false },
      redisUrl: 'redis://127.0.0.1:1',
    })
    open.push(limiter)
    for (let i = 0; i < 50; i++) await limiter.record('client:a', '10.0.0.1', 'failure')
    expect(await limiter.check('client:a', '10.0.0.1')).toEqual({
      allowed: true,
      limit: 100,
      remaining: 100,
      resetSeconds: 0,
    })
  })

  it('counts in memory without a Redis URL', async () => {
    const limiter = await createRateLimiter({ config: CONFIG })
    open.push(limiter)
    expect(limiter).toBeInstanceOf(MemoryRateLimiter)
    await limiter.record('client:a', '10.0.0.1', 'success')
    expect(await limiter.check('client:a', '10.0.0.1')).toMatchObject({ remaining: 99 })
  })
})

describe('rate limit keys', () => {
  it('hashes the pair unambiguously into 32 hex characters', () => {
    expect(pairId('client:a', '10.0.0.1')).toMatch(/^[0-9a-f]{32}$/)
    expect(pairId('a|b', 'c')).not.toBe(pairId('a', 'b|c'))
    expect(pairId('client:a', '10.0.0.1')).toBe(pairId('client:a', '10.0.0.1'))
  })

  it('keeps IP addresses readable and hashes anything else', () => {
    expect(addressId('203.0.113.7')).toBe('203.0.113.7')
    expect(addressId('2001:db8::1')).toBe('2001:db8::1')
    expect(addressId('::ffff:203.0.113.7')).toBe('::ffff:203.0.113.7')
    expect(addressId('x'.repeat(1000))).toMatch(/^h:[0-9a-f]{32}$/)
    expect(addressId('')).toMatch(/^h:[0-9a-f]{32}$/)
  })
})
