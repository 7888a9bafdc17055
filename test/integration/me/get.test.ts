import { expect, it } from 'vitest'
import { describeApp } from '../../helpers/fixture.js'
import { uniqueEmail } from '../managed-users/support.js'
import { expectError } from '../../helpers/expect-error.js'
import { bearer } from '../../helpers/http.js'
import { decodeJwt } from '../../helpers/jwt.js'

const START = Date.UTC(2032, 2, 3, 4, 5, 6, 789)
const NO_CREDENTIALS =
  "ApiAuthStrategy - No authentication method provided. Either pass an API key as 'Bearer' header or OAuth client credentials as 'x-cal-secret-key' and 'x-cal-client-id' headers"
const permissionMessage = (clientId: string, permission: string) =>
  `PermissionsGuard - oAuth client with id=${clientId} does not have the required permissions=${permission}.`
const originMessage = (origin: string, clientId: string) =>
  `ApiAuthStrategy - access token - Invalid request origin - please add the origin '${origin}' to the 'redirectUris' of your OAuth client with ID '${clientId}'`

describeApp(`GET /v2/me`, { clock: START }, (t) => {
  it('answers 200 with the user’s profile and its platform organization', async () => {
    const org = await t.createOrganization()
    const client = await t.createClient({ apiKey: org.apiKey })
    const email = uniqueEmail('me')
    const created = await t.createUser(client, {
      email,
      name: 'Me Myself',
      bio: 'about me',
      avatarUrl: 'https://example.com/me.png',
      timeZone: 'Europe/Rome',
      weekStart: 'Monday',
      timeFormat: 24,
      locale: 'it',
      metadata: { hidden: 'from /me' },
    })
    const res = await t.me(created.accessToken)
    expect(res.status, res.text).toBe(200)
    expect(res.body).toEqual({
      status: 'success',
      data: {
        id: created.user.id,
        username: created.user.username,
        email: created.user.email,
        name: 'Me Myself',
        avatarUrl: 'https://example.com/me.png',
        bio: 'about me',
        timeFormat: 24,
        defaultScheduleId: null,
        weekStart: 'Monday',
        timeZone: 'Europe/Rome',
        locale: 'it',
        organizationId: org.id,
        organization: { id: org.id, isPlatform: true },
      },
    })
  })

  it('answers 403 from the PermissionsGuard when the client lacks PROFILE_READ', async () => {
    const client = await t.createClient({ permissions: ['BOOKING_READ'] })
    const { accessToken } = await t.createUser(client)
    const res = await t.me(accessToken)
    expectError(res, 403, 'ForbiddenException')
    expect(
      res.body.error.message.startsWith(permissionMessage(client.clientId, 'PROFILE_READ')),
    ).toBe(true)
  })

  it('lets a client with PROFILE_READ alone read the profile', async () => {
    const client = await t.createClient({ permissions: ['PROFILE_READ'] })
    const created = await t.createUser(client)
    const res = await t.me(created.accessToken)
    expect(res.status, res.text).toBe(200)
    expect(res.body.data.id).toBe(created.user.id)
  })

  it('follows a change of the client’s permissions and redirect URIs at once', async () => {
    const client = await t.createClient()
    const { accessToken } = await t.createUser(client)
    const origin = 'http://localhost:4321'
    expect((await t.me(accessToken, { origin })).status).toBe(200)
    const update = (payload: Record<string, unknown>) =>
      t.request({
        method: 'PATCH',
        url: `/v2/oauth-clients/${client.clientId}`,
        headers: bearer(client.apiKey),
        payload,
      })

    expect((await update({ permissions: ['BOOKING_READ'] })).status).toBe(200)
    const denied = await t.me(accessToken)
    expectError(denied, 403, 'ForbiddenException')
    expect(
      denied.body.error.message.startsWith(permissionMessage(client.clientId, 'PROFILE_READ')),
    ).toBe(true)

    expect(
      (await update({ permissions: ['*'], redirectUris: ['https://new.example.com'] })).status,
    ).toBe(200)
    expect((await t.me(accessToken)).status).toBe(200)
    expectError(
      await t.me(accessToken, { origin }),
      401,
      'UnauthorizedException',
      originMessage(origin, client.clientId),
    )
    expect((await t.me(accessToken, { origin: 'https://new.example.com' })).status).toBe(200)
  })

  it('checks the Origin header against the client’s redirect URIs, exactly or by * wildcard', async () => {
    const client = await t.createClient({
      redirectUris: ['https://app.example.com', 'https://*.example.org', 'http://localhost:4321'],
    })
    const { accessToken } = await t.createUser(client)
    for (const origin of [
      'https://app.example.com',
      'https://a.example.org',
      'https://a.b.example.org',
      'http://localhost:4321',
    ]) {
      const res = await t.me(accessToken, { origin })
      expect(res.status, `${origin}: ${res.text}`).toBe(200)
    }
    for (const origin of [
      'https://evil.com',
      'https://app.example.com/',
      'http://app.example.com',
      'https://example.org',
      'https://a.example.org.evil.com',
      'http://localhost:4322',
    ]) {
      const res = await t.me(accessToken, { origin })
      expectError(res, 401, 'UnauthorizedException', originMessage(origin, client.clientId))
    }
  })

  it('answers 200 without an Origin header', async () => {
    const client = await t.createClient({ redirectUris: ['https://only.example.com'] })
    const { accessToken } = await t.createUser(client)
    expect((await t.me(accessToken)).status).toBe(200)
  })

  it('answers 401 without a bearer token, also when only client credentials are sent', async () => {
    const client = await t.createClient()
    await t.createUser(client)
    expectError(
      await t.request({ method: 'GET', url: '/v2/me' }),
      401,
      'UnauthorizedException',
      NO_CREDENTIALS,
    )
    // Cal.com let client credentials act as the organization owner here; Tessera does not
    const withSecret = await t.request({
      method: 'GET',
      url: '/v2/me',
      headers: { 'x-cal-secret-key': client.clientSecret, 'x-cal-client-id': client.clientId },
    })
    expectError(withSecret, 401, 'UnauthorizedException', NO_CREDENTIALS)
    const basic = await t.request({
      method: 'GET',
      url: '/v2/me',
      headers: { authorization: 'Basic dXNlcjpwYXNz' },
    })
    expectError(basic, 401, 'UnauthorizedException', NO_CREDENTIALS)
  })

  it('answers 401 "Invalid Access Token." for garbage, a client secret or a refresh token', async () => {
    const client = await t.createClient()
    const { refreshToken } = await t.createUser(client)
    for (const token of ['garbage', 'a.b.c', client.clientSecret, refreshToken]) {
      expectError(await t.me(token), 401, 'UnauthorizedException', 'Invalid Access Token.')
    }
  })

  it('answers 401 for an access token whose payload was altered to name another user', async () => {
    const client = await t.createClient()
    const victim = await t.createUser(client)
    const attacker = await t.createUser(client)
    const [header, , signature] = attacker.accessToken.split('.')
    const { header: claimsHeader, payload: claims } = decodeJwt(attacker.accessToken)
    const forged = Buffer.from(
      JSON.stringify({ ...claims, ownerId: victim.user.id, sub: String(victim.user.id) }),
    ).toString('base64url')
    expectError(
      await t.me(`${header}.${forged}.${signature}`),
      401,
      'UnauthorizedException',
      'Invalid Access Token.',
    )
    const unsigned = Buffer.from(
      JSON.stringify({
        alg: 'none',
        typ: 'at+jwt',
        kid: claimsHeader.kid,
      }),
    ).toString('base64url')
    expectError(
      await t.me(`${unsigned}.${forged}.`),
      401,
      'UnauthorizedException',
      'Invalid Access Token.',
    )
  })

  it('answers 403 when an organization API key is sent as the bearer', async () => {
    const org = await t.createOrganization()
    const res = await t.me(org.apiKey)
    expectError(
      res,
      403,
      'ForbiddenException',
      "This endpoint acts as a managed user: send that user's access token, not an API key.",
    )
  })

  it('answers 498 TokenExpiredException once the access token is past its expiry, to the millisecond', async () => {
    const client = await t.createClient()
    const created = await t.createUser(client)
    t.clock.advance(3600_000 - 1)
    expect((await t.me(created.accessToken)).status).toBe(200)
    t.clock.advance(2)
    const res = await t.me(created.accessToken)
    expectError(res, 498, 'TokenExpiredException', 'ACCESS_TOKEN_IS_EXPIRED')

    // the refresh token still works and its access token is good again
    const refreshed = await t.refresh(client, created.refreshToken)
    expect(refreshed.status, refreshed.text).toBe(200)
    expect((await t.me(refreshed.body.data.accessToken)).status).toBe(200)
  })

  it('answers 498 after the full TTL with a fresh t.clock reading (3600 s + 1 ms)', async () => {
    const client = await t.createClient()
    const created = await t.createUser(client)
    expect(created.accessTokenExpiresAt).toBe(t.clock() + 3600_000)
    t.clock.advance(3600_000 + 1)
    expectError(
      await t.me(created.accessToken),
      498,
      'TokenExpiredException',
      'ACCESS_TOKEN_IS_EXPIRED',
    )
  })

  it('stops answering for a user whose client was deleted', async () => {
    const client = await t.createClient()
    const { accessToken } = await t.createUser(client)
    const del = await t.request({
      method: 'DELETE',
      url: `/v2/oauth-clients/${client.clientId}`,
      headers: bearer(client.apiKey),
    })
    expect(del.status, del.text).toBe(200)
    expectError(await t.me(accessToken), 401, 'UnauthorizedException')
  })
})
