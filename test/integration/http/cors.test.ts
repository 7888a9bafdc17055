import { beforeAll, expect, test } from 'vitest'
import { describeApp } from '../../helpers/fixture.js'
import { type TestApp } from '../../helpers/test-app.js'
import { expectError } from '../../helpers/expect-error.js'

const ORIGIN = 'http://localhost:4321'

const list = (value: unknown) =>
  String(value)
    .split(',')
    .map((v) => v.trim().toLowerCase())

describeApp(`CORS`, (t) => {
  let client: { clientId: string; clientSecret: string }
  let user: Awaited<ReturnType<TestApp['createUser']>>

  beforeAll(async () => {
    client = await t.createClient({ redirectUris: [ORIGIN] })
    user = await t.createUser(client)
  })

  test('a preflight for /v2/me is a 204 allowing any origin, the Cal.com headers and methods', async () => {
    const res = await t.request({
      method: 'OPTIONS',
      url: '/v2/me',
      headers: {
        origin: 'https://embed.example.org',
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'authorization, content-type',
      },
    })
    expect(res.status).toBe(204)
    expect(res.text).toBe('')
    expect(res.headers['access-control-allow-origin']).toBe('*')
    expect(res.headers['access-control-allow-credentials']).toBeUndefined()
    const headers = list(res.headers['access-control-allow-headers'])
    for (const name of ['authorization', 'x-cal-secret-key', 'x-cal-client-id', 'content-type']) {
      expect(headers).toContain(name)
    }
    expect(list(res.headers['access-control-allow-methods'])).toEqual(
      expect.arrayContaining(['get', 'patch', 'post', 'delete', 'options']),
    )
    expect(Number(res.headers['access-control-max-age'])).toBeGreaterThan(0)
  })

  test('preflights of the client-secret and RFC 6749 routes are answered the same way', async () => {
    for (const [url, method] of [
      [`/v2/oauth-clients/${client.clientId}/users`, 'POST'],
      [`/v2/oauth/${client.clientId}/refresh`, 'POST'],
      ['/v2/oauth/token', 'POST'],
      ['/v2/admin/organizations', 'GET'],
    ] as const) {
      const res = await t.request({
        method: 'OPTIONS',
        url,
        headers: { origin: 'https://platform.example', 'access-control-request-method': method },
      })
      expect(res.status, url).toBe(204)
      expect(res.headers['access-control-allow-origin']).toBe('*')
      expect(list(res.headers['access-control-allow-headers'])).toContain('x-cal-secret-key')
    }
  })

  test('a simple request with an Origin gets allow-origin * and readable request and limit headers', async () => {
    const me = await t.me(user.accessToken, { origin: ORIGIN })
    expect(me.status, me.text).toBe(200)
    expect(me.headers['access-control-allow-origin']).toBe('*')
    expect(list(me.headers['access-control-expose-headers'])).toEqual(
      expect.arrayContaining([
        'x-request-id',
        'retry-after',
        'ratelimit-limit',
        'ratelimit-remaining',
        'ratelimit-reset',
      ]),
    )

    const health = await t.request({
      method: 'GET',
      url: '/health',
      headers: { origin: 'https://any.example' },
    })
    expect(health.status).toBe(200)
    expect(health.headers['access-control-allow-origin']).toBe('*')
  })

  test('error responses to cross-origin requests are readable by the browser too', async () => {
    const refused = await t.me(user.accessToken, { origin: 'https://evil.example' })
    expectError(refused, 401, 'UnauthorizedException', { path: '/v2/me' })
    expect(refused.body.error.message).toContain("please add the origin 'https://evil.example'")
    expect(refused.headers['access-control-allow-origin']).toBe('*')

    const missing = await t.request({
      method: 'GET',
      url: '/v2/nope',
      headers: { origin: ORIGIN },
    })
    expectError(missing, 404, 'NotFoundException')
    expect(missing.headers['access-control-allow-origin']).toBe('*')

    const badUrl = await t.request({
      method: 'GET',
      url: '/v2/oauth-clients/%ff/users',
      headers: { origin: ORIGIN },
    })
    expectError(badUrl, 400, 'BadRequestException')
    expect(badUrl.headers['access-control-allow-origin']).toBe('*')
  })

  test('a request without an Origin gets no CORS headers', async () => {
    const me = await t.me(user.accessToken)
    expect(me.status).toBe(200)
    expect(me.headers['access-control-allow-origin']).toBeUndefined()
    expect(me.headers['access-control-expose-headers']).toBeUndefined()
  })
})
