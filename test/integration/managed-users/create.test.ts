import { expect, it, vi } from 'vitest'
import { describeApp } from '../../helpers/fixture.js'
import { familyRows, postUser, stored, uniqueEmail, userRow, usersUrl } from './support.js'
import { expectError } from '../../helpers/expect-error.js'
import { decodeJwt } from '../../helpers/jwt.js'

// an instant with a millisecond part, so any rounding of expiries would show
const NOW = Date.UTC(2030, 4, 17, 9, 30, 12, 345)
const ACCESS_TTL_MS = 3600 * 1000
const REFRESH_TTL_MS = 31536000 * 1000

const FULL_BODY = {
  timeZone: 'Europe/Rome',
  weekStart: 'Monday',
  timeFormat: 24,
  locale: 'fr',
  name: 'Alice Liddell',
  avatarUrl: 'https://cal.com/api/avatar/2b735186-b01b-46d3-87da-019b8f61776b.png',
  bio: 'I am a bio',
  metadata: { key: 'value' },
}

describeApp(`POST /v2/oauth-clients/{clientId}/users`, { clock: NOW }, (t) => {
  it('creates a user from the full body: 201, suffixed email, derived username, every field echoed', async () => {
    const client = await t.createClient()
    const res = await postUser(t, client, { email: 'alice@example.com', ...FULL_BODY })
    expect(res.status, res.text).toBe(201)
    expect(res.body.status).toBe('success')
    const { user } = res.body.data
    expect(user).toEqual({
      id: expect.any(Number),
      email: `alice+${client.clientId}@example.com`,
      username: `alice-${client.clientId}-example-com`,
      name: 'Alice Liddell',
      bio: 'I am a bio',
      timeZone: 'Europe/Rome',
      weekStart: 'Monday',
      createdDate: new Date(NOW).toISOString(),
      timeFormat: 24,
      defaultScheduleId: null,
      locale: 'fr',
      avatarUrl: FULL_BODY.avatarUrl,
      metadata: { key: 'value' },
    })
    expect(Object.keys(res.body.data).sort()).toEqual([
      'accessToken',
      'accessTokenExpiresAt',
      'refreshToken',
      'refreshTokenExpiresAt',
      'user',
    ])

    const row = await userRow(t, user.id)
    expect(row).toMatchObject({
      client_id: client.clientId,
      email: `alice+${client.clientId}@example.com`,
      username: `alice-${client.clientId}-example-com`,
      time_zone: 'Europe/Rome',
      week_start: 'Monday',
      time_format: 24,
      locale: 'fr',
      bio: 'I am a bio',
      avatar_url: FULL_BODY.avatarUrl,
      metadata: { key: 'value' },
      default_schedule_id: null,
    })
  })

  it('issues two JWTs carrying Cal.com’s claims, with expiries exactly issue time + TTL', async () => {
    const client = await t.createClient()
    const res = await postUser(t, client, { email: uniqueEmail(), name: 'Jwt' })
    expect(res.status, res.text).toBe(201)
    const data = res.body.data
    expect(data.accessTokenExpiresAt).toBe(NOW + ACCESS_TTL_MS)
    expect(data.refreshTokenExpiresAt).toBe(NOW + REFRESH_TTL_MS)

    const access = decodeJwt(data.accessToken).payload
    const refresh = decodeJwt(data.refreshToken).payload
    for (const [payload, type, expiresAt] of [
      [access, 'access_token', data.accessTokenExpiresAt],
      [refresh, 'refresh_token', data.refreshTokenExpiresAt],
    ] as const) {
      expect(payload.type).toBe(type)
      expect(payload.clientId).toBe(client.clientId)
      expect(payload.ownerId).toBe(data.user.id)
      expect(typeof payload.ownerId).toBe('number')
      expect(payload.expiresAt).toBe(expiresAt)
      expect(payload.iat).toBe(Math.floor(NOW / 1000))
      expect(payload.iat as number).toBeGreaterThan(0)
      expect(payload.jti).toEqual(expect.any(String))
    }
    expect(access.jti).not.toBe(refresh.jti)
    // iat is in seconds, expiresAt in ms: the TTL shows through, plus the sub-second part of NOW
    expect(data.accessTokenExpiresAt - (access.iat as number) * 1000).toBe(
      ACCESS_TTL_MS + (NOW % 1000),
    )
    expect(data.refreshTokenExpiresAt - (refresh.iat as number) * 1000).toBe(
      REFRESH_TTL_MS + (NOW % 1000),
    )
  })

  it('hands out tokens that work at once: the access token on /v2/me, the refresh token on /refresh', async () => {
    const client = await t.createClient()
    const created = await t.createUser(client)
    const me = await t.me(created.accessToken)
    expect(me.status, me.text).toBe(200)
    expect(me.body.data.id).toBe(created.user.id)
    const refreshed = await t.refresh(client, created.refreshToken)
    expect(refreshed.status, refreshed.text).toBe(200)
    expect(decodeJwt(refreshed.body.data.accessToken).payload.ownerId).toBe(created.user.id)
  })

  it('stores the user and its first token family together (one active family, generation 0)', async () => {
    const client = await t.createClient()
    const { user } = await t.createUser(client)
    const families = await familyRows(t, user.id)
    expect(families).toHaveLength(1)
    expect(families[0]).toMatchObject({
      client_id: client.clientId,
      user_id: user.id,
      origin: 'user_created',
      generation: 0,
      revoked_at: null,
    })
    expect(families[0]!.access_expires_at.getTime()).toBe(NOW + ACCESS_TTL_MS)
    expect(families[0]!.refresh_expires_at.getTime()).toBe(NOW + REFRESH_TTL_MS)
  })

  it('leaves no user behind when issuing its first tokens fails (create is one transaction)', async () => {
    const client = await t.createClient()
    const email = uniqueEmail('atomic')
    const spy = vi
      .spyOn(t.tessera.issuer, 'startFamily')
      .mockRejectedValueOnce(new Error('signing failed'))
    try {
      const res = await postUser(t, client, { email, name: 'Atomic' })
      expectError(res, 500, 'InternalServerErrorException', 'Internal server error')
    } finally {
      spy.mockRestore()
    }
    const rows = await t.tessera.ctx.database.db
      .selectFrom('managed_users')
      .select('id')
      .where('client_id', '=', client.clientId)
      .execute()
    expect(rows).toEqual([])
    // and the address is free: the same create succeeds afterwards
    const retry = await postUser(t, client, { email, name: 'Atomic' })
    expect(retry.status, retry.text).toBe(201)
    expect(await familyRows(t, retry.body.data.user.id)).toHaveLength(1)
  })

  it('lower-cases and trims the email before suffixing it', async () => {
    const client = await t.createClient()
    const res = await postUser(t, client, { email: '  Alice.Smith@Example.COM ', name: 'A' })
    expect(res.status, res.text).toBe(201)
    expect(res.body.data.user.email).toBe(`alice.smith+${client.clientId}@example.com`)
    expect(res.body.data.user.username).toBe(`alice.smith-${client.clientId}-example-com`)
  })

  it('derives the username from the local part and the first two domain labels only', async () => {
    const client = await t.createClient()
    const res = await postUser(t, client, {
      email: 'amy.farrah.fowler@mail.test.co.uk',
      name: 'Amy',
    })
    expect(res.status, res.text).toBe(201)
    expect(res.body.data.user.email).toBe(`amy.farrah.fowler+${client.clientId}@mail.test.co.uk`)
    expect(res.body.data.user.username).toBe(`amy.farrah.fowler-${client.clientId}-mail-test`)
  })

  it('keeps an address that already carries this client’s tag as it is', async () => {
    const client = await t.createClient()
    const email = `tagged+${client.clientId}@example.com`
    const res = await postUser(t, client, { email, name: 'T' })
    expect(res.status, res.text).toBe(201)
    expect(res.body.data.user.email).toBe(email)
  })

  for (const [label, extra] of [
    ['no timeZone key', {}],
    ['timeZone: null', { timeZone: null }],
    ['timeZone: undefined', { timeZone: undefined }],
  ] as const) {
    it(`applies the defaults with ${label}: Europe/London, Sunday, 12h, no locale, no metadata`, async () => {
      const client = await t.createClient()
      const res = await postUser(t, client, { email: uniqueEmail(), name: 'Defaults', ...extra })
      expect(res.status, res.text).toBe(201)
      const { user } = res.body.data
      expect(user).toMatchObject({
        timeZone: 'Europe/London',
        weekStart: 'Sunday',
        timeFormat: 12,
        defaultScheduleId: null,
        locale: null,
        bio: null,
        avatarUrl: null,
      })
      expect(user).not.toHaveProperty('metadata')
      expect(await userRow(t, user.id)).toMatchObject({
        time_zone: 'Europe/London',
        week_start: 'Sunday',
        time_format: 12,
        metadata: null,
      })
    })
  }

  it('accepts timeFormat "24" as the number 24 and capitalises a lower-case time zone', async () => {
    const client = await t.createClient()
    const res = await postUser(t, client, {
      email: uniqueEmail(),
      name: 'Cast',
      timeFormat: '24',
      timeZone: 'america/new_york',
    })
    expect(res.status, res.text).toBe(201)
    expect(res.body.data.user.timeFormat).toBe(24)
    expect(res.body.data.user.timeZone).toBe('America/New_York')
    expect((await userRow(t, res.body.data.user.id))!.time_format).toBe(24)
  })

  it('stores a zone sent in its IANA spelling as sent, even where word capitalisation differs', async () => {
    const client = await t.createClient()
    const res = await postUser(t, client, {
      email: uniqueEmail(),
      name: 'Tz',
      timeZone: 'Africa/Dar_es_Salaam',
    })
    expect(res.status, res.text).toBe(201)
    expect(res.body.data.user.timeZone).toBe('Africa/Dar_es_Salaam')
    expect((await userRow(t, res.body.data.user.id))!.time_zone).toBe('Africa/Dar_es_Salaam')
  })

  it('lets the same address exist once per client', async () => {
    const org = await t.createOrganization()
    const a = await t.createClient({ apiKey: org.apiKey })
    const b = await t.createClient({ apiKey: org.apiKey })
    const email = uniqueEmail('shared')
    const first = await postUser(t, a, { email, name: 'A' })
    const second = await postUser(t, b, { email, name: 'B' })
    expect(first.status, first.text).toBe(201)
    expect(second.status, second.text).toBe(201)
    expect(first.body.data.user.email).toBe(stored(email, a.clientId))
    expect(second.body.data.user.email).toBe(stored(email, b.clientId))
    expect(second.body.data.user.id).not.toBe(first.body.data.user.id)
  })

  it('ignores unknown body properties, as Cal.com’s whitelist does', async () => {
    const client = await t.createClient()
    const res = await postUser(t, client, {
      email: uniqueEmail(),
      name: 'Extra',
      isPlatformManaged: false,
      role: 'ADMIN',
      id: 1,
    })
    expect(res.status, res.text).toBe(201)
    expect(res.body.data.user).not.toHaveProperty('role')
    expect(res.body.data.user.id).not.toBe(1)
  })

  it('treats an empty x-cal-secret-key header as no secret at all (401)', async () => {
    const client = await t.createClient()
    const res = await t.request({
      method: 'POST',
      url: usersUrl(client.clientId),
      headers: { 'x-cal-secret-key': '' },
      payload: { email: uniqueEmail(), name: 'N' },
    })
    expectError(res, 401, 'UnauthorizedException')
    expect(res.body.error.message).toMatch(
      /^ApiAuthStrategy - Only 'x-cal-client-id' header provided/,
    )
  })
})
