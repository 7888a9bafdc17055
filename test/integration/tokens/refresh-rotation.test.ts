import { expect, it } from 'vitest'
import { describeApp } from '../../helpers/fixture.js'
import { decodeJwt } from '../../helpers/jwt.js'

describeApp(`refresh rotation`, { clock: Date.UTC(2026, 0, 1) }, (t) => {
  it('rotates: a new pair with exact expiries, payload of Cal.com, and the previous access token still valid', async () => {
    const client = await t.createClient()
    const created = await t.createUser(client)
    t.clock.advance(1_234)
    const issuedAt = t.clock()
    const res = await t.refresh(client, created.refreshToken)
    expect(res.status).toBe(200)
    expect(res.headers['x-tessera-refresh-reuse']).toBeUndefined()
    const keys = res.body.data
    expect(keys.accessTokenExpiresAt).toBe(issuedAt + 3_600_000)
    expect(keys.refreshTokenExpiresAt).toBe(issuedAt + 31_536_000_000)
    expect(keys.refreshToken).not.toBe(created.refreshToken)
    const access = decodeJwt(keys.accessToken).payload
    expect(access).toMatchObject({
      type: 'access_token',
      clientId: client.clientId,
      ownerId: created.user.id,
      expiresAt: keys.accessTokenExpiresAt,
      iat: Math.floor(issuedAt / 1000),
      sub: String(created.user.id),
    })
    expect(decodeJwt(keys.refreshToken).payload).toMatchObject({
      type: 'refresh_token',
      ownerId: created.user.id,
      expiresAt: keys.refreshTokenExpiresAt,
    })
    expect((await t.me(keys.accessToken)).status).toBe(200)
    expect((await t.me(created.accessToken)).status).toBe(200)
  })

  it('gives every concurrent duplicate the identical successor pair (50 at once)', async () => {
    const client = await t.createClient()
    const created = await t.createUser(client)
    const results = await Promise.all(
      Array.from({ length: 50 }, () => t.refresh(client, created.refreshToken)),
    )
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200))
    const pairs = new Set(results.map((r) => JSON.stringify(r.body.data)))
    expect(pairs.size).toBe(1)
    const reuse = results.map((r) => r.headers['x-tessera-refresh-reuse'])
    expect(reuse.filter((h) => h === undefined)).toHaveLength(1)
    expect(reuse.filter((h) => h === 'duplicate')).toHaveLength(49)
    const family = await t.tessera.ctx.database.db
      .selectFrom('token_families')
      .select(['generation', 'revoked_at'])
      .where('user_id', '=', created.user.id)
      .executeTakeFirstOrThrow()
    expect(family).toEqual({ generation: 1, revoked_at: null })
    // the shared successor is a working token, and spending it moves on normally
    const next = await t.refresh(client, results[0]!.body.data.refreshToken)
    expect(next.status).toBe(200)
  })

  it('rotates many sessions at once, each exactly once, when concurrent refreshes share statements', async () => {
    const client = await t.createClient()
    const other = await t.createClient()
    const users = await Promise.all(Array.from({ length: 24 }, () => t.createUser(client)))
    const foreign = await t.createUser(other)
    // three presentations of each user's token, interleaved, plus tokens that must fail
    const requests = [
      ...[0, 1, 2].flatMap((copy) =>
        users.map((u, i) => ({ user: i, copy, token: u.refreshToken })),
      ),
      ...Array.from({ length: 4 }, () => ({ user: -1, copy: 0, token: foreign.refreshToken })),
    ]
    const results = await Promise.all(requests.map((r) => t.refresh(client, r.token)))

    const foreignResults = results.filter((_, i) => requests[i]!.user === -1)
    expect(foreignResults.map((r) => [r.status, r.body.error?.message])).toEqual(
      Array(4).fill([400, 'Invalid refresh token']),
    )
    const successors = users.map((_, user) => {
      const mine = results.filter((_, i) => requests[i]!.user === user)
      expect(mine.map((r) => r.status)).toEqual([200, 200, 200])
      expect(new Set(mine.map((r) => JSON.stringify(r.body.data))).size).toBe(1)
      expect(mine.filter((r) => r.headers['x-tessera-refresh-reuse'] === undefined)).toHaveLength(1)
      return mine[0]!.body.data.refreshToken as string
    })
    expect(new Set(successors).size).toBe(users.length)

    const db = t.tessera.ctx.database.db
    const families = await db
      .selectFrom('token_families')
      .select(['user_id', 'generation', 'revoked_at'])
      .where('client_id', 'in', [client.clientId, other.clientId])
      .orderBy('user_id')
      .execute()
    expect(families).toEqual(
      [...users.map((u) => u.user.id), foreign.user.id]
        .sort((a, b) => a - b)
        .map((id) => ({
          user_id: id,
          generation: id === foreign.user.id ? 0 : 1,
          revoked_at: null,
        })),
    )
    const refreshed = await db
      .selectFrom('audit_events')
      .select(['user_id', 'data'])
      .where('type', '=', 'token.refreshed')
      .where('client_id', '=', client.clientId)
      .orderBy('user_id')
      .execute()
    expect(refreshed).toEqual(
      users
        .map((u) => u.user.id)
        .sort((a, b) => a - b)
        .map((id) => ({ user_id: id, data: { generation: 1 } })),
    )
    // every successor works
    const next = await Promise.all(successors.map((token) => t.refresh(client, token)))
    expect(next.map((r) => r.status)).toEqual(Array(users.length).fill(200))
  })

  it('lets a retry after a lost response succeed with the same pair, inside the reuse window', async () => {
    const client = await t.createClient()
    const created = await t.createUser(client)
    const first = await t.refresh(client, created.refreshToken) // the response "is lost"
    t.clock.advance(29_000)
    const retry = await t.refresh(client, created.refreshToken)
    expect(retry.status).toBe(200)
    expect(retry.headers['x-tessera-refresh-reuse']).toBe('duplicate')
    expect(retry.body.data).toEqual(first.body.data)
  })

  it('treats the previous token after the reuse window as a replay: the family and its access tokens die', async () => {
    const client = await t.createClient()
    const created = await t.createUser(client)
    const first = await t.refresh(client, created.refreshToken)
    // the window counts from the rotation's commit: the send on this clock plus the database's
    // own (real) time on the statement, a few milliseconds; 100 ms past the window is past it
    t.clock.advance(30_100)
    const replay = await t.refresh(client, created.refreshToken)
    expect(replay.status).toBe(400)
    expect(replay.headers['x-tessera-refresh-reuse']).toBe('replay')
    expect(replay.body.error).toMatchObject({
      code: 'BadRequestException',
      message: 'Invalid refresh token',
    })
    expect((await t.me(first.body.data.accessToken)).status).toBe(401)
    expect((await t.me(created.accessToken)).status).toBe(401)
    expect((await t.refresh(client, first.body.data.refreshToken)).status).toBe(400)
    const family = await t.tessera.ctx.database.db
      .selectFrom('token_families')
      .select(['revoked_reason'])
      .where('user_id', '=', created.user.id)
      .executeTakeFirstOrThrow()
    expect(family.revoked_reason).toBe('replay')
  })

  it('treats a token two generations back as a replay even inside the window', async () => {
    const client = await t.createClient()
    const created = await t.createUser(client)
    const one = await t.refresh(client, created.refreshToken)
    const two = await t.refresh(client, one.body.data.refreshToken)
    expect(two.status).toBe(200)
    const replay = await t.refresh(client, created.refreshToken)
    expect(replay.status).toBe(400)
    expect(replay.headers['x-tessera-refresh-reuse']).toBe('replay')
    expect((await t.me(two.body.data.accessToken)).status).toBe(401)
  })

  it('records duplicates and replays as audit events with their class', async () => {
    const client = await t.createClient()
    const created = await t.createUser(client)
    await t.refresh(client, created.refreshToken)
    await t.refresh(client, created.refreshToken)
    t.clock.advance(31_000)
    await t.refresh(client, created.refreshToken)
    const events = await t.tessera.ctx.database.db
      .selectFrom('audit_events')
      .select(['type', 'data'])
      .where('user_id', '=', created.user.id)
      .orderBy('id')
      .execute()
    expect(events.map((e) => e.type)).toEqual([
      'user.created',
      'token.issued',
      'token.refreshed',
      'token.reuse_detected',
      'token.reuse_detected',
      'token.revoked',
    ])
    expect(
      events.filter((e) => e.type === 'token.reuse_detected').map((e) => e.data.class),
    ).toEqual(['duplicate', 'replay'])
    const metrics = await t.request({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: 'Bearer test-operator-key-0123456789abcdef' },
    })
    expect(metrics.text).toMatch(/tessera_refresh_total\{outcome="replay"\} [1-9]/)
    expect(metrics.text).toMatch(/tessera_refresh_total\{outcome="duplicate"\} [1-9]/)
  })

  it("refuses another client's refresh token with 400 and leaves that session alone", async () => {
    const a = await t.createClient()
    const b = await t.createClient()
    const created = await t.createUser(a)
    const res = await t.refresh(b, created.refreshToken)
    expect(res.status).toBe(400)
    expect(res.body.error.message).toBe('Invalid refresh token')
    expect((await t.refresh(a, created.refreshToken)).status).toBe(200)
  })

  it('always requires the client secret: none, a wrong one, or a bearer credential instead get 401', async () => {
    const client = await t.createClient()
    const created = await t.createUser(client)
    const url = `/v2/oauth/${client.clientId}/refresh`
    const payload = { refreshToken: created.refreshToken }
    const none = await t.request({ method: 'POST', url, payload })
    expect(none.status).toBe(401)
    const wrong = await t.request({
      method: 'POST',
      url,
      payload,
      headers: { 'x-cal-secret-key': `${client.clientSecret.slice(0, -1)}x` },
    })
    expect(wrong.status).toBe(401)
    expect(wrong.body.error.message).toBe('ApiAuthStrategy - oAuth client - Invalid client secret')
    const bearer = await t.request({
      method: 'POST',
      url,
      payload,
      headers: { authorization: `Bearer ${client.apiKey}` },
    })
    expect(bearer.status).toBe(401)
    const accessBearer = await t.request({
      method: 'POST',
      url,
      payload,
      headers: { authorization: `Bearer ${created.accessToken}` },
    })
    expect(accessBearer.status).toBe(401)
    // none of these spent the token
    expect((await t.refresh(client, created.refreshToken)).status).toBe(200)
  })

  it('refuses garbage, access tokens and tampered refresh tokens with 400 Invalid refresh token', async () => {
    const client = await t.createClient()
    const created = await t.createUser(client)
    const [h, p, s] = created.refreshToken.split('.') as [string, string, string]
    const payload = decodeJwt(created.refreshToken).payload
    const forgedPayload = Buffer.from(
      JSON.stringify({ ...payload, gen: (payload.gen as number) + 5 }),
    ).toString('base64url')
    for (const token of [
      'nope',
      created.accessToken,
      `${h}.${forgedPayload}.${s}`,
      `${h}.${p}.${s.slice(0, -2)}AA`,
    ]) {
      const res = await t.refresh(client, token)
      expect(res.status).toBe(400)
      expect(res.body.error.message).toBe('Invalid refresh token')
    }
    const missing = await t.request({
      method: 'POST',
      url: `/v2/oauth/${client.clientId}/refresh`,
      headers: { 'x-cal-secret-key': client.clientSecret },
      payload: {},
    })
    expect(missing.status).toBe(400)
    expect((await t.refresh(client, created.refreshToken)).status).toBe(200)
  })

  it('stores no token material: families hold ids, counters and times only', async () => {
    const client = await t.createClient()
    const created = await t.createUser(client)
    const refreshed = await t.refresh(client, created.refreshToken)
    const rows = await t.tessera.ctx.database.db
      .selectFrom('token_families')
      .selectAll()
      .where('user_id', '=', created.user.id)
      .execute()
    const stored = JSON.stringify(rows)
    for (const token of [
      created.accessToken,
      created.refreshToken,
      refreshed.body.data.accessToken,
      refreshed.body.data.refreshToken,
    ]) {
      for (const part of token.split('.')) expect(stored).not.toContain(part)
    }
  })

  // last: it moves the t.clock a year ahead
  it('enforces refresh-token expiry (Cal.com did not)', async () => {
    const client = await t.createClient()
    const created = await t.createUser(client)
    t.clock.advance(31_536_000_000)
    const res = await t.refresh(client, created.refreshToken)
    expect(res.status).toBe(400)
    expect(res.body.error.message).toBe('Invalid refresh token')
  })
})
