import type { AddressInfo } from 'node:net'
import { beforeAll, describe, expect, it } from 'vitest'
import { expectError } from '../../helpers/expect-error.js'
import { describeApp } from '../../helpers/fixture.js'
import { PlatformBackend } from '../../helpers/platform-backend.js'

const START = Date.UTC(2031, 5, 1, 8, 0, 0, 0)
const ORIGIN = 'http://localhost:4321'
const ONLY_CLIENT_ID =
  "ApiAuthStrategy - Only 'x-cal-client-id' header provided. Please also provide 'x-cal-secret-key' header or Auth bearer token as 'Authentication' header"

/** The headers Cal.com's atoms add to every call (useOAuthFlow / http.ts). */
const ATOMS_HEADERS = (clientId: string) => ({
  'x-cal-client-id': clientId,
  'cal-api-version': '2024-06-11',
  'x-cal-platform-embed': 'true',
  origin: ORIGIN,
})

describeApp(`Cal.com atoms and starter kit against a listening server`, { clock: START }, (t) => {
  let api: string
  let client: { clientId: string; clientSecret: string; apiKey: string }
  let orgId: number

  const get = (path: string, headers: Record<string, string> = {}) =>
    new PlatformBackend(api, client.clientId, client.clientSecret).request('GET', path, headers)

  beforeAll(async () => {
    await t.app.listen({ host: '127.0.0.1', port: 0 })
    api = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/v2`
    const org = await t.createOrganization('Atoms Org')
    orgId = org.id
    client = await t.createClient({
      apiKey: org.apiKey,
      name: 'Atoms client',
      redirectUris: [ORIGIN],
    })
  })

  describe('useOAuthClient: GET /v2/provider/{clientId}', () => {
    it('answers 200 with exactly the client id, organization and name, without credentials', async () => {
      const res = await get(`/provider/${client.clientId}`, ATOMS_HEADERS(client.clientId))
      expect(res.status).toBe(200)
      expect(res.body).toEqual({
        status: 'success',
        data: { clientId: client.clientId, organizationId: orgId, name: 'Atoms client' },
      })
    })

    it('answers 401 for an unknown or impossible client id (the atoms show "Invalid oAuth Client")', async () => {
      for (const id of ['cunknown000000000000000000', 'not a client id', 'x'.repeat(200)]) {
        const res = await get(`/provider/${encodeURIComponent(id)}`)
        expectError(
          res,
          401,
          'UnauthorizedException',
          `ApiAuthStrategy - oAuth client - Client with ID ${id} not found`,
        )
      }
    })

    it('answers 401 once the client is deleted', async () => {
      const doomed = await t.createClient({ apiKey: client.apiKey })
      expect((await get(`/provider/${doomed.clientId}`)).status).toBe(200)
      const del = await t.request({
        method: 'DELETE',
        url: `/v2/oauth-clients/${doomed.clientId}`,
        headers: { authorization: `Bearer ${client.apiKey}` },
      })
      expect(del.status).toBe(200)
      expectError(await get(`/provider/${doomed.clientId}`), 401, 'UnauthorizedException')
    })
  })

  describe('useOAuthFlow: GET /v2/provider/{clientId}/access-token', () => {
    it('answers 200 {status:"success"} for a live access token of this client, with the atoms headers', async () => {
      const user = await t.createUser(client)
      const res = await get(`/provider/${client.clientId}/access-token`, {
        ...ATOMS_HEADERS(client.clientId),
        authorization: `Bearer ${user.accessToken}`,
      })
      expect(res.status).toBe(200)
      expect(res.body).toEqual({ status: 'success' })
    })

    it("answers 200 for the client's secret, 401 for a wrong one or another client's", async () => {
      const ok = await get(`/provider/${client.clientId}/access-token`, {
        'x-cal-secret-key': client.clientSecret,
      })
      expect(ok.status).toBe(200)
      expect(ok.body).toEqual({ status: 'success' })

      const other = await t.createClient()
      const last = client.clientSecret.at(-1) === 'A' ? 'B' : 'A'
      for (const secret of [other.clientSecret, `${client.clientSecret.slice(0, -1)}${last}`]) {
        expectError(
          await get(`/provider/${client.clientId}/access-token`, { 'x-cal-secret-key': secret }),
          401,
          'UnauthorizedException',
          'ApiAuthStrategy - oAuth client - Invalid client secret',
        )
      }
    })

    it('answers 401 without credentials, with only x-cal-client-id, or with an API key', async () => {
      for (const headers of [{}, { 'x-cal-client-id': client.clientId }] as Record<
        string,
        string
      >[]) {
        expectError(
          await get(`/provider/${client.clientId}/access-token`, headers),
          401,
          'UnauthorizedException',
          ONLY_CLIENT_ID,
        )
      }
      const res = await get(`/provider/${client.clientId}/access-token`, {
        authorization: `Bearer ${client.apiKey}`,
      })
      expectError(res, 401, 'UnauthorizedException')
      expect(res.body.error.message).toMatch(/not an API key/)
    })

    it("answers 401 for another client's token, a revoked token and a forged one", async () => {
      const other = await t.createClient({ redirectUris: [ORIGIN] })
      const stranger = await t.createUser(other)
      const foreign = await get(`/provider/${client.clientId}/access-token`, {
        authorization: `Bearer ${stranger.accessToken}`,
      })
      expectError(
        foreign,
        401,
        'UnauthorizedException',
        `The access token was not issued to the OAuth client ${client.clientId}.`,
      )

      const user = await t.createUser(client)
      await new PlatformBackend(api, client.clientId, client.clientSecret).forceRefresh(
        user.user.id,
      )
      expectError(
        await get(`/provider/${client.clientId}/access-token`, {
          authorization: `Bearer ${user.accessToken}`,
        }),
        401,
        'UnauthorizedException',
        'Invalid Access Token.',
      )
      const [h, p] = user.accessToken.split('.')
      expectError(
        await get(`/provider/${client.clientId}/access-token`, {
          authorization: `Bearer ${h}.${p}.${'A'.repeat(86)}`,
        }),
        401,
        'UnauthorizedException',
        'Invalid Access Token.',
      )
    })

    it("answers 401 for an Origin outside the client's redirect URIs", async () => {
      const user = await t.createUser(client)
      const res = await get(`/provider/${client.clientId}/access-token`, {
        authorization: `Bearer ${user.accessToken}`,
        origin: 'https://evil.example',
      })
      expectError(res, 401, 'UnauthorizedException')
      expect(res.body.error.message).toContain("add the origin 'https://evil.example'")
    })

    it('answers a browser preflight the way the atoms need (any origin, their headers allowed)', async () => {
      const res = await fetch(`${api}/provider/${client.clientId}/access-token`, {
        method: 'OPTIONS',
        headers: {
          origin: ORIGIN,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization, x-cal-client-id, cal-api-version',
        },
      })
      expect(res.status).toBe(204)
      expect(res.headers.get('access-control-allow-origin')).toBe('*')
      const allowed = res.headers.get('access-control-allow-headers') ?? ''
      for (const h of ['authorization', 'x-cal-client-id', 'cal-api-version']) {
        expect(allowed).toContain(h)
      }
    })

    it('answers 498 for an expired token; the atoms refresh through the backend and the check passes', async () => {
      const backendApp = new PlatformBackend(api, client.clientId, client.clientSecret)
      const created = await t.createUser(client)
      const stored = {
        id: created.user.id,
        email: created.user.email,
        accessToken: created.accessToken,
        refreshToken: created.refreshToken,
      }
      t.clock.advance(3600_000)
      const expired = await get(`/provider/${client.clientId}/access-token`, {
        ...ATOMS_HEADERS(client.clientId),
        authorization: `Bearer ${stored.accessToken}`,
      })
      expectError(expired, 498, 'TokenExpiredException', 'ACCESS_TOKEN_IS_EXPIRED')
      expect(expired.body.error.details).toBe('ACCESS_TOKEN_IS_EXPIRED')

      // the atoms' refreshUrl is the backend's route, which refreshes with the client secret
      Object.assign(stored, await backendApp.refreshOrForce(stored))
      expect(backendApp.steps).toEqual(['refresh'])
      const again = await get(`/provider/${client.clientId}/access-token`, {
        ...ATOMS_HEADERS(client.clientId),
        authorization: `Bearer ${stored.accessToken}`,
      })
      expect(again.status).toBe(200)
      expect(again.body).toEqual({ status: 'success' })
    })
  })

  describe("the starter kit's fall-back flows", () => {
    it('498 → refresh → retry: the call succeeds with the rotated pair', async () => {
      const kit = new PlatformBackend(api, client.clientId, client.clientSecret)
      const user = await kit.signUp('rotate@example.com', 'Rotating Rita')
      const firstRefresh = user.refreshToken
      t.clock.advance(3600_000)

      const me = await kit.call(user, 'GET', '/me')
      expect(me.status).toBe(200)
      expect(me.body.data).toMatchObject({
        id: user.id,
        email: `rotate+${client.clientId}@example.com`,
      })
      expect(kit.steps).toEqual(['create', 'call', 'refresh', 'retry'])
      expect(user.refreshToken).not.toBe(firstRefresh)
    })

    it('498 → refresh refused (400 Invalid refresh token) → force-refresh → retry succeeds', async () => {
      const kit = new PlatformBackend(api, client.clientId, client.clientSecret)
      const user = await kit.signUp('stale@example.com', 'Stale Stan')
      const stale = user.refreshToken
      // another replica of the backend refreshed and its write to our database was lost
      const rotated = await kit.refreshOrForce({ ...user })
      t.clock.advance(31_000)
      expect(rotated.refreshToken).not.toBe(stale)
      t.clock.advance(3600_000)
      kit.steps.length = 0

      const me = await kit.call(user, 'GET', '/me')
      expect(me.status).toBe(200)
      expect(me.body.data.id).toBe(user.id)
      expect(kit.steps).toEqual(['call', 'refresh', 'refresh-refused', 'force-refresh', 'retry'])
      // force-refresh ended every earlier session: the pair the other replica got is dead too
      const old = await get('/me', { authorization: `Bearer ${rotated.accessToken}` })
      expectError(old, 401, 'UnauthorizedException', 'Invalid Access Token.')
      const families = await t.tessera.ctx.database.db
        .selectFrom('token_families')
        .select(['revoked_at', 'origin'])
        .where('user_id', '=', user.id)
        .orderBy('created_at')
        .execute()
      expect(families.map((f) => [f.origin, f.revoked_at !== null])).toEqual([
        ['user_created', true],
        ['force_refresh', false],
      ])
    })

    it('409 "already exists" on sign-up → list by email → force-refresh → the user is usable', async () => {
      const first = new PlatformBackend(api, client.clientId, client.clientSecret)
      const original = await first.signUp('Twice@Example.com', 'Signed Up Twice')

      // the backend lost its row and signs the same person up again
      const second = new PlatformBackend(api, client.clientId, client.clientSecret)
      const adopted = await second.signUp('Twice@Example.com', 'Signed Up Twice')
      expect(second.steps).toEqual(['create', 'create-conflict', 'find-by-email', 'force-refresh'])
      expect(adopted.id).toBe(original.id)
      expect(adopted.email).toBe(`twice+${client.clientId}@example.com`)

      const me = await second.call(adopted, 'GET', '/me')
      expect(me.status).toBe(200)
      expect(me.body.data).toMatchObject({ id: original.id, email: adopted.email })
      const count = await t.tessera.ctx.database.db
        .selectFrom('managed_users')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('email', '=', adopted.email)
        .executeTakeFirstOrThrow()
      expect(Number(count.n)).toBe(1)
    })
  })
})
