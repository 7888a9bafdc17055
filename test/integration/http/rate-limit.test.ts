import { randomBytes } from 'node:crypto'
import { beforeAll, expect, test } from 'vitest'
import { describeApp } from '../../helpers/fixture.js'
import { type Response } from '../../helpers/test-app.js'
import { expectError, expectOAuthError } from '../../helpers/expect-error.js'
import { OPERATOR_KEY } from '../../helpers/http.js'

/**
 * Small limits: 5 failures per (credential, address) and 20 per address in a 60 s window; the
 * request budgets keep their defaults (600 000 and 3 000 000). A failure then costs 120 000 pair
 * points (6 s of the window), so after 5 failures the pair is refused for 12 s (until one failure
 * fits again) and is full again after 60 s. The clock is frozen, so every header is exact.
 */
const LIMITS = {
  TESSERA_RATE_LIMIT_FAILURES: '5',
  TESSERA_RATE_LIMIT_ADDRESS_FAILURES: '20',
  TESSERA_RATE_LIMIT_WINDOW_SECONDS: '60',
}

type Client = { clientId: string; clientSecret: string; apiKey: string }

describeApp(`brute-force protection`, { clock: true, env: LIMITS }, (t) => {
  let a: Client
  let b: Client
  let lastAddress = 0

  /** An address no other test has used, so tests never share buckets. */
  const freshAddress = () => `192.0.2.${++lastAddress}`

  beforeAll(async () => {
    a = await t.createClient()
    b = await t.createClient()
  })

  const listUsers = (client: { clientId: string }, secret: string, remoteAddress: string) =>
    t.request({
      method: 'GET',
      url: `/v2/oauth-clients/${client.clientId}/users`,
      headers: { 'x-cal-secret-key': secret },
      remoteAddress,
    })

  function expectThrottled(res: Response<any>, retryAfter: string, reset: string) {
    expectError(res, 429, 'ThrottlerException')
    expect(res.body.error.message).toBe('Too Many Requests')
    expect(res.headers['retry-after']).toBe(retryAfter)
    expect(res.headers['ratelimit-limit']).toBe('600000')
    expect(res.headers['ratelimit-remaining']).toBe('0')
    expect(res.headers['ratelimit-reset']).toBe(reset)
  }

  test('5 wrong client secrets from one address, then a 429 with Retry-After and RateLimit headers', async () => {
    const address = freshAddress()
    for (let i = 0; i < 5; i++) {
      const res = await listUsers(a, `tsr_cs_wrong${i}`, address)
      expectError(res, 401, 'UnauthorizedException')
      expect(res.body.error.message).toBe('ApiAuthStrategy - oAuth client - Invalid client secret')
    }
    expectThrottled(await listUsers(a, 'tsr_cs_wrong', address), '12', '60')
    // refused before the secret is looked at: the right one is refused too
    expectThrottled(await listUsers(a, a.clientSecret, address), '12', '60')
  })

  test('a throttled pair leaves other clients and other addresses alone', async () => {
    const address = freshAddress()
    for (let i = 0; i < 5; i++)
      expect((await listUsers(a, 'tsr_cs_wrong', address)).status).toBe(401)
    expect((await listUsers(a, a.clientSecret, address)).status).toBe(429)

    const otherClient = await listUsers(b, b.clientSecret, address)
    expect(otherClient.status, otherClient.text).toBe(200)
    const otherAddress = await listUsers(a, a.clientSecret, freshAddress())
    expect(otherAddress.status, otherAddress.text).toBe(200)
    // the client's own user management goes on from elsewhere
    const created = await t.request({
      method: 'POST',
      url: `/v2/oauth-clients/${a.clientId}/users`,
      headers: { 'x-cal-secret-key': a.clientSecret },
      payload: { email: `rl-${randomBytes(3).toString('hex')}@example.com`, name: 'Still here' },
      remoteAddress: freshAddress(),
    })
    expect(created.status, created.text).toBe(201)
  })

  test('Retry-After is exact: one ms early is still refused, then the client is back in', async () => {
    const address = freshAddress()
    for (let i = 0; i < 5; i++)
      expect((await listUsers(b, 'tsr_cs_wrong', address)).status).toBe(401)
    expectThrottled(await listUsers(b, b.clientSecret, address), '12', '60')

    t.clock.advance(11_999)
    expectThrottled(await listUsers(b, b.clientSecret, address), '1', '49')

    t.clock.advance(1)
    const back = await listUsers(b, b.clientSecret, address)
    expect(back.status, back.text).toBe(200)
    // exactly one failure's worth has refilled (the budget refills continuously)
    expect(back.headers['ratelimit-remaining']).toBe('120000')
    expect(back.headers['ratelimit-reset']).toBe('48')
  })

  test('after Retry-After one more failure fits, and only one', async () => {
    const address = freshAddress()
    for (let i = 0; i < 5; i++)
      expect((await listUsers(b, 'tsr_cs_wrong', address)).status).toBe(401)
    t.clock.advance(12_000)
    expect((await listUsers(b, 'tsr_cs_wrong', address)).status).toBe(401)
    expectThrottled(await listUsers(b, 'tsr_cs_wrong', address), '12', '60')
  })

  test('after a whole window the pair has its full budget of failures again', async () => {
    const address = freshAddress()
    for (let i = 0; i < 5; i++)
      expect((await listUsers(a, 'tsr_cs_wrong', address)).status).toBe(401)
    expect((await listUsers(a, 'tsr_cs_wrong', address)).status).toBe(429)

    t.clock.advance(60_000)
    for (let i = 0; i < 5; i++)
      expect((await listUsers(a, 'tsr_cs_wrong', address)).status).toBe(401)
    expect((await listUsers(a, 'tsr_cs_wrong', address)).status).toBe(429)
    t.clock.advance(60_000)
    expect((await listUsers(a, a.clientSecret, address)).status).toBe(200)
  })

  test('successful requests carry RateLimit headers counting down the budget', async () => {
    const address = freshAddress()
    const first = await listUsers(b, b.clientSecret, address)
    expect(first.status).toBe(200)
    expect(first.headers['ratelimit-limit']).toBe('600000')
    expect(first.headers['ratelimit-remaining']).toBe('600000')
    expect(first.headers['ratelimit-reset']).toBe('0')
    expect(first.headers['retry-after']).toBeUndefined()

    const second = await listUsers(b, b.clientSecret, address)
    expect(second.headers['ratelimit-remaining']).toBe('599999')
    expect(second.headers['ratelimit-reset']).toBe('1')

    // a failure weighs 120 000 successes
    expect((await listUsers(b, 'tsr_cs_wrong', address)).status).toBe(401)
    const third = await listUsers(b, b.clientSecret, address)
    expect(third.status).toBe(200)
    expect(third.headers['ratelimit-remaining']).toBe('479998')
    expect(third.headers['ratelimit-reset']).toBe('13')
  })

  test('a flood from a shared address does not lock out an honest client that keeps succeeding', async () => {
    const shared = freshAddress()
    // the honest client has succeeded from the shared address (a NAT, a platform backend)
    expect((await listUsers(a, a.clientSecret, shared)).status).toBe(200)

    // An attacker behind the same address tries one unknown client after another (each a fresh
    // pair). The address affords 20 failures, less the point each honest success costs: the
    // 20th failure no longer fits.
    let throttled = 0
    for (let i = 0; i < 24; i++) {
      const fake = { clientId: `cfake${i}${randomBytes(4).toString('hex')}` }
      const res = await listUsers(fake, 'tsr_cs_guess', shared)
      if (i < 19) expectError(res, 401, 'UnauthorizedException')
      else {
        expectError(res, 429, 'ThrottlerException')
        throttled++
      }
      // the honest client keeps working throughout
      const honest = await listUsers(a, a.clientSecret, shared)
      expect(honest.status, `honest request after attempt ${i}: ${honest.text}`).toBe(200)
    }
    expect(throttled).toBe(5)

    // a client that never succeeded from there is refused by the address limit, even with its secret
    expectError(await listUsers(b, b.clientSecret, shared), 429, 'ThrottlerException')
    // and is fine from anywhere else
    expect((await listUsers(b, b.clientSecret, freshAddress())).status).toBe(200)
  })

  test('wrong secrets sent concurrently are limited like sequential ones', async () => {
    const statuses = async (requests: Promise<Response>[]) => {
      const counts: Record<number, number> = {}
      for (const res of await Promise.all(requests))
        counts[res.status] = (counts[res.status] ?? 0) + 1
      return counts
    }
    // one pair: 5 failures fit, whether the 30 attempts arrive one by one or all at once
    const address = freshAddress()
    const onePair = Array.from({ length: 30 }, (_, i) => listUsers(a, `tsr_cs_wrong${i}`, address))
    expect(await statuses(onePair)).toEqual({ 401: 5, 429: 25 })

    // one address, many pairs: 20 failures fit
    const flooded = freshAddress()
    const manyPairs = Array.from({ length: 40 }, (_, i) =>
      listUsers(
        { clientId: `cflood${i}${randomBytes(4).toString('hex')}` },
        'tsr_cs_guess',
        flooded,
      ),
    )
    expect(await statuses(manyPairs)).toEqual({ 401: 20, 429: 20 })
  })

  test('wrong operator keys are limited per address', async () => {
    const address = freshAddress()
    const listOrgs = (key: string, remoteAddress: string) =>
      t.request({
        method: 'GET',
        url: '/v2/admin/organizations',
        headers: { authorization: `Bearer ${key}` },
        remoteAddress,
      })
    for (let i = 0; i < 5; i++) {
      const res = await listOrgs(`wrong-operator-key-${i}`, address)
      expectError(res, 401, 'UnauthorizedException')
      expect(res.body.error.message).toBe('Invalid operator key')
    }
    expectThrottled(await listOrgs('wrong-operator-key', address), '12', '60')
    expectThrottled(await listOrgs(OPERATOR_KEY, address), '12', '60')
    expect((await listOrgs(OPERATOR_KEY, freshAddress())).status).toBe(200)
  })

  test('wrong API keys are limited, without touching the real keys of the organization', async () => {
    const address = freshAddress()
    const wrongKey = `tsr_ak_${randomBytes(32).toString('base64url')}`
    const listClients = (key: string, remoteAddress: string) =>
      t.request({
        method: 'GET',
        url: '/v2/oauth-clients',
        headers: { authorization: `Bearer ${key}` },
        remoteAddress,
      })
    for (let i = 0; i < 5; i++) {
      const res = await listClients(wrongKey, address)
      expectError(res, 401, 'UnauthorizedException')
      expect(res.body.error.message).toBe('ApiAuthStrategy - api key - Your api key is not valid')
    }
    expectThrottled(await listClients(wrongKey, address), '12', '60')

    const real = await listClients(a.apiKey, address)
    expect(real.status, real.text).toBe(200)
    // the managed-user routes check API keys under the same limits
    const viaUsers = await t.request({
      method: 'GET',
      url: `/v2/oauth-clients/${a.clientId}/users`,
      headers: { authorization: `Bearer ${wrongKey}` },
      remoteAddress: address,
    })
    expectThrottled(viaUsers, '12', '60')
  })

  test('garbage access tokens are limited per address', async () => {
    const address = freshAddress()
    for (let i = 0; i < 5; i++) {
      const res = await t.request({
        method: 'GET',
        url: '/v2/me',
        headers: { authorization: `Bearer not.a.token${i}` },
        remoteAddress: address,
      })
      expectError(res, 401, 'UnauthorizedException')
    }
    const res = await t.request({
      method: 'GET',
      url: '/v2/me',
      headers: { authorization: 'Bearer not.a.token' },
      remoteAddress: address,
    })
    expectThrottled(res, '12', '60')
  })

  test('/v2/oauth/token answers 429 in RFC 6749 form (temporarily_unavailable) with Retry-After', async () => {
    const address = freshAddress()
    const user = await t.createUser(a)
    const token = (secret: string) =>
      t.request({
        method: 'POST',
        url: '/v2/oauth/token',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          grant_type: 'refresh_token',
          refresh_token: user.refreshToken,
          client_id: a.clientId,
          client_secret: secret,
        }).toString(),
        remoteAddress: address,
      })
    for (let i = 0; i < 5; i++) expectOAuthError(await token('tsr_cs_wrong'), 401, 'invalid_client')
    const res = await token(a.clientSecret)
    expectOAuthError(res, 429, 'temporarily_unavailable')
    expect(res.headers['retry-after']).toBe('12')
    expect(res.headers['ratelimit-remaining']).toBe('0')

    // the Cal.com refresh shares the client's bucket: same address, same refusal
    const calcom = await t.request({
      method: 'POST',
      url: `/v2/oauth/${a.clientId}/refresh`,
      headers: { 'x-cal-secret-key': a.clientSecret },
      payload: { refreshToken: user.refreshToken },
      remoteAddress: address,
    })
    expectThrottled(calcom, '12', '60')

    t.clock.advance(12_000)
    const after = await token(a.clientSecret)
    expect(after.status, after.text).toBe(200)
    expect(after.body.token_type).toBe('Bearer')
  })
})

describeApp(
  'brute-force protection switched off',
  { env: { ...LIMITS, TESSERA_RATE_LIMIT_FAILURES: '1', TESSERA_RATE_LIMIT_ENABLED: 'false' } },
  (t) => {
    let client: Client

    beforeAll(async () => {
      client = await t.createClient()
    })

    test('TESSERA_RATE_LIMIT_ENABLED=false never answers 429 and the right secret keeps working', async () => {
      const address = '198.51.100.99'
      for (let i = 0; i < 30; i++) {
        const res = await t.request({
          method: 'GET',
          url: `/v2/oauth-clients/${client.clientId}/users`,
          headers: { 'x-cal-secret-key': 'tsr_cs_wrong' },
          remoteAddress: address,
        })
        expectError(res, 401, 'UnauthorizedException')
      }
      for (let i = 0; i < 10; i++) {
        const res = await t.request({
          method: 'GET',
          url: '/v2/admin/organizations',
          headers: { authorization: 'Bearer wrong-operator-key' },
          remoteAddress: address,
        })
        expect(res.status).toBe(401)
      }
      const ok = await t.request({
        method: 'GET',
        url: `/v2/oauth-clients/${client.clientId}/users`,
        headers: { 'x-cal-secret-key': client.clientSecret },
        remoteAddress: address,
      })
      expect(ok.status, ok.text).toBe(200)
      // nothing is counted: the headers report the whole budget
      expect(ok.headers['ratelimit-limit']).toBe('600000')
      expect(ok.headers['ratelimit-remaining']).toBe('600000')
      expect(ok.headers['ratelimit-reset']).toBe('0')
    })
  },
)
