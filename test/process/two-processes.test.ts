import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSchema } from '../helpers/postgres.js'
import { decodeJwt } from '../helpers/jwt.js'
import { ServerProcess } from '../helpers/server-process.js'

/**
 * Two Tessera processes on one PostgreSQL, as in production. Runs only with TEST_DATABASE_URL
 * (vitest.config.ts leaves this file out otherwise).
 */
describe('two processes on one PostgreSQL', () => {
  let a: ServerProcess
  let b: ServerProcess
  let dropSchema: () => Promise<void>
  const operator = { authorization: `Bearer op-${randomBytes(12).toString('hex')}` }

  beforeAll(async () => {
    const schema = await createSchema()
    dropSchema = schema.drop
    const env = {
      DATABASE_URL: schema.url,
      TESSERA_MASTER_KEY: randomBytes(32).toString('hex'),
      TESSERA_ADMIN_KEY: operator.authorization.slice(7),
      TESSERA_ISSUER: 'http://tessera.cluster',
      TESSERA_LOG_LEVEL: 'warn',
      TESSERA_DATA_DIR: '/tmp/tessera-two-processes-unused',
      // a rotation signs at once, so the other process meets the new kid before any notification
      // could have told it (the activation delay is tested in signing-keys.test.ts)
      TESSERA_SIGNING_KEY_ACTIVATION_DELAY_SECONDS: '0',
    }
    // started together: migrations and first-start key creation must not collide
    ;[a, b] = await Promise.all([ServerProcess.start(env), ServerProcess.start(env)])
  })
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()])
    await dropSchema?.()
  })

  async function provision() {
    const org = await a.fetch('/v2/admin/organizations', {
      method: 'POST',
      headers: operator,
      body: { name: 'Two' },
    })
    const client = await b.fetch('/v2/oauth-clients', {
      method: 'POST',
      headers: { authorization: `Bearer ${org.body.data.apiKey}` },
      body: { name: 'App', redirectUris: ['http://localhost'], permissions: ['*'] },
    })
    const { clientId, clientSecret } = client.body.data
    const user = await a.fetch(`/v2/oauth-clients/${clientId}/users`, {
      method: 'POST',
      headers: { 'x-cal-secret-key': clientSecret },
      body: { email: `u-${randomBytes(4).toString('hex')}@example.com`, name: 'U' },
    })
    return {
      clientId,
      clientSecret,
      userId: user.body.data.user.id as number,
      tokens: user.body.data,
    }
  }

  const refresh = (
    server: ServerProcess,
    c: { clientId: string; clientSecret: string },
    refreshToken: string,
  ) =>
    server.fetch(`/v2/oauth/${c.clientId}/refresh`, {
      method: 'POST',
      headers: { 'x-cal-secret-key': c.clientSecret },
      body: { refreshToken },
    })

  const me = (server: ServerProcess, token: string) =>
    server.fetch('/v2/me', { headers: { authorization: `Bearer ${token}` } })

  /** Polls until the access token is refused, returning how long that took. */
  async function msUntilRefused(server: ServerProcess, token: string): Promise<number> {
    const start = Date.now()
    while (Date.now() - start < 5_000) {
      if ((await me(server, token)).status === 401) return Date.now() - start
      await new Promise((r) => setTimeout(r, 20))
    }
    return Infinity
  }

  it('gives 50 concurrent refreshes of one token, split over both processes, one identical successor', async () => {
    const c = await provision()
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => refresh(i % 2 ? a : b, c, c.tokens.refreshToken)),
    )
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200))
    expect(new Set(results.map((r) => JSON.stringify(r.body.data))).size).toBe(1)
    expect(
      results.filter((r) => r.headers.get('x-tessera-refresh-reuse') === 'duplicate'),
    ).toHaveLength(49)
  })

  it('revokes a replayed family on the other process within a second, without a query per verification', async () => {
    const c = await provision()
    const next = await refresh(a, c, c.tokens.refreshToken)
    const second = await refresh(a, c, next.body.data.refreshToken)
    const live = second.body.data.accessToken
    expect((await me(b, live)).status).toBe(200) // b has it cached as valid now
    const replay = await refresh(a, c, c.tokens.refreshToken)
    expect(replay.status).toBe(400)
    expect(replay.headers.get('x-tessera-refresh-reuse')).toBe('replay')
    expect(await msUntilRefused(b, live)).toBeLessThan(1_000)
  })

  it('makes force-refresh and user deletion on one process reach the other within a second', async () => {
    const c = await provision()
    expect((await me(b, c.tokens.accessToken)).status).toBe(200)
    const forced = await a.fetch(
      `/v2/oauth-clients/${c.clientId}/users/${c.userId}/force-refresh`,
      {
        method: 'POST',
        headers: { 'x-cal-secret-key': c.clientSecret },
      },
    )
    expect(forced.status).toBe(200)
    expect(await msUntilRefused(b, c.tokens.accessToken)).toBeLessThan(1_000)

    const fresh = forced.body.data.accessToken
    expect((await me(b, fresh)).status).toBe(200)
    const deleted = await a.fetch(`/v2/oauth-clients/${c.clientId}/users/${c.userId}`, {
      method: 'DELETE',
      headers: { 'x-cal-secret-key': c.clientSecret },
    })
    expect(deleted.status).toBe(200)
    expect(await msUntilRefused(b, fresh)).toBeLessThan(1_000)
  })

  it('accepts on one process a token signed by a key the other just rotated to', async () => {
    const c = await provision()
    const rotated = await a.fetch('/v2/admin/signing-keys/rotate', {
      method: 'POST',
      headers: operator,
    })
    expect(rotated.status).toBe(200)
    const fresh = await refresh(a, c, c.tokens.refreshToken)
    expect(decodeJwt(fresh.body.data.accessToken).header.kid).toBe(rotated.body.data.kid)
    expect((await me(b, fresh.body.data.accessToken)).status).toBe(200)
    expect((await me(b, c.tokens.accessToken)).status).toBe(200)
  })
})
