import { randomBytes } from 'node:crypto'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import {
  MemoryTokenStore,
  NoStoredTokensError,
  OrganizationClient,
  SessionRevokedError,
  TesseraClient,
  TokenManager,
  type TokenPair,
} from '@tessera/sdk'
import { BACKENDS } from '../../test/helpers/backends.js'
import type { TestClock } from '../../test/helpers/clock.js'
import { FaultProxy } from './support/fault-proxy.js'
import { startTessera, type RunningTessera } from './support/server.js'

const HOUR = 3_600_000
const email = () => `k-${randomBytes(4).toString('hex')}@example.com`

for (const backend of BACKENDS) {
  describe(`TokenManager against a real Tessera (${backend})`, () => {
    let clock: TestClock
    let server: RunningTessera
    let credentials: { clientId: string; clientSecret: string }
    let proxy: FaultProxy | undefined
    let refreshes = 0

    beforeAll(async () => {
      // the limiter's clock is the server's, which these tests move by hours
      server = await startTessera(backend, {
        clock: true,
        env: { TESSERA_RATE_LIMIT_ENABLED: 'false' },
      })
      const { apiKey } = await server.app.createOrganization()
      credentials = await new OrganizationClient({
        baseUrl: server.url,
        apiKey,
      }).oauthClients.create({
        name: 'Tokens',
        redirectUris: [],
        permissions: ['*'],
      })
      clock = server.clock
    })
    afterAll(() => server.close())
    afterEach(async () => {
      clock.set(Date.now())
      await proxy?.close()
      proxy = undefined
    })

    /** A client that counts the refresh requests it sends in `refreshes`. */
    function client(baseUrl = server.url) {
      return new TesseraClient({
        baseUrl,
        ...credentials,
        retry: { baseDelayMs: 5, maxDelayMs: 20 },
        fetch: (input, init) => {
          if (String(input).endsWith('/refresh')) refreshes++
          return fetch(input, init)
        },
      })
    }

    /** A managed user whose access token expires in 30 s (inside the default 60 s margin). */
    async function userNearExpiry(manager: TokenManager) {
      clock.advance(-HOUR + 30_000)
      const created = await manager.createUser({ email: email(), name: 'Near expiry' })
      clock.set(Date.now())
      expect(created.accessTokenExpiresAt - Date.now()).toBeLessThan(31_000)
      return created
    }

    const me = (accessToken: string) =>
      fetch(`${server.url}/v2/me`, { headers: { authorization: `Bearer ${accessToken}` } })
    const admin = () => new TesseraClient({ baseUrl: server.url, ...credentials })
    const sessions = (userId: number) => admin().sessions.list(userId)

    test('100 concurrent getAccessToken calls near expiry send exactly one refresh', async () => {
      const store = new MemoryTokenStore()
      const manager = new TokenManager({ client: client(), store })
      const created = await userNearExpiry(manager)
      refreshes = 0

      const tokens = await Promise.all(
        Array.from({ length: 100 }, () => manager.getAccessToken(created.user.id)),
      )
      expect(refreshes).toBe(1)
      expect(new Set(tokens).size).toBe(1)
      expect(tokens[0]).not.toBe(created.accessToken)
      expect((await store.get(manager.keyOf(created.user.id)))!.accessToken).toBe(tokens[0])
      expect((await me(tokens[0]!)).status).toBe(200)
      // the server saw one rotation and no repeat
      expect(await sessions(created.user.id)).toMatchObject([{ generation: 1, revoked: false }])
      const events = await admin().events({ types: ['token.refreshed', 'token.reuse_detected'] })
      expect(events.events.filter((e) => e.userId === created.user.id).map((e) => e.type)).toEqual([
        'token.refreshed',
      ])

      // fresh now: more calls send nothing
      await Promise.all(Array.from({ length: 10 }, () => manager.getAccessToken(created.user.id)))
      expect(refreshes).toBe(1)
    })

    test('a lost refresh answer is retried: identical pair, the user stays signed in', async () => {
      proxy = await FaultProxy.start(server.url)
      const manager = new TokenManager({ client: client(proxy.url) })
      const created = await userNearExpiry(manager)
      const refreshPath = `/v2/oauth/${credentials.clientId}/refresh`
      proxy.inject('POST', refreshPath, 'drop-response')

      const token = await manager.getAccessToken(created.user.id)
      const [lost, retried] = proxy.to(refreshPath)
      expect(lost!.fault).toBe('drop-response')
      expect(lost!.status).toBe(200)
      expect(retried!.headers!['x-tessera-refresh-reuse']).toBe('duplicate')
      expect(token).toBe(JSON.parse(lost!.body!).data.accessToken)
      expect((await me(token)).status).toBe(200)
      expect(await sessions(created.user.id)).toMatchObject([{ generation: 1, revoked: false }])
    })

    test('while Tessera cannot be reached, a token that is still valid keeps being served', async () => {
      proxy = await FaultProxy.start(server.url)
      const manager = new TokenManager({ client: client(proxy.url) })
      const created = await userNearExpiry(manager)
      const refreshPath = `/v2/oauth/${credentials.clientId}/refresh`
      for (let i = 0; i < 4; i++) proxy.inject('POST', refreshPath, 'reset')

      expect(await manager.getAccessToken(created.user.id)).toBe(created.accessToken)
      expect(proxy.to(refreshPath)).toHaveLength(4)
      // the next call refreshes with the same (never used) refresh token
      const next = await manager.getAccessToken(created.user.id)
      expect(next).not.toBe(created.accessToken)
      expect((await me(next)).status).toBe(200)
    })

    test('a replayed refresh token raises SessionRevokedError (a security signal)', async () => {
      const manager = new TokenManager({ client: client() })
      const created = await userNearExpiry(manager)
      // elsewhere, the stored refresh token was used and its successor too: the stored one is
      // now two generations old, so presenting it is a replay
      const first = await admin().refresh(created.refreshToken)
      await admin().refresh(first.tokens.refreshToken)

      const err = await manager.getAccessToken(created.user.id).catch((e) => e)
      expect(err).toBeInstanceOf(SessionRevokedError)
      expect(err).toMatchObject({ reason: 'replay', userId: created.user.id })
      expect(err.message).not.toContain(created.refreshToken)
      expect(await sessions(created.user.id)).toMatchObject([
        { revoked: true, revokedReason: 'replay' },
      ])
    })

    test("with onRefused: 'force-refresh' the user gets a new session instead", async () => {
      const store = new MemoryTokenStore()
      const manager = new TokenManager({ client: client(), store, onRefused: 'force-refresh' })
      const created = await userNearExpiry(manager)
      const first = await admin().refresh(created.refreshToken)
      await admin().refresh(first.tokens.refreshToken)
      // the new session starts a second later on the server's clock: "newest first" is certain
      clock.advance(1000)

      const token = await manager.getAccessToken(created.user.id)
      expect((await me(token)).status).toBe(200)
      const list = await sessions(created.user.id)
      expect(list.map((s) => [s.origin, s.revoked])).toEqual([
        ['force_refresh', false],
        ['user_created', true],
      ])
      expect((await store.get(manager.keyOf(created.user.id)))!.accessToken).toBe(token)
    })

    test('fetchAs survives an access token expiring mid-use: 498, refresh, retry', async () => {
      const statuses: number[] = []
      refreshes = 0
      const manager = new TokenManager({
        client: client(),
        fetch: async (input, init) => {
          const response = await fetch(input, init)
          statuses.push(response.status)
          return response
        },
      })
      const created = await manager.createUser({ email: email(), name: 'Mid-use' })
      expect((await manager.fetchAs(created.user.id, `${server.url}/v2/me`)).status).toBe(200)

      // on the server the hour is over; here the token still looks valid for an hour
      clock.advance(HOUR + 1000)
      const response = await manager.fetchAs(created.user.id, `${server.url}/v2/me`, {
        headers: { accept: 'application/json' },
      })
      expect(response.status).toBe(200)
      expect(((await response.json()) as { data: { id: number } }).data.id).toBe(created.user.id)
      expect(statuses).toEqual([200, 498, 200])
      expect(refreshes).toBe(1)
      const stored = (await manager.getTokens(created.user.id)) as TokenPair
      expect(stored.accessToken).not.toBe(created.accessToken)
    })

    test('fetchAs sends a request body again after the 498', async () => {
      const manager = new TokenManager({ client: client() })
      const created = await manager.createUser({ email: email(), name: 'Before' })
      clock.advance(HOUR + 1000)
      const response = await manager.fetchAs(created.user.id, `${server.url}/v2/me`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'After' }),
      })
      expect(response.status).toBe(200)
      expect(((await response.json()) as { data: { name: string } }).data.name).toBe('After')
    })

    test('forceRefresh starts a new session and stores it; unknown users are named', async () => {
      const manager = new TokenManager({ client: client() })
      const created = await manager.createUser({ email: email(), name: 'Forced' })
      const pair = await manager.forceRefresh(created.user.id)
      expect(await manager.getAccessToken(created.user.id)).toBe(pair.accessToken)
      expect((await me(created.accessToken)).status).toBe(401)

      await manager.forget(created.user.id)
      const err = await manager.getAccessToken(created.user.id).catch((e) => e)
      expect(err).toBeInstanceOf(NoStoredTokensError)
      expect(err.userId).toBe(created.user.id)
    })
  })
}
