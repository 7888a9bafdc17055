import { randomUUID } from 'node:crypto'
import { expect, it } from 'vitest'
import { describeApp } from '../../helpers/fixture.js'
import { familyRows, forceRefresh, userUrl } from './support.js'
import { expectError } from '../../helpers/expect-error.js'
import { secretKey } from '../../helpers/http.js'
import { decodeJwt } from '../../helpers/jwt.js'

const START = Date.UTC(2031, 5, 1, 8, 0, 0, 250)
const notPart = (id: number) => `User with ID ${id} is not part of this OAuth client.`

type Creds = { clientId: string; clientSecret: string }

describeApp(`/v2/oauth-clients/{clientId}/users/{userId}/sessions`, { clock: START }, (t) => {
  const sessionsUrl = (clientId: string, userId: number) => `${userUrl(clientId, userId)}/sessions`
  const listSessions = (client: Creds, userId: number) =>
    t.request({
      method: 'GET',
      url: sessionsUrl(client.clientId, userId),
      headers: secretKey(client),
    })
  const revokeAll = (client: Creds, userId: number) =>
    t.request({
      method: 'DELETE',
      url: sessionsUrl(client.clientId, userId),
      headers: secretKey(client),
    })
  const revokeOne = (client: Creds, userId: number, sessionId: string) =>
    t.request({
      method: 'DELETE',
      url: `${sessionsUrl(client.clientId, userId)}/${sessionId}`,
      headers: secretKey(client),
    })

  it('lists the token families newest first: the force-refreshed one active, the first revoked', async () => {
    const client = await t.createClient()
    const created = await t.createUser(client)
    const createdAt = t.clock()
    t.clock.advance(60_000)
    const forced = await forceRefresh(t, client, created.user.id)
    expect(forced.status).toBe(200)
    const forcedAt = t.clock()

    const res = await listSessions(client, created.user.id)
    expect(res.status, res.text).toBe(200)
    expect(res.body.data).toEqual([
      {
        id: decodeJwt(forced.body.data.refreshToken).payload.sid,
        origin: 'force_refresh',
        createdAt: new Date(forcedAt).toISOString(),
        lastRefreshedAt: null,
        generation: 0,
        refreshTokenExpiresAt: new Date(forced.body.data.refreshTokenExpiresAt).toISOString(),
        revoked: false,
        revokedAt: null,
        revokedReason: null,
      },
      {
        id: decodeJwt(created.refreshToken).payload.sid,
        origin: 'user_created',
        createdAt: new Date(createdAt).toISOString(),
        lastRefreshedAt: null,
        generation: 0,
        refreshTokenExpiresAt: new Date(created.refreshTokenExpiresAt).toISOString(),
        revoked: true,
        revokedAt: new Date(forcedAt).toISOString(),
        revokedReason: 'force_refresh',
      },
    ])
  })

  it('shows refreshes of a session as its generation and last refresh time', async () => {
    const client = await t.createClient()
    const created = await t.createUser(client)
    t.clock.advance(5_000)
    expect((await t.refresh(client, created.refreshToken)).status).toBe(200)
    const res = await listSessions(client, created.user.id)
    expect(res.body.data).toHaveLength(1)
    expect(res.body.data[0]).toMatchObject({
      generation: 1,
      lastRefreshedAt: new Date(t.clock()).toISOString(),
      revoked: false,
    })
  })

  it('revoking one session stops its access and refresh tokens and leaves the others', async () => {
    const client = await t.createClient()
    const created = await t.createUser(client)
    const forced = await forceRefresh(t, client, created.user.id)
    const activeId = decodeJwt(forced.body.data.accessToken).payload.sid as string
    expect((await t.me(forced.body.data.accessToken)).status).toBe(200)

    const res = await revokeOne(client, created.user.id, activeId)
    expect(res.status, res.text).toBe(200)
    expect(res.body).toEqual({ status: 'success', data: { revoked: 1 } })
    expectError(
      await t.me(forced.body.data.accessToken),
      401,
      'UnauthorizedException',
      'Invalid Access Token.',
    )
    expectError(
      await t.refresh(client, forced.body.data.refreshToken),
      400,
      'BadRequestException',
      'Invalid refresh token',
    )

    const stored = (await familyRows(t, created.user.id)).find((f) => f.id === activeId)
    expect(stored).toMatchObject({ revoked_reason: 'revoked_by_client' })
    expect(stored!.revoked_at!.getTime()).toBe(t.clock())
    // revoking it again is harmless and reports nothing revoked
    const again = await revokeOne(client, created.user.id, activeId)
    expect(again.body).toEqual({ status: 'success', data: { revoked: 0 } })
  })

  it('revoking one session of one user does not touch another user’s session', async () => {
    const client = await t.createClient()
    const alice = await t.createUser(client)
    const bob = await t.createUser(client)
    const aliceSession = decodeJwt(alice.accessToken).payload.sid as string
    expect((await revokeOne(client, alice.user.id, aliceSession)).body.data).toEqual({
      revoked: 1,
    })
    expect((await t.me(bob.accessToken)).status).toBe(200)
    // bob's session cannot be revoked through alice's path
    const bobSession = decodeJwt(bob.accessToken).payload.sid as string
    const cross = await revokeOne(client, alice.user.id, bobSession)
    expectError(cross, 404, 'NotFoundException', `Session ${bobSession} not found for this user.`)
    expect((await t.me(bob.accessToken)).status).toBe(200)
  })

  it('revoking all sessions stops every token of the user, of every generation', async () => {
    const client = await t.createClient()
    const created = await t.createUser(client)
    const rotated = await t.refresh(client, created.refreshToken)
    expect(rotated.status).toBe(200)
    expect((await t.me(created.accessToken)).status).toBe(200)
    expect((await t.me(rotated.body.data.accessToken)).status).toBe(200)

    const res = await revokeAll(client, created.user.id)
    expect(res.status, res.text).toBe(200)
    expect(res.body).toEqual({ status: 'success', data: { revoked: 1 } })
    for (const token of [created.accessToken, rotated.body.data.accessToken]) {
      expectError(await t.me(token), 401, 'UnauthorizedException', 'Invalid Access Token.')
    }
    expectError(
      await t.refresh(client, rotated.body.data.refreshToken),
      400,
      'BadRequestException',
      'Invalid refresh token',
    )
    const listed = await listSessions(client, created.user.id)
    expect(listed.body.data.map((s: { revoked: boolean }) => s.revoked)).toEqual([true])
    expect(listed.body.data[0].revokedReason).toBe('revoked_by_client')

    // the user itself remains, and force-refresh starts a new working session
    const fresh = await forceRefresh(t, client, created.user.id)
    expect(fresh.status).toBe(200)
    expect((await t.me(fresh.body.data.accessToken)).status).toBe(200)
    expect((await revokeAll(client, created.user.id)).body.data).toEqual({ revoked: 1 })
    expect((await revokeAll(client, created.user.id)).body.data).toEqual({ revoked: 0 })
  })

  it('answers 404 for an unknown session id and 400 for one that is not a UUID', async () => {
    const client = await t.createClient()
    const { user } = await t.createUser(client)
    const unknown = randomUUID()
    expectError(
      await revokeOne(client, user.id, unknown),
      404,
      'NotFoundException',
      `Session ${unknown} not found for this user.`,
    )
    expectError(await revokeOne(client, user.id, 'not-a-uuid'), 400, 'BadRequestException')
  })

  it('answers 404 for the sessions of an unknown user or of another client’s user', async () => {
    const client = await t.createClient()
    const other = await t.createClient()
    const foreign = await t.createUser(other)
    for (const id of [2_000_000_000, foreign.user.id]) {
      expectError(await listSessions(client, id), 404, 'NotFoundException', notPart(id))
      expectError(await revokeAll(client, id), 404, 'NotFoundException', notPart(id))
      expectError(
        await revokeOne(client, id, decodeJwt(foreign.accessToken).payload.sid as string),
        404,
        'NotFoundException',
        notPart(id),
      )
    }
    expect((await t.me(foreign.accessToken)).status).toBe(200)
  })
})
