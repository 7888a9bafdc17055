import { afterEach, describe, expect, it } from 'vitest'
import { MemoryRateLimiter } from '../../../src/domain/rate-limit/memory-rate-limiter.js'
import type { RateLimitConfig } from '../../../src/domain/rate-limit/rate-limiter.js'

// Pair: a failure costs 10 of 100 points; address: a failure costs 50 of 1000.
const CONFIG: RateLimitConfig = {
  enabled: true,
  windowSeconds: 60,
  requests: 100,
  failures: 10,
  addressRequests: 1000,
  addressFailures: 20,
}

const open: MemoryRateLimiter[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((l) => l.close()))
})

function setup() {
  const time = { now: 1_700_000_000_000 }
  const limiter = new MemoryRateLimiter({ config: CONFIG, clock: () => time.now })
  open.push(limiter)
  return { limiter, time }
}

describe('admission (reserve, then settle)', () => {
  it('counts attempts as they arrive: of 50 sent at once, only `failures` are admitted', async () => {
    const { limiter } = setup()
    const decisions = await Promise.all(
      Array.from({ length: 50 }, () => limiter.admit('client:a', '10.0.0.1')),
    )
    expect(decisions.filter((d) => d.allowed)).toHaveLength(10)
    expect(decisions.filter((d) => !d.allowed).every((d) => (d.retryAfterSeconds ?? 0) >= 1)).toBe(
      true,
    )
  })

  it('refunds a success all but one point of its reservation', async () => {
    const { limiter } = setup()
    for (let i = 0; i < 30; i++) {
      const decision = await limiter.admit('client:a', '10.0.0.1')
      expect(decision.allowed).toBe(true)
      await limiter.record('client:a', '10.0.0.1', 'success', decision)
    }
    expect(await limiter.check('client:a', '10.0.0.1')).toMatchObject({
      allowed: true,
      remaining: 70,
    })
  })

  it('charges a failure exactly once: the reservation is the charge', async () => {
    const { limiter } = setup()
    const decision = await limiter.admit('client:a', '10.0.0.1')
    await limiter.record('client:a', '10.0.0.1', 'failure', decision)
    expect(await limiter.check('client:a', '10.0.0.1')).toMatchObject({ remaining: 90 })
  })

  it('does not reserve the address bucket for a known-good pair, so its successes cannot refill a flooded address', async () => {
    const { limiter } = setup()
    const first = await limiter.admit('client:honest', '10.0.0.1')
    await limiter.record('client:honest', '10.0.0.1', 'success', first)
    // an attacker spends the address's failures from the same address
    for (let i = 0; i < 20; i++) {
      const d = await limiter.admit(`client:attacker-${i}`, '10.0.0.1')
      await limiter.record(`client:attacker-${i}`, '10.0.0.1', 'failure', d)
    }
    expect((await limiter.admit('client:attacker-x', '10.0.0.1')).allowed).toBe(false)
    for (let i = 0; i < 5; i++) {
      const d = await limiter.admit('client:honest', '10.0.0.1')
      expect(d).toMatchObject({ allowed: true, reserved: { pair: true, address: false } })
      await limiter.record('client:honest', '10.0.0.1', 'success', d)
    }
    expect((await limiter.admit('client:attacker-y', '10.0.0.1')).allowed).toBe(false)
  })
})
