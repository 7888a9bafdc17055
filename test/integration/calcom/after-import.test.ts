import type { AddressInfo } from 'node:net'
import { beforeAll, expect, it } from 'vitest'
import { expectError } from '../../helpers/expect-error.js'
import { describeApp } from '../../helpers/fixture.js'
import { PlatformBackend, type StoredUser } from '../../helpers/platform-backend.js'
import { calcomClient, calcomJwt, calcomUser, importInto } from '../import/support.js'

/**
 * The day a Cal.com Platform customer switches its base URL to Tessera, after an import: its
 * database still holds Cal.com's client id and secret, its users' ids and emails, and Cal.com's
 * tokens. The flows of docs/migrating-from-calcom.md, driven by the starter kit's logic over HTTP.
 */
describeApp('after an import: a Cal.com backend switched to Tessera', (t) => {
  let api: string
  let client: ReturnType<typeof calcomClient>

  /** A row of the customer's database: ids and emails as Cal.com gave them, Cal.com's tokens. */
  function storedUser(id: number): StoredUser {
    const user = client.users.find((u) => u.id === id)!
    const claims = { clientId: client.id, ownerId: id, iat: Math.floor(Date.now() / 1000) }
    return {
      id,
      email: user.email,
      accessToken: calcomJwt({
        ...claims,
        type: 'access_token',
        expiresAt: Date.now() + 1_800_000,
      }),
      refreshToken: calcomJwt({
        ...claims,
        type: 'refresh_token',
        expiresAt: Date.now() + 86_400_000,
      }),
    }
  }

  beforeAll(async () => {
    await t.app.listen({ host: '127.0.0.1', port: 0 })
    api = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/v2`
    const org = await t.createOrganization()
    client = calcomClient([])
    client.users = [
      calcomUser(41, client.id, 'ada'),
      calcomUser(42, client.id, 'grace'),
      calcomUser(43, client.id, 'edsger'),
    ]
    const res = await importInto(t, org.id, { clients: [client] })
    expect(res.body.data.users.created).toBe(3)
  })

  const backend = () => new PlatformBackend(api, client.id, client.secret)

  it("a stored Cal.com access token is refused with 401 (Tessera cannot verify Cal.com's signature)", async () => {
    const res = await backend().request('GET', '/me', {
      authorization: `Bearer ${storedUser(41).accessToken}`,
    })
    expectError(res, 401, 'UnauthorizedException')
  })

  it('atoms: access-token check 401 → refresh URL → refresh 400 → force-refresh with the kept secret and id → check 200', async () => {
    const kit = backend()
    const user = storedUser(42)
    const check = (token: string) =>
      kit.request('GET', `/provider/${client.id}/access-token`, {
        authorization: `Bearer ${token}`,
        'x-cal-client-id': client.id,
        origin: 'http://localhost:4321',
      })
    expect((await check(user.accessToken)).status).toBe(401)
    // the atoms call the backend's refresh URL on 401 or 498; the backend refreshes, which is
    // refused (Cal.com's refresh token), and falls back to force-refresh as the starter kit does
    Object.assign(user, await kit.refreshOrForce(user))
    expect(kit.steps).toEqual(['refresh', 'refresh-refused', 'force-refresh'])
    const again = await check(user.accessToken)
    expect(again.status).toBe(200)
    expect(again.body).toEqual({ status: 'success' })
    const me = await kit.call(user, 'GET', '/me')
    expect(me.status).toBe(200)
    expect(me.body.data).toMatchObject({ id: 42, email: client.users[1]!.email })
  })

  it("the refresh is refused with Cal.com's exact answer: 400 Invalid refresh token", async () => {
    const res = await backend().request(
      'POST',
      `/oauth/${client.id}/refresh`,
      { 'x-cal-secret-key': client.secret },
      { refreshToken: storedUser(43).refreshToken },
    )
    expectError(res, 400, 'BadRequestException', 'Invalid refresh token')
  })

  it('re-issuing every stored pair at switch time (force-refresh per stored id) makes every call work at once', async () => {
    const kit = backend()
    for (const id of [41, 43]) {
      const user = storedUser(id)
      Object.assign(user, await kit.forceRefresh(user.id))
      const me = await kit.call(user, 'GET', '/me')
      expect(me.status).toBe(200)
      expect(me.body.data.id).toBe(id)
    }
    expect(kit.steps).toEqual(['force-refresh', 'call', 'force-refresh', 'call'])
  })

  it('sign-up of an imported person: 409 "already exists" → list by email → force-refresh → the imported id', async () => {
    const kit = backend()
    const adopted = await kit.signUp('Ada@acme.example', 'Ada')
    expect(kit.steps).toEqual(['create', 'create-conflict', 'find-by-email', 'force-refresh'])
    expect(adopted.id).toBe(41)
    const me = await kit.call(adopted, 'GET', '/me')
    expect(me.status).toBe(200)
    expect(me.body.data.email).toBe(`ada+${client.id}@acme.example`)
  })

  it("answers Cal.com's scheduling and other endpoints Tessera does not have with 404", async () => {
    const kit = backend()
    const missing: [string, string][] = [
      ['GET', '/schedules'],
      ['POST', '/schedules'],
      ['GET', '/event-types'],
      ['POST', `/organizations/1/teams/2/event-types`],
      ['GET', '/bookings'],
      ['POST', '/bookings'],
      ['GET', '/slots/available'],
      ['GET', '/calendars'],
      ['GET', '/conferencing'],
      ['POST', '/organizations/1/teams'],
      ['POST', '/organizations/1/memberships'],
      ['GET', `/oauth-clients/${client.id}/managed-users`],
      ['POST', `/oauth/${client.id}/authorize`],
      ['POST', `/oauth/${client.id}/exchange`],
      ['POST', `/auth/oauth2/clients/${client.id}/exchange`],
      ['GET', '/timezones'],
    ]
    for (const [method, path] of missing) {
      const res = await kit.request(method, path, { 'x-cal-secret-key': client.secret })
      // Nest's router answers with a NotFoundException built from this message, details included
      expectError(res, 404, 'NotFoundException', `Cannot ${method} /v2${path}`)
    }
  })
})
