import { expect, it } from 'vitest'
import { describeApp } from '../../helpers/fixture.js'
import { getUser, patchUser, stored, uniqueEmail, userRow, userUrl } from './support.js'
import { expectError, expectFieldError } from '../../helpers/expect-error.js'
import { secretKey } from '../../helpers/http.js'

const FULL = {
  name: 'Bob Original',
  bio: 'original bio',
  timeZone: 'Europe/Rome',
  weekStart: 'Monday',
  timeFormat: 24,
  locale: 'fr',
  avatarUrl: 'https://example.com/a.png',
  metadata: { plan: 'pro', seats: 3 },
}

const notPart = (id: number | string) => `User with ID ${id} is not part of this OAuth client.`

describeApp(`GET and PATCH /v2/oauth-clients/{clientId}/users/{userId}`, (t) => {
  async function fullUser() {
    const client = await t.createClient()
    const email = uniqueEmail('bob')
    const { user } = await t.createUser(client, { email, ...FULL })
    return { client, user, email }
  }

  it('gets a user with its suffixed email and the values it was created with', async () => {
    const { client, user, email } = await fullUser()
    const res = await getUser(t, client, user.id)
    expect(res.status, res.text).toBe(200)
    expect(res.body.data).toEqual({
      id: user.id,
      email: stored(email, client.clientId),
      username: user.username,
      name: FULL.name,
      bio: FULL.bio,
      timeZone: FULL.timeZone,
      weekStart: FULL.weekStart,
      createdDate: expect.any(String),
      timeFormat: 24,
      defaultScheduleId: null,
      locale: 'fr',
      avatarUrl: FULL.avatarUrl,
      metadata: FULL.metadata,
    })
  })

  for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
    it(`${method} with a non-numeric user id answers 400 "Validation failed (numeric string is expected)"`, async () => {
      const client = await t.createClient()
      for (const id of ['abc', '1.5', '1e3', '0x10']) {
        const res = await t.request({
          method,
          url: userUrl(client.clientId, id),
          headers: secretKey(client),
          ...(method === 'PATCH' ? { payload: { name: 'x' } } : {}),
        })
        expectError(
          res,
          400,
          'BadRequestException',
          'Validation failed (numeric string is expected)',
        )
      }
    })

    it(`${method} answers 404 for an unknown id, another client’s user and a huge id`, async () => {
      const { client } = await fullUser()
      const other = await t.createClient()
      const { user: foreign } = await t.createUser(other)
      for (const id of [2_000_000_000, foreign.id, '99999999999', 0, -5]) {
        const res = await t.request({
          method,
          url: userUrl(client.clientId, id),
          headers: secretKey(client),
          ...(method === 'PATCH' ? { payload: { name: 'Hijacked' } } : {}),
        })
        expectError(res, 404, 'NotFoundException', notPart(id))
      }
      // the other client's user was neither changed nor deleted
      expect(await userRow(t, foreign.id)).toMatchObject({ name: 'Test User' })
    })
  }

  it('PATCH of email and locale suffixes the email, recomputes the username, leaves the rest', async () => {
    const { client, user } = await fullUser()
    const res = await patchUser(t, client, user.id, {
      email: 'pineapple-pizza@gmail.com',
      locale: 'pt-BR',
    })
    expect(res.status, res.text).toBe(200)
    expect(res.body.data).toMatchObject({
      id: user.id,
      email: `pineapple-pizza+${client.clientId}@gmail.com`,
      username: `pineapple-pizza-${client.clientId}-gmail-com`,
      locale: 'pt-BR',
      name: FULL.name,
      bio: FULL.bio,
      metadata: FULL.metadata,
      timeZone: FULL.timeZone,
      weekStart: FULL.weekStart,
      timeFormat: 24,
      avatarUrl: FULL.avatarUrl,
    })
    expect(await userRow(t, user.id)).toMatchObject({
      email: `pineapple-pizza+${client.clientId}@gmail.com`,
      username: `pineapple-pizza-${client.clientId}-gmail-com`,
      locale: 'pt-BR',
    })
    expect((await getUser(t, client, user.id)).body.data).toEqual(res.body.data)
  })

  it('PATCH lower-cases the new email and keeps the suffix when the caller sends it back', async () => {
    const { client, user } = await fullUser()
    const first = await patchUser(t, client, user.id, { email: 'New.Address@Example.ORG' })
    expect(first.body.data.email).toBe(`new.address+${client.clientId}@example.org`)
    const again = await patchUser(t, client, user.id, { email: first.body.data.email })
    expect(again.status, again.text).toBe(200)
    expect(again.body.data.email).toBe(`new.address+${client.clientId}@example.org`)
  })

  it('PATCH to the email of another user of the client answers 409 and changes nothing', async () => {
    const { client, user } = await fullUser()
    const takenEmail = uniqueEmail('taken')
    await t.createUser(client, { email: takenEmail })
    const before = await userRow(t, user.id)

    const res = await patchUser(t, client, user.id, {
      email: takenEmail,
      name: 'Should not stick',
    })
    // Cal.com's Prisma filter shape for a unique violation: code CONFLICT, no details
    expectError(
      res,
      409,
      'CONFLICT',
      'Invalid Input: Trying to create a record that already exists.',
    )
    expect(res.body.error).not.toHaveProperty('details')
    const after = await userRow(t, user.id)
    expect(after).toEqual(before)
    expect(after!.username).toBe(user.username)
  })

  it('PATCH metadata replaces the stored metadata instead of merging', async () => {
    const { client, user } = await fullUser()
    const res = await patchUser(t, client, user.id, { metadata: { other: true } })
    expect(res.status, res.text).toBe(200)
    expect(res.body.data.metadata).toEqual({ other: true })
    expect((await userRow(t, user.id))!.metadata).toEqual({ other: true })
    const emptied = await patchUser(t, client, user.id, { metadata: {} })
    expect(emptied.body.data.metadata).toEqual({})
  })

  it('PATCH capitalises a lower-case time zone', async () => {
    const { client, user } = await fullUser()
    const res = await patchUser(t, client, user.id, { timeZone: 'america/new_york' })
    expect(res.status, res.text).toBe(200)
    expect(res.body.data.timeZone).toBe('America/New_York')
    expect((await userRow(t, user.id))!.time_zone).toBe('America/New_York')
  })

  it('PATCH updates each profile field it is given and echoes the updated row', async () => {
    const { client, user } = await fullUser()
    const body = {
      name: 'Bob Renamed',
      bio: 'new bio',
      timeZone: 'Asia/Tokyo',
      weekStart: 'Saturday',
      timeFormat: '12',
      locale: 'de',
      avatarUrl: 'https://cdn.example.com/b.png',
      defaultScheduleId: 77,
    }
    const res = await patchUser(t, client, user.id, body)
    expect(res.status, res.text).toBe(200)
    expect(res.body.data).toMatchObject({ ...body, timeFormat: 12, metadata: FULL.metadata })
    expect(res.body.data.email).toBe(user.email)
    expect(res.body.data.username).toBe(user.username)
    const cleared = await patchUser(t, client, user.id, { defaultScheduleId: null })
    expect(cleared.body.data.defaultScheduleId).toBeNull()
  })

  it('PATCH with an empty body changes nothing', async () => {
    const { client, user } = await fullUser()
    const before = (await getUser(t, client, user.id)).body.data
    const res = await patchUser(t, client, user.id, {})
    expect(res.status, res.text).toBe(200)
    expect(res.body.data).toEqual(before)
  })

  it('PATCH without any body answers 200 and changes nothing, as Cal.com does', async () => {
    const { client, user } = await fullUser()
    const before = (await getUser(t, client, user.id)).body.data
    const res = await t.request({
      method: 'PATCH',
      url: userUrl(client.clientId, user.id),
      headers: secretKey(client),
    })
    expect(res.status, res.text).toBe(200)
    expect(res.body.data).toEqual(before)
  })

  it('PATCH refuses a JSON body that is not an object with 400', async () => {
    const { client, user } = await fullUser()
    for (const payload of ['null', '[]', '"name"']) {
      const res = await t.request({
        method: 'PATCH',
        url: userUrl(client.clientId, user.id),
        headers: { ...secretKey(client), 'content-type': 'application/json' },
        payload,
      })
      expectError(res, 400, 'BadRequestException')
    }
  })

  it('PATCH keeps the IANA spelling of a zone that word capitalisation would change', async () => {
    const { client, user } = await fullUser()
    for (const [sent, kept] of [
      ['Europe/Isle_of_Man', 'Europe/Isle_of_Man'],
      ['america/port-au-prince', 'America/Port-au-Prince'],
      ['ANTARCTICA/MCMURDO', 'Antarctica/McMurdo'],
    ]) {
      const res = await patchUser(t, client, user.id, { timeZone: sent })
      expect(res.status, res.text).toBe(200)
      expect(res.body.data.timeZone).toBe(kept)
      expect((await userRow(t, user.id))!.time_zone).toBe(kept)
    }
  })

  const invalid: [Record<string, unknown>, string, string][] = [
    [{ timeZone: 'Narnia/Woods' }, 'timeZone', 'timeZone must be a valid IANA time-zone'],
    [{ timeFormat: 100 }, 'timeFormat', 'timeFormat must be a number either 12 or 24'],
    [
      { weekStart: 'waba luba dub dub' },
      'weekStart',
      'weekStart must be one of the following values: Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday',
    ],
    [{ email: 'not-an-email' }, 'email', 'email must be an email'],
    [
      { metadata: { a: { b: 1 } } },
      'metadata',
      'Metadata must have at most 50 keys, each key up to 40 characters, and values up to 500 characters.',
    ],
    [
      { defaultScheduleId: 'seven' },
      'defaultScheduleId',
      'defaultScheduleId must be an integer number between 1 and 2147483647',
    ],
  ]
  for (const [body, property, message] of invalid) {
    it(`PATCH refuses ${JSON.stringify(body)} with 400 and changes nothing`, async () => {
      const { client, user } = await fullUser()
      const before = await userRow(t, user.id)
      const res = await patchUser(t, client, user.id, { ...body, name: 'Not applied' })
      expectFieldError(res, property, { message: message })
      expect(await userRow(t, user.id)).toEqual(before)
    })
  }
})
