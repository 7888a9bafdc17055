import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { OrganizationClient, TesseraClient } from '@tessera/sdk'
import { BACKENDS } from '../../test/helpers/backends.js'
import type { TestClock } from '../../test/helpers/clock.js'
import { ExampleProcess } from './support/example-process.js'
import { startTessera, type RunningTessera } from './support/server.js'

const HOUR = 3_600_000

/** examples/platform-backend and examples/resource-server, as processes, against a real Tessera. */
for (const backend of BACKENDS) {
  describe(`the examples against a real Tessera (${backend})`, () => {
    let clock: TestClock
    let server: RunningTessera
    let tessera: TesseraClient
    let platform: ExampleProcess
    let api: ExampleProcess

    beforeAll(async () => {
      server = await startTessera(backend, {
        clock: true,
        env: { TESSERA_RATE_LIMIT_ENABLED: 'false' },
      })
      const { apiKey } = await server.app.createOrganization()
      const credentials = await new OrganizationClient({
        baseUrl: server.url,
        apiKey,
      }).oauthClients.create({
        name: 'Examples',
        redirectUris: [],
        permissions: ['*'],
      })
      clock = server.clock
      tessera = new TesseraClient({ baseUrl: server.url, ...credentials })
      const env = {
        TESSERA_URL: server.url,
        TESSERA_ISSUER: server.url,
        TESSERA_CLIENT_ID: credentials.clientId,
        TESSERA_CLIENT_SECRET: credentials.clientSecret,
      }
      ;[platform, api] = await Promise.all([
        ExampleProcess.start('platform-backend', env),
        ExampleProcess.start('resource-server', env),
      ])
    })
    afterAll(async () => {
      expect(await platform?.stop()).toBe(0)
      expect(await api?.stop()).toBe(0)
      await server.close()
    })

    const json = async (response: Response) => ({
      status: response.status,
      body: (await response.json()) as any,
    })
    const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      })
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

    test('platform backend: sign-up, calling Tessera as the user, sign-up again', async () => {
      const email = `ex-${randomBytes(4).toString('hex')}@example.com`
      const created = await json(await post(`${platform.url}/api/users`, { email, name: 'Ada' }))
      expect(created.status).toBe(201)
      const me = await json(await fetch(`${platform.url}/api/users/${created.body.id}/me`))
      expect(me).toMatchObject({
        status: 200,
        body: { data: { id: created.body.id, name: 'Ada' } },
      })

      // the same address again: the existing user, with a new session (starter-kit behaviour);
      // a second later on the server's clock, so "newest first" has one answer
      clock.advance(1000)
      const again = await json(await post(`${platform.url}/api/users`, { email, name: 'Ada' }))
      expect(again).toMatchObject({ status: 200, body: { id: created.body.id } })
      const sessions = await tessera.sessions.list(created.body.id)
      expect(sessions.map((s) => [s.origin, s.revoked])).toEqual([
        ['force_refresh', false],
        ['user_created', true],
      ])
      expect((await fetch(`${platform.url}/api/users/${created.body.id}/me`)).status).toBe(200)
    })

    test("resource server: the plugin accepts the user's token, refuses others, and calls from the platform work", async () => {
      const { body: user } = await json(
        await post(`${platform.url}/api/users`, {
          email: `rs-${randomBytes(4).toString('hex')}@example.com`,
          name: 'Grace',
        }),
      )
      const { body: session } = await json(
        await fetch(`${platform.url}/api/users/${user.id}/token`),
      )
      const profile = await json(
        await fetch(`${api.url}/profile`, { headers: bearer(session.accessToken) }),
      )
      expect(profile).toMatchObject({
        status: 200,
        body: { userId: user.id, clientId: tessera.clientId },
      })

      const missing = await fetch(`${api.url}/profile`)
      expect(missing.status).toBe(401)
      expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="tessera"')
      const forged = await fetch(`${api.url}/profile`, {
        headers: bearer(`${session.accessToken}x`),
      })
      expect(forged.status).toBe(401)
      expect(forged.headers.get('www-authenticate')).toContain('error="invalid_token"')
      expect((await fetch(`${api.url}/health`)).status).toBe(200)

      // the platform calls the API as the user
      const viaPlatform = await json(
        await fetch(
          `${platform.url}/api/users/${user.id}/me?url=${encodeURIComponent(`${api.url}/profile`)}`,
        ),
      )
      expect(viaPlatform).toMatchObject({ status: 200, body: { userId: user.id } })
    })

    test("atoms' /api/refresh: an expired token is exchanged for a new one; 498 before that", async () => {
      clock.advance(-HOUR - 60_000)
      const { body: user } = await json(
        await post(`${platform.url}/api/users`, {
          email: `at-${randomBytes(4).toString('hex')}@example.com`,
          name: 'Expired',
        }),
      )
      clock.set(Date.now())
      // what the front end holds: an access token that expired a minute ago
      const expiredToken: string = user.accessToken
      const expired = await fetch(`${api.url}/profile`, { headers: bearer(expiredToken) })
      expect(expired.status).toBe(498)

      const refreshed = await json(
        await fetch(`${platform.url}/api/refresh`, { headers: bearer(expiredToken) }),
      )
      expect(refreshed.status).toBe(200)
      expect(refreshed.body.accessToken).not.toBe(expiredToken)
      const profile = await fetch(`${api.url}/profile`, {
        headers: bearer(refreshed.body.accessToken),
      })
      expect(profile.status).toBe(200)
      // a second tab presenting the same expired token gets the same new token, not a logout
      const secondTab = await json(
        await fetch(`${platform.url}/api/refresh`, { headers: bearer(expiredToken) }),
      )
      expect(secondTab.body.accessToken).toBe(refreshed.body.accessToken)
      expect(
        (await fetch(`${platform.url}/api/refresh`, { headers: bearer('garbage') })).status,
      ).toBe(401)
    })

    test('introspected route: a force-refreshed session is refused at once, the key-set route still passes', async () => {
      const { body: user } = await json(
        await post(`${platform.url}/api/users`, {
          email: `pay-${randomBytes(4).toString('hex')}@example.com`,
          name: 'Payer',
        }),
      )
      const { body: session } = await json(
        await fetch(`${platform.url}/api/users/${user.id}/token`),
      )
      const paid = await json(await post(`${api.url}/payments`, {}, bearer(session.accessToken)))
      expect(paid).toMatchObject({ status: 200, body: { accepted: true, userId: user.id } })

      await tessera.users.forceRefresh(user.id)
      expect((await post(`${api.url}/payments`, {}, bearer(session.accessToken))).status).toBe(401)
      expect(
        (await fetch(`${api.url}/profile`, { headers: bearer(session.accessToken) })).status,
      ).toBe(200)
    })
  })
}
