import { randomUUID } from 'node:crypto'
import { Writable } from 'node:stream'
import { Redis } from 'ioredis'
import { pino } from 'pino'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { RateLimitConfig } from '../../../src/domain/rate-limit/rate-limiter.js'
import { RedisRateLimiter } from '../../../src/domain/rate-limit/redis-rate-limiter.js'
import { describeLimiterContract } from './contract.js'

// The vitest config includes this file only when TEST_REDIS_URL is set; fail loudly otherwise
const REDIS_URL = process.env.TEST_REDIS_URL
if (!REDIS_URL) {
  throw new Error('redis-rate-limiter.test.ts needs TEST_REDIS_URL (e.g. redis://127.0.0.1:6379)')
}

// Pair: 100 points per 60 s (a point every 600 ms, a failure 10 points). Address: 1000 points
// (a point every 60 ms, a failure 50 points). For the Redis-only tests below; the behaviour both
// limiters share is tested on a one-hour window (contract.ts), where real time passing under load
// cannot refill a point.
const CONFIG: RateLimitConfig = {
  enabled: true,
  windowSeconds: 60,
  requests: 100,
  failures: 10,
  addressRequests: 1000,
  addressFailures: 20,
}

const runPrefix = `tessera:rl:test:${randomUUID()}:`
let admin: Redis
const open: RedisRateLimiter[] = []

beforeAll(async () => {
  admin = new Redis(REDIS_URL)
  await admin.ping()
})

afterEach(async () => {
  await Promise.all(open.splice(0).map((limiter) => limiter.close()))
})

afterAll(async () => {
  const keys = await keysUnder(runPrefix)
  if (keys.length > 0) await admin.del(...keys)
  await admin.quit()
})

async function keysUnder(prefix: string): Promise<string[]> {
  const found: string[] = []
  let cursor = '0'
  do {
    const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000)
    found.push(...keys)
    cursor = next
  } while (cursor !== '0')
  return found
}

/** A limiter on a prefix of its own, connected, so the first calls do not fail open. */
async function connect(config: RateLimitConfig = CONFIG, prefix = `${runPrefix}${randomUUID()}:`) {
  const limiter = new RedisRateLimiter({ config, url: REDIS_URL as string, keyPrefix: prefix })
  open.push(limiter)
  expect(await limiter.ready()).toBe(true)
  return limiter
}

async function repeat(
  limiter: RedisRateLimiter,
  times: number,
  credential: string,
  address: string,
  outcome: 'success' | 'failure',
): Promise<void> {
  for (let i = 0; i < times; i++) await limiter.record(credential, address, outcome)
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describeLimiterContract('redis rate limiter', async (config) => {
  const opened = Date.now()
  const limiter = await connect(config)
  // Redis keeps its own clock: real time passes between the calls of a test
  return { limiter, driftSeconds: () => Math.ceil((Date.now() - opened) / 1000) }
})

describe('redis rate limiter', () => {
  it('admits only `failures` of 50 attempts sent at once, across two processes, and refunds successes', async () => {
    const prefix = `${runPrefix}${randomUUID()}:`
    const [one, two] = [await connect(CONFIG, prefix), await connect(CONFIG, prefix)]
    const decisions = await Promise.all(
      Array.from({ length: 50 }, (_, i) => (i % 2 ? one : two).admit('client:a', '10.0.0.1')),
    )
    expect(decisions.filter((d) => d.allowed)).toHaveLength(10)
    const honest = await one.admit('client:b', '10.0.0.9')
    expect(honest).toMatchObject({ allowed: true, reserved: { pair: true, address: true } })
    await one.record('client:b', '10.0.0.9', 'success', honest)
    expect(await two.check('client:b', '10.0.0.9')).toMatchObject({ allowed: true, remaining: 99 })
  })

  it('refills with the Redis clock', async () => {
    // 10 points per second, a failure 5 points: two failures empty the bucket for one second
    const limiter = await connect({
      enabled: true,
      windowSeconds: 1,
      requests: 10,
      failures: 2,
      addressRequests: 100,
      addressFailures: 20,
    })
    await repeat(limiter, 2, 'client:a', '10.0.0.1', 'failure')
    expect(await limiter.check('client:a', '10.0.0.1')).toEqual({
      allowed: false,
      limit: 10,
      remaining: 0,
      resetSeconds: 1,
      retryAfterSeconds: 1,
    })
    await sleep(1_050)
    expect(await limiter.check('client:a', '10.0.0.1')).toEqual({
      allowed: true,
      limit: 10,
      remaining: 10,
      resetSeconds: 0,
    })
  })

  it('shares the counters between limiters, as between processes', async () => {
    const prefix = `${runPrefix}${randomUUID()}:`
    const first = await connect(CONFIG, prefix)
    const second = await connect(CONFIG, prefix)
    await repeat(first, 10, 'client:a', '10.0.0.1', 'failure')
    expect(await second.check('client:a', '10.0.0.1')).toMatchObject({
      allowed: false,
      retryAfterSeconds: 6,
    })
  })

  it('stores hashed pairs under expiring keys', async () => {
    const prefix = `${runPrefix}${randomUUID()}:`
    const limiter = await connect(CONFIG, prefix)
    await limiter.record('api_key:s3cr3t', '10.0.0.1', 'failure')
    await limiter.record('api_key:s3cr3t', '10.0.0.1', 'success')
    await limiter.record('api_key:s3cr3t', 'not an address', 'failure')
    const keys = (await keysUnder(prefix)).map((key) => key.slice(prefix.length)).sort()
    expect(keys).toHaveLength(5)
    expect(keys.filter((key) => /^pair:[0-9a-f]{32}$/.test(key))).toHaveLength(2)
    expect(keys.filter((key) => /^good:[0-9a-f]{32}$/.test(key))).toHaveLength(1)
    expect(keys).toContain('addr:10.0.0.1')
    expect(keys.filter((key) => /^addr:h:[0-9a-f]{32}$/.test(key))).toHaveLength(1)
    expect(keys.join(' ')).not.toContain('s3cr3t')

    // A bucket's key lives until the bucket is full again, a known-good mark for one window
    const pttl = (key: string) => admin.pttl(prefix + key)
    const hash = (keys.find((key) => key.startsWith('good:')) as string).slice('good:'.length)
    const owed = await pttl(`pair:${hash}`) // a failure and a success: 11 points × 600 ms
    expect(owed).toBeGreaterThan(6_000)
    expect(owed).toBeLessThanOrEqual(6_600)
    const addressOwed = await pttl('addr:10.0.0.1') // 51 points × 60 ms
    expect(addressOwed).toBeGreaterThan(2_500)
    expect(addressOwed).toBeLessThanOrEqual(3_060)
    const mark = await pttl(`good:${hash}`)
    expect(mark).toBeGreaterThan(59_000)
    expect(mark).toBeLessThanOrEqual(60_000)
  })
})

describe('redis rate limiter when Redis is unreachable', () => {
  it('fails open quickly and warns once', async () => {
    const lines: string[] = []
    const logger = pino(
      { level: 'warn' },
      new Writable({
        write(chunk: Buffer, _encoding, callback) {
          lines.push(chunk.toString())
          callback()
        },
      }),
    )
    const limiter = new RedisRateLimiter({ config: CONFIG, url: 'redis://127.0.0.1:1', logger })
    open.push(limiter)
    const started = Date.now()
    for (let i = 0; i < 20; i++) {
      await limiter.record('client:a', '10.0.0.1', 'failure')
      expect(await limiter.check('client:a', '10.0.0.1')).toEqual({
        allowed: true,
        limit: 100,
        remaining: 100,
        resetSeconds: 0,
      })
    }
    await sleep(100) // let a connection error arrive too: it shares the same throttle
    expect(Date.now() - started).toBeLessThan(1_500)
    expect(lines).toHaveLength(1)
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      level: 40,
      msg: 'rate limiting unavailable (Redis unreachable or failing): requests are allowed unchecked',
    })
  })
})
