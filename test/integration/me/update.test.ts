import { expect, it } from 'vitest'
import { describeApp } from '../../helpers/fixture.js'
import { getUser, patchMe, patchUser, uniqueEmail, userRow } from '../managed-users/support.js'
import { expectError, expectFieldError } from '../../helpers/expect-error.js'

const START = Date.UTC(2032, 8, 9, 10, 11, 12, 13)
const PROFILE = {
  name: 'Patchable',
  bio: 'bio',
  timeZone: 'Europe/London',
  weekStart: 'Sunday',
  timeFormat: 12,
  locale: 'en',
  avatarUrl: 'https://example.com/p.png',
  metadata: { keep: 'me' },
}

describeApp(`PATCH /v2/me`, { clock: START }, (t) => {
  async function userWithProfile(permissions?: string[]) {
    const client = await t.createClient(permissions ? { permissions } : {})
    const created = await t.createUser(client, { email: uniqueEmail('self'), ...PROFILE })
    return { client, ...created }
  }

  it('changes the time zone and leaves every other field as it was', async () => {
    const { accessToken } = await userWithProfile()
    const before = (await t.me(accessToken)).body.data
    const res = await patchMe(t, accessToken, { timeZone: 'Europe/Rome' })
    expect(res.status, res.text).toBe(200)
    expect(res.body).toEqual({ status: 'success', data: { ...before, timeZone: 'Europe/Rome' } })
    expect((await t.me(accessToken)).body.data).toEqual({ ...before, timeZone: 'Europe/Rome' })
  })

  it('capitalises America/New_york to America/New_York', async () => {
    const { accessToken, user } = await userWithProfile()
    const res = await patchMe(t, accessToken, { timeZone: 'America/New_york' })
    expect(res.status, res.text).toBe(200)
    expect(res.body.data.timeZone).toBe('America/New_York')
    expect((await userRow(t, user.id))!.time_zone).toBe('America/New_York')
  })

  const invalid: [Record<string, unknown>, string, string][] = [
    [{ timeZone: 'Narnia/Woods' }, 'timeZone', 'timeZone must be a valid IANA time-zone'],
    [{ timeFormat: 100 }, 'timeFormat', 'timeFormat must be a number either 12 or 24'],
    [
      { weekStart: 'waba luba dub dub' },
      'weekStart',
      'weekStart must be one of the following values: Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday',
    ],
    [{ email: 'nope' }, 'email', 'email must be an email'],
  ]
  for (const [body, property, message] of invalid) {
    it(`refuses ${JSON.stringify(body)} with 400 and changes nothing`, async () => {
      const { accessToken, user } = await userWithProfile()
      const before = await userRow(t, user.id)
      const res = await patchMe(t, accessToken, { ...body, name: 'Not applied' })
      expectFieldError(res, property, { message: message })
      expect(await userRow(t, user.id)).toEqual(before)
    })
  }

  it('applies the +clientId suffix and a new username to a new email (unlike Cal.com)', async () => {
    const { client, accessToken, user } = await userWithProfile()
    const res = await patchMe(t, accessToken, { email: 'New.Me@Example.com' })
    expect(res.status, res.text).toBe(200)
    expect(res.body.data.email).toBe(`new.me+${client.clientId}@example.com`)
    expect(res.body.data.username).toBe(`new.me-${client.clientId}-example-com`)
    expect(await userRow(t, user.id)).toMatchObject({
      email: `new.me+${client.clientId}@example.com`,
      username: `new.me-${client.clientId}-example-com`,
    })
    // the client sees the change at once
    expect((await getUser(t, client, user.id)).body.data.email).toBe(
      `new.me+${client.clientId}@example.com`,
    )
  })

  it('answers 409 CONFLICT for the email of another user of the client and changes nothing', async () => {
    const { client, accessToken, user } = await userWithProfile()
    const taken = uniqueEmail('taken')
    await t.createUser(client, { email: taken })
    const before = await userRow(t, user.id)
    const res = await patchMe(t, accessToken, { email: taken, bio: 'not applied' })
    expectError(
      res,
      409,
      'CONFLICT',
      'Invalid Input: Trying to create a record that already exists.',
    )
    expect(await userRow(t, user.id)).toEqual(before)
  })

  it('replaces metadata and keeps it out of the /v2/me response', async () => {
    const { client, accessToken, user } = await userWithProfile()
    const res = await patchMe(t, accessToken, { metadata: { fresh: 1 } })
    expect(res.status, res.text).toBe(200)
    expect(res.body.data).not.toHaveProperty('metadata')
    expect((await getUser(t, client, user.id)).body.data.metadata).toEqual({ fresh: 1 })
  })

  it('ignores fields a user may not set on itself (id, organizationId, unknown keys)', async () => {
    const { accessToken, user } = await userWithProfile()
    const before = (await t.me(accessToken)).body.data
    const res = await patchMe(t, accessToken, {
      id: 1,
      organizationId: 999,
      role: 'ADMIN',
      name: 'Renamed',
    })
    expect(res.status, res.text).toBe(200)
    expect(res.body.data).toEqual({ ...before, name: 'Renamed' })
    expect((await userRow(t, user.id))!.organization_id).toBe(before.organizationId)
  })

  it('shows changes made through the client route on the next /v2/me, and the other way round', async () => {
    const { client, accessToken, user } = await userWithProfile()
    expect((await t.me(accessToken)).body.data.name).toBe('Patchable')
    expect((await patchUser(t, client, user.id, { name: 'From client' })).status).toBe(200)
    expect((await t.me(accessToken)).body.data.name).toBe('From client')
    expect((await patchMe(t, accessToken, { name: 'From user' })).status).toBe(200)
    expect((await getUser(t, client, user.id)).body.data.name).toBe('From user')
  })

  it('answers 403 without PROFILE_WRITE, before looking at the body, and changes nothing', async () => {
    const { client, accessToken, user } = await userWithProfile(['PROFILE_READ'])
    const before = await userRow(t, user.id)
    for (const body of [{ timeZone: 'Europe/Rome' }, { timeZone: 'Narnia/Woods' }]) {
      const res = await patchMe(t, accessToken, body)
      expectError(res, 403, 'ForbiddenException')
      expect(res.body.error.message).toMatch(
        new RegExp(
          `^PermissionsGuard - oAuth client with id=${client.clientId} does not have the required permissions=PROFILE_WRITE\\.`,
        ),
      )
    }
    expect(await userRow(t, user.id)).toEqual(before)
    expect((await t.me(accessToken)).status).toBe(200)
  })

  it('refuses a non-matching Origin, a garbage token and an expired token without changing anything', async () => {
    const { client, accessToken, user } = await userWithProfile()
    const before = await userRow(t, user.id)
    const origin = await patchMe(t, accessToken, { name: 'x' }, { origin: 'https://evil.example' })
    expectError(
      origin,
      401,
      'UnauthorizedException',
      `ApiAuthStrategy - access token - Invalid request origin - please add the origin 'https://evil.example' to the 'redirectUris' of your OAuth client with ID '${client.clientId}'`,
    )
    expect(
      (await patchMe(t, accessToken, { name: 'x' }, { origin: 'http://localhost:4321' })).status,
    ).toBe(200)
    expectError(
      await patchMe(t, 'garbage', { name: 'y' }),
      401,
      'UnauthorizedException',
      'Invalid Access Token.',
    )
    t.clock.advance(3600_000 + 1)
    expectError(
      await patchMe(t, accessToken, { name: 'y' }),
      498,
      'TokenExpiredException',
      'ACCESS_TOKEN_IS_EXPIRED',
    )
    expect(await userRow(t, user.id)).toMatchObject({
      ...before,
      name: 'x',
      updated_at: expect.any(Date),
    })
  })

  it('answers 200 with an empty body, or none at all, and changes nothing visible', async () => {
    const { accessToken } = await userWithProfile()
    const before = (await t.me(accessToken)).body.data
    const res = await patchMe(t, accessToken, {})
    expect(res.status, res.text).toBe(200)
    expect(res.body.data).toEqual(before)
    const none = await t.request({
      method: 'PATCH',
      url: '/v2/me',
      headers: { authorization: `Bearer ${accessToken}` },
    })
    expect(none.status, none.text).toBe(200)
    expect(none.body.data).toEqual(before)
  })
})
