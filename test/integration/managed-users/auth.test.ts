import type { InjectOptions } from 'fastify'
import { expect, it } from 'vitest'
import { describeApp } from '../../helpers/fixture.js'
import { uniqueEmail, userUrl, usersUrl } from './support.js'
import { expectError } from '../../helpers/expect-error.js'
import { bearer, secretKey } from '../../helpers/http.js'

const ONLY_CLIENT_ID =
  "ApiAuthStrategy - Only 'x-cal-client-id' header provided. Please also provide 'x-cal-secret-key' header or Auth bearer token as 'Authentication' header"
const INVALID_SECRET = 'ApiAuthStrategy - oAuth client - Invalid client secret'
const INVALID_API_KEY = 'ApiAuthStrategy - api key - Your api key is not valid'
// Cal.com lists the decorator's roles; only the prefix and the names are asserted (order: see report)
const ROLES_MESSAGE =
  /^OrganizationRolesGuard - User must have one of the roles: (OWNER, ADMIN|ADMIN, OWNER)\.$/

/** Every managed-user route of a client, with a body where it takes one. */
function routes(clientId: string, userId: number | string): InjectOptions[] {
  return [
    { method: 'GET', url: usersUrl(clientId) },
    { method: 'POST', url: usersUrl(clientId), payload: { email: uniqueEmail(), name: 'N' } },
    { method: 'GET', url: userUrl(clientId, userId) },
    { method: 'PATCH', url: userUrl(clientId, userId), payload: { name: 'Renamed' } },
    { method: 'POST', url: `${userUrl(clientId, userId)}/force-refresh` },
    { method: 'GET', url: `${userUrl(clientId, userId)}/sessions` },
    { method: 'DELETE', url: `${userUrl(clientId, userId)}/sessions` },
    { method: 'DELETE', url: userUrl(clientId, userId) },
  ]
}

describeApp(`managed users: who may call`, (t) => {
  it('answers 401 with the client-id-only message when no credentials are sent', async () => {
    const client = await t.createClient()
    const { user } = await t.createUser(client)
    for (const route of routes(client.clientId, user.id)) {
      const res = await t.request(route)
      expectError(res, 401, 'UnauthorizedException', ONLY_CLIENT_ID)
    }
    // nothing was changed by the refused calls
    const res = await t.request({
      method: 'GET',
      url: userUrl(client.clientId, user.id),
      headers: secretKey(client),
    })
    expect(res.status).toBe(200)
    expect(res.body.data.name).toBe('Test User')
  })

  it('answers 401 without credentials even for a client that does not exist', async () => {
    for (const route of routes('100', 200)) {
      expectError(await t.request(route), 401, 'UnauthorizedException', ONLY_CLIENT_ID)
    }
  })

  it('refuses a wrong client secret with 401 Invalid client secret', async () => {
    const client = await t.createClient()
    const { user } = await t.createUser(client)
    for (const route of routes(client.clientId, user.id)) {
      const res = await t.request({ ...route, headers: { 'x-cal-secret-key': 'tsr_cs_wrong' } })
      expectError(res, 401, 'UnauthorizedException', INVALID_SECRET)
    }
    // a well-formed secret of the right kind but not this client's is refused the same way
    const other = await t.createClient()
    const res = await t.request({
      method: 'GET',
      url: usersUrl(client.clientId),
      headers: secretKey(other),
    })
    expectError(res, 401, 'UnauthorizedException', INVALID_SECRET)
  })

  it('refuses the secret of client A on client B’s path with 401, and B’s users stay untouched', async () => {
    const a = await t.createClient()
    const b = await t.createClient({ apiKey: a.apiKey })
    const { user } = await t.createUser(b)
    for (const route of routes(b.clientId, user.id)) {
      const res = await t.request({ ...route, headers: secretKey(a) })
      expectError(res, 401, 'UnauthorizedException', INVALID_SECRET)
    }
    expect(
      await t.tessera.ctx.database.db
        .selectFrom('managed_users')
        .select('id')
        .where('client_id', '=', b.clientId)
        .execute(),
    ).toEqual([{ id: user.id }])
  })

  it('answers 401 "Client with ID … not found" for an unknown client with a secret', async () => {
    const client = await t.createClient()
    const unknown = 'cunknownclient000000000000'
    const res = await t.request({
      method: 'GET',
      url: usersUrl(unknown),
      headers: secretKey(client),
    })
    expectError(
      res,
      401,
      'UnauthorizedException',
      `ApiAuthStrategy - oAuth client - Client with ID ${unknown} not found`,
    )
    const post = await t.request({
      method: 'POST',
      url: usersUrl(unknown),
      headers: secretKey(client),
      payload: { email: uniqueEmail(), name: 'N' },
    })
    expectError(
      post,
      401,
      'UnauthorizedException',
      `ApiAuthStrategy - oAuth client - Client with ID ${unknown} not found`,
    )
  })

  it('ignores an x-cal-client-id header naming another client when the path names the client', async () => {
    const a = await t.createClient()
    const b = await t.createClient({ apiKey: a.apiKey })
    const res = await t.request({
      method: 'POST',
      url: usersUrl(a.clientId),
      headers: { ...secretKey(a), 'x-cal-client-id': b.clientId },
      payload: { email: 'header@example.com', name: 'N' },
    })
    expect(res.status, res.text).toBe(201)
    expect(res.body.data.user.email).toBe(`header+${a.clientId}@example.com`)
  })

  for (const role of ['OWNER', 'ADMIN'] as const) {
    it(`lets an ${role} API key of the client’s organization do everything the secret can`, async () => {
      const org = await t.createOrganization()
      const client = await t.createClient({ apiKey: org.apiKey })
      const key = role === 'OWNER' ? org.apiKey : (await t.createApiKey(org.id, role)).key
      const headers = bearer(key)

      const created = await t.request({
        method: 'POST',
        url: usersUrl(client.clientId),
        headers,
        payload: { email: 'keyed@example.com', name: 'Keyed' },
      })
      expect(created.status, created.text).toBe(201)
      const id = created.body.data.user.id as number
      expect(created.body.data.user.email).toBe(`keyed+${client.clientId}@example.com`)

      const list = await t.request({ method: 'GET', url: usersUrl(client.clientId), headers })
      expect(list.status).toBe(200)
      expect(list.body.data.map((u: { id: number }) => u.id)).toEqual([id])

      const patched = await t.request({
        method: 'PATCH',
        url: userUrl(client.clientId, id),
        headers,
        payload: { name: 'K2' },
      })
      expect(patched.status).toBe(200)
      expect(patched.body.data.name).toBe('K2')

      const refreshed = await t.request({
        method: 'POST',
        url: `${userUrl(client.clientId, id)}/force-refresh`,
        headers,
      })
      expect(refreshed.status).toBe(200)
      expect(Object.keys(refreshed.body.data).sort()).toEqual([
        'accessToken',
        'accessTokenExpiresAt',
        'refreshToken',
        'refreshTokenExpiresAt',
      ])

      const deleted = await t.request({
        method: 'DELETE',
        url: userUrl(client.clientId, id),
        headers,
      })
      expect(deleted.status).toBe(200)
      expect(deleted.body.data.name).toBe('K2')
      expect(
        await t.tessera.ctx.database.db
          .selectFrom('managed_users')
          .select('id')
          .where('id', '=', id)
          .executeTakeFirst(),
      ).toBeUndefined()
    })
  }

  it('refuses a MEMBER API key of the client’s organization with 403 on every route', async () => {
    const org = await t.createOrganization()
    const client = await t.createClient({ apiKey: org.apiKey })
    const { user } = await t.createUser(client)
    const member = await t.createApiKey(org.id, 'MEMBER')
    for (const route of routes(client.clientId, user.id)) {
      const res = await t.request({ ...route, headers: bearer(member.key) })
      expectError(res, 403, 'ForbiddenException')
      expect(res.body.error.message).toMatch(ROLES_MESSAGE)
    }
    // guards run before body validation: an invalid body still gets 403, not 400
    const res = await t.request({
      method: 'POST',
      url: usersUrl(client.clientId),
      headers: bearer(member.key),
      payload: {},
    })
    expectError(res, 403, 'ForbiddenException')
    const stillThere = await t.request({
      method: 'GET',
      url: userUrl(client.clientId, user.id),
      headers: secretKey(client),
    })
    expect(stillThere.status).toBe(200)
  })

  it('checks the role before the client, as on /v2/oauth-clients: a MEMBER learns nothing about clients', async () => {
    const foreign = await t.createClient()
    const { id } = await t.createOrganization()
    const member = await t.createApiKey(id, 'MEMBER')
    for (const clientId of [foreign.clientId, 'cdoesnotexist0000000000000']) {
      const res = await t.request({
        method: 'GET',
        url: usersUrl(clientId),
        headers: bearer(member.key),
      })
      expectError(res, 403, 'ForbiddenException')
      expect(res.body.error.message).toMatch(ROLES_MESSAGE)
    }
  })

  it('refuses an API key of another organization with 403 naming the client and organization', async () => {
    const client = await t.createClient()
    const { user } = await t.createUser(client)
    const other = await t.createOrganization()
    for (const route of routes(client.clientId, user.id)) {
      const res = await t.request({ ...route, headers: bearer(other.apiKey) })
      expectError(
        res,
        403,
        'ForbiddenException',
        `OAuthClientGuard - forbidden. oAuth client with id=${client.clientId} does not belong to the organization with id=${other.id}.`,
      )
    }
  })

  it('answers 404 for an API key on a client that does not exist, and 401 for an unknown API key', async () => {
    const org = await t.createOrganization()
    const missing = await t.request({
      method: 'GET',
      url: usersUrl('cdoesnotexist0000000000000'),
      headers: bearer(org.apiKey),
    })
    expectError(missing, 404, 'NotFoundException', 'OAuthClientGuard - OAuth client not found.')

    const client = await t.createClient({ apiKey: org.apiKey })
    const bad = await t.request({
      method: 'GET',
      url: usersUrl(client.clientId),
      headers: bearer('tsr_ak_not-a-real-key'),
    })
    expectError(bad, 401, 'UnauthorizedException', INVALID_API_KEY)
  })

  it('does not accept a managed user’s access token on the client routes', async () => {
    const client = await t.createClient()
    const { user, accessToken } = await t.createUser(client)
    const res = await t.request({
      method: 'GET',
      url: userUrl(client.clientId, user.id),
      headers: bearer(accessToken),
    })
    expectError(res, 401, 'UnauthorizedException', INVALID_API_KEY)
  })
})
