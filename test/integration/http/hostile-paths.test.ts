import { beforeAll, expect, test } from 'vitest'
import { describeApp } from '../../helpers/fixture.js'
import { storedState } from './support.js'
import { expectError } from '../../helpers/expect-error.js'
import { OPERATOR_KEY } from '../../helpers/http.js'

describeApp(`absurd ids, query parameters and unknown routes`, (t) => {
  let client: { clientId: string; clientSecret: string; apiKey: string }
  let usersUrl: string
  let secret: Record<string, string>

  beforeAll(async () => {
    client = await t.createClient()
    await t.createUser(client)
    await t.createUser(client)
    usersUrl = `/v2/oauth-clients/${client.clientId}/users`
    secret = { 'x-cal-secret-key': client.clientSecret }
  })

  test('a user id that cannot exist (huge, negative, zero) is a 404 on every user route', async () => {
    const before = await storedState(t, client.clientId)
    for (const id of ['99999999999999999999', '2147483648', '-1', '0']) {
      const url = `${usersUrl}/${id}`
      for (const request of [
        { method: 'GET' as const, url },
        { method: 'PATCH' as const, url, payload: { name: 'Ghost' } },
        { method: 'DELETE' as const, url },
        { method: 'POST' as const, url: `${url}/force-refresh` },
      ]) {
        const res = await t.request({ ...request, headers: secret })
        expectError(res, 404, 'NotFoundException', { path: request.url })
        expect(res.body.error.message).toContain(id)
      }
    }
    expect(await storedState(t, client.clientId)).toEqual(before)
  })

  test('a user id that is not a decimal integer (1e3, 1.5, 0x10, NUL, unicode) is a 400', async () => {
    for (const id of [
      '1e3',
      '1.5',
      '0x10',
      'abc',
      '%00',
      '1%00',
      '%C3%A9',
      '%F0%9F%92%A5',
      '%20',
    ]) {
      const url = `${usersUrl}/${id}`
      for (const method of ['GET', 'DELETE'] as const) {
        const res = await t.request({ method, url, headers: secret })
        expectError(res, 400, 'BadRequestException', { path: url })
        expect(res.body.error.message).toBe('Validation failed (numeric string is expected)')
      }
    }
  })

  test('a client id that cannot exist is an unknown client: 401 with a secret, 404 with an API key', async () => {
    const ids = [
      'abc%00',
      '%00',
      'x'.repeat(5_000),
      '%C3%BCn%C3%AFc%C3%B8d%C3%A9',
      '%F0%9F%92%A5',
      '..%2F..%2Fadmin',
    ]
    for (const id of ids) {
      const withSecret = await t.request({
        method: 'GET',
        url: `/v2/oauth-clients/${id}/users`,
        headers: secret,
      })
      expectError(withSecret, 401, 'UnauthorizedException', {
        path: `/v2/oauth-clients/${id}/users`,
      })
      expect(withSecret.body.error.message).toMatch(
        /^ApiAuthStrategy - oAuth client - Client with ID .* not found$/s,
      )

      const refresh = await t.request({
        method: 'POST',
        url: `/v2/oauth/${id}/refresh`,
        headers: secret,
        payload: { refreshToken: 'x' },
      })
      expectError(refresh, 401, 'UnauthorizedException')

      const withKey = await t.request({
        method: 'GET',
        url: `/v2/oauth-clients/${id}`,
        headers: { authorization: `Bearer ${client.apiKey}` },
      })
      expectError(withKey, 404, 'NotFoundException', { path: `/v2/oauth-clients/${id}` })
      expect(withKey.body.error.message).toBe('OAuthClientGuard - OAuth client not found.')

      const usersWithKey = await t.request({
        method: 'GET',
        url: `/v2/oauth-clients/${id}/users`,
        headers: { authorization: `Bearer ${client.apiKey}` },
      })
      expectError(usersWithKey, 404, 'NotFoundException')
    }
  })

  test('a path that is not valid percent-encoding is a 400 envelope, not Fastify’s own body', async () => {
    for (const url of [
      '/v2/oauth-clients/%ff/users',
      '/v2/oauth/%E0%A4%A/refresh',
      `/v2/oauth-clients/${client.clientId}/users/%zz`,
    ]) {
      const res = await t.request({ method: 'GET', url, headers: secret })
      expectError(res, 400, 'BadRequestException', { path: url })
      expect(res.body.error.message).toBe('The request path is not a valid URL')
    }
  })

  test('a path parameter longer than any HTTP request line is a 414 envelope', async () => {
    const url = `/v2/oauth-clients/${'x'.repeat(20_000)}/users`
    const res = await t.request({ method: 'GET', url, headers: secret })
    expectError(res, 414, 'URITooLongException', { path: url })
  })

  test('limit that is not an integer in 1..250 is a 400', async () => {
    for (const query of [
      'limit=abc',
      'limit=-1',
      'limit=0',
      'limit=251',
      'limit=1.5',
      'limit=',
      'limit=%00',
      'limit=1&limit=2',
    ]) {
      const url = `${usersUrl}?${query}`
      const res = await t.request({ method: 'GET', url, headers: secret })
      expectError(res, 400, 'BadRequestException', { path: url })
      expect(res.body.error.message).toMatch(/^limit must /)
    }
  })

  test('offset or limit that is negative, not an integer, infinite or past 2^53 is a 400, never a 500', async () => {
    for (const query of [
      'offset=-1',
      'offset=abc',
      'offset=0.5',
      'offset=99999999999999999999',
      'offset=1e308',
      'offset=Infinity',
      'offset=-Infinity',
      'limit=Infinity',
      'limit=-Infinity',
      'limit=1e999',
    ]) {
      const url = `${usersUrl}?${query}`
      const res = await t.request({ method: 'GET', url, headers: secret })
      expectError(res, 400, 'BadRequestException', { path: url })
      expect(res.body.error.message).toMatch(new RegExp(`^${query.split('=')[0]} must `))
    }
  })

  test('offset beyond any real page (1e9) is a 400', async () => {
    for (const query of ['offset=1e9', 'offset=1000000000']) {
      const url = `${usersUrl}?${query}`
      const res = await t.request({ method: 'GET', url, headers: secret })
      expectError(res, 400, 'BadRequestException', { path: url })
      expect(res.body.error.message).toMatch(/^offset must be <= \d+$/)
    }
  })

  test('an infinite or huge organization id in the path is a 400, not a 500', async () => {
    for (const id of ['Infinity', '1e999', '99999999999999999999', '-1', '0', 'abc']) {
      const url = `/v2/admin/organizations/${id}/api-keys`
      const res = await t.request({
        method: 'POST',
        url,
        headers: { authorization: `Bearer ${OPERATOR_KEY}` },
        payload: { role: 'ADMIN' },
      })
      expectError(res, 400, 'BadRequestException', { path: url })
      expect(res.body.error.message).toMatch(/^orgId must /)
    }
  })

  test('NUL in a query value is a 400 on every filter, never a 500', async () => {
    const operator = { authorization: `Bearer ${OPERATOR_KEY}` }
    for (const [url, headers, property] of [
      [`/v2/admin/audit?clientId=${client.clientId}%00`, operator, 'clientId'],
      ['/v2/admin/audit?types=token.revoked%00', operator, 'types'],
      [`/v2/oauth-clients/${client.clientId}/events?types=%00`, secret, 'types'],
      [`/v2/oauth-clients/${client.clientId}/events?cursor=a%00`, secret, 'cursor'],
      [`${usersUrl}?emails=a%00@example.com`, secret, 'emails'],
    ] as const) {
      const res = await t.request({ method: 'GET', url, headers })
      expectError(res, 400, 'BadRequestException', { path: url })
      expect(res.body.error.message).toBe(`${property} must not contain NUL (\\u0000) characters`)
    }
  })

  test('an organization filter beyond PostgreSQL integers is a 400, not a 500', async () => {
    for (const id of ['2147483648', '10000000000', '9007199254740991']) {
      const url = `/v2/admin/audit?organizationId=${id}`
      const res = await t.request({
        method: 'GET',
        url,
        headers: { authorization: `Bearer ${OPERATOR_KEY}` },
      })
      expectError(res, 400, 'BadRequestException', { path: url })
      expect(res.body.error.message).toMatch(/^organizationId must /)
    }
  })

  test('valid paging still works next to the refusals', async () => {
    const res = await t.request({
      method: 'GET',
      url: `${usersUrl}?limit=1&offset=1`,
      headers: secret,
    })
    expect(res.status, res.text).toBe(200)
    expect(res.body.data).toHaveLength(1)
  })

  test('an unknown route is a 404 envelope naming the method and path', async () => {
    for (const [method, url, path] of [
      ['GET', '/nope', '/nope'],
      ['GET', '/v2/nope?token=x', '/v2/nope'],
      ['GET', '/v2/nope?token=%00&limit=Infinity', '/v2/nope'],
      ['POST', '/v2/oauth-clients/x/users/1/nope', '/v2/oauth-clients/x/users/1/nope'],
      ['PUT', '/v2/me', '/v2/me'],
      ['DELETE', '/health', '/health'],
    ] as const) {
      const res = await t.request({
        method,
        url,
        payload: method === 'POST' ? { a: 1 } : undefined,
      })
      expectError(res, 404, 'NotFoundException', { path: url })
      expect(res.body.error.message).toBe(`Cannot ${method} ${path}`)
    }
  })

  test('huge header values are answered by the credential checks, not with a 5xx', async () => {
    const huge = 'a'.repeat(100_000)
    const me = await t.request({
      method: 'GET',
      url: '/v2/me',
      headers: { authorization: `Bearer ${huge}` },
    })
    expectError(me, 401, 'UnauthorizedException', { path: '/v2/me' })
    expect(me.text.length).toBeLessThan(2_000)

    const list = await t.request({
      method: 'GET',
      url: usersUrl,
      headers: { 'x-cal-secret-key': huge },
    })
    expectError(list, 401, 'UnauthorizedException')
    expect(list.body.error.message).toBe('ApiAuthStrategy - oAuth client - Invalid client secret')

    const apiKey = await t.request({
      method: 'GET',
      url: '/v2/oauth-clients',
      headers: { authorization: `Bearer tsr_ak_${huge}` },
    })
    expectError(apiKey, 401, 'UnauthorizedException')

    const operator = await t.request({
      method: 'GET',
      url: '/v2/admin/organizations',
      headers: { authorization: `Bearer ${OPERATOR_KEY}${huge}` },
    })
    expectError(operator, 401, 'UnauthorizedException')

    const basic = await t.request({
      method: 'POST',
      url: '/v2/oauth/token',
      headers: {
        authorization: `Basic ${Buffer.from(`${client.clientId}:${huge}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: 'grant_type=refresh_token&refresh_token=x',
    })
    expect(basic.status).toBe(401)
    expect(basic.body).toEqual({
      error: 'invalid_client',
      error_description: 'Client authentication failed',
    })

    const junk = await t.request({
      method: 'GET',
      url: '/health',
      headers: { 'x-junk': huge, origin: huge },
    })
    expect(junk.status).toBe(200)
    expect(junk.body).toEqual({ status: 'ok' })
  })
})
