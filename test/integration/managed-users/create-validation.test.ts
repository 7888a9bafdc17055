import { expect, it } from 'vitest'
import { describeApp } from '../../helpers/fixture.js'
import { familyRows, postUser, stored, uniqueEmail } from './support.js'
import { expectError, expectFieldError } from '../../helpers/expect-error.js'

const METADATA_MESSAGE =
  'Metadata must have at most 50 keys, each key up to 40 characters, and values up to 500 characters.'
const TIME_ZONE_MESSAGE = 'timeZone must be a valid IANA time-zone'
const TIME_FORMAT_MESSAGE = 'timeFormat must be a number either 12 or 24'

const keys = (n: number, length = 5) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`.padEnd(length, 'x'), i]))

describeApp(`POST /v2/oauth-clients/{clientId}/users: refusals`, (t) => {
  async function usersOf(clientId: string) {
    return t.tessera.ctx.database.db
      .selectFrom('managed_users')
      .select(['id', 'email'])
      .where('client_id', '=', clientId)
      .orderBy('id')
      .execute()
  }

  const invalid: [string, Record<string, unknown>, string, string][] = [
    ['an empty timeZone', { timeZone: '' }, 'timeZone', TIME_ZONE_MESSAGE],
    [
      'timeZone "incorrect-time-zone"',
      { timeZone: 'incorrect-time-zone' },
      'timeZone',
      TIME_ZONE_MESSAGE,
    ],
    [
      'timeZone "invalid-timezone"',
      { timeZone: 'invalid-timezone' },
      'timeZone',
      TIME_ZONE_MESSAGE,
    ],
    ['timeZone "Narnia/Woods"', { timeZone: 'Narnia/Woods' }, 'timeZone', TIME_ZONE_MESSAGE],
    ['timeFormat 100', { timeFormat: 100 }, 'timeFormat', TIME_FORMAT_MESSAGE],
    ['timeFormat "abc"', { timeFormat: 'abc' }, 'timeFormat', TIME_FORMAT_MESSAGE],
    [
      'weekStart "Funday"',
      { weekStart: 'Funday' },
      'weekStart',
      'weekStart must be one of the following values: Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday',
    ],
    [
      'weekStart "monday" (case matters)',
      { weekStart: 'monday' },
      'weekStart',
      'weekStart must be one of the following values: Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday',
    ],
    ['locale "xx"', { locale: 'xx' }, 'locale', 'locale must be one of the following values: '],
    [
      'locale "pt-br" (case matters)',
      { locale: 'pt-br' },
      'locale',
      'locale must be one of the following values: ',
    ],
    ['metadata with 51 keys', { metadata: keys(51) }, 'metadata', METADATA_MESSAGE],
    [
      'a metadata key of 41 characters',
      { metadata: { ['k'.repeat(41)]: 'v' } },
      'metadata',
      METADATA_MESSAGE,
    ],
    [
      'a metadata value of 501 characters',
      { metadata: { key: 'v'.repeat(501) } },
      'metadata',
      METADATA_MESSAGE,
    ],
    [
      'a nested metadata object',
      { metadata: { key: { nested: 'value' } } },
      'metadata',
      METADATA_MESSAGE,
    ],
    ['a metadata array value', { metadata: { key: ['a'] } }, 'metadata', METADATA_MESSAGE],
    ['a null metadata value', { metadata: { key: null } }, 'metadata', METADATA_MESSAGE],
    ['metadata that is an array', { metadata: ['a'] }, 'metadata', METADATA_MESSAGE],
    [
      'an avatarUrl that is not a URL',
      { avatarUrl: 'not a url' },
      'avatarUrl',
      'avatarUrl must be a URL address',
    ],
  ]

  for (const [label, extra, property, message] of invalid) {
    it(`refuses ${label} with 400 and stores nothing`, async () => {
      const client = await t.createClient()
      const res = await postUser(t, client, { email: uniqueEmail(), name: 'N', ...extra })
      if (message.endsWith(': ')) {
        expectError(res, 400, 'BadRequestException')
        expect(res.body.error.message.startsWith(message)).toBe(true)
        expect(res.body.error.message).toContain('pt-BR')
      } else {
        expectFieldError(res, property, { message: message })
      }
      expect(await usersOf(client.clientId)).toEqual([])
    })
  }

  it('accepts metadata right at the limits: 50 keys, 40-character keys, 500-character values', async () => {
    const client = await t.createClient()
    const metadata = { ...keys(49, 40), ['z'.repeat(40)]: 'v'.repeat(500) }
    expect(Object.keys(metadata)).toHaveLength(50)
    const res = await postUser(t, client, { email: uniqueEmail(), name: 'N', metadata })
    expect(res.status, res.text).toBe(201)
    expect(res.body.data.user.metadata).toEqual(metadata)
  })

  it('accepts number and boolean metadata values and returns them with their types', async () => {
    const client = await t.createClient()
    const metadata = { count: 3, ratio: 0.5, active: true, off: false, label: '' }
    const res = await postUser(t, client, { email: uniqueEmail(), name: 'N', metadata })
    expect(res.status, res.text).toBe(201)
    expect(res.body.data.user.metadata).toEqual(metadata)
  })

  for (const email of ['not-an-email', 'a@b', '@example.com', 'a b@example.com', 42]) {
    it(`refuses the email ${JSON.stringify(email)} with 400`, async () => {
      const client = await t.createClient()
      const res = await postUser(t, client, { email, name: 'N' })
      expectError(res, 400, 'BadRequestException')
      expect(res.body.error.details.errors[0].property).toBe('email')
      expect(await usersOf(client.clientId)).toEqual([])
    })
  }

  it('requires email and name', async () => {
    const client = await t.createClient()
    const noEmail = await postUser(t, client, { name: 'N' })
    expectError(noEmail, 400, 'BadRequestException')
    expect(
      noEmail.body.error.details.errors.map((e: { property: string }) => e.property),
    ).toContain('email')
    const noName = await postUser(t, client, { email: uniqueEmail() })
    expectError(noName, 400, 'BadRequestException')
    expect(noName.body.error.details.errors.map((e: { property: string }) => e.property)).toContain(
      'name',
    )
    expect(await usersOf(client.clientId)).toEqual([])
  })

  it('reports every invalid field, not just the first', async () => {
    const client = await t.createClient()
    const res = await postUser(t, client, {
      email: uniqueEmail(),
      name: 'N',
      timeZone: 'Nowhere/Land',
      timeFormat: 100,
      metadata: keys(51),
    })
    expectError(res, 400, 'BadRequestException')
    const properties = res.body.error.details.errors.map((e: { property: string }) => e.property)
    expect(properties).toEqual(expect.arrayContaining(['timeZone', 'timeFormat', 'metadata']))
  })

  it('answers 409 with the existing user’s id when the address is already a user of this client', async () => {
    const client = await t.createClient()
    const email = uniqueEmail('dup')
    const first = await postUser(t, client, { email, name: 'First' })
    expect(first.status, first.text).toBe(201)
    const id = first.body.data.user.id as number

    const again = await postUser(t, client, { email, name: 'Second' })
    expectError(
      again,
      409,
      'ConflictException',
      `User with the provided e-mail already exists. Existing user ID=${id}`,
    )
    // the same address in other letter case, or already suffixed, is the same user
    const upper = await postUser(t, client, { email: email.toUpperCase(), name: 'Third' })
    expectError(
      upper,
      409,
      'ConflictException',
      `User with the provided e-mail already exists. Existing user ID=${id}`,
    )
    const suffixed = await postUser(t, client, {
      email: stored(email, client.clientId),
      name: 'Fourth',
    })
    expectError(
      suffixed,
      409,
      'ConflictException',
      `User with the provided e-mail already exists. Existing user ID=${id}`,
    )

    expect(await usersOf(client.clientId)).toEqual([{ id, email: stored(email, client.clientId) }])
    expect(await familyRows(t, id)).toHaveLength(1)
  })

  it('answers 409 CONFLICT when a different address derives a username the client already has', async () => {
    // Cal.com's username rule keeps only two domain labels and turns `_` into `-`: these collide
    const client = await t.createClient()
    const first = await postUser(t, client, { email: 'a_b@mail.example.com', name: 'One' })
    expect(first.status, first.text).toBe(201)
    for (const email of ['a-b@mail.example.com', 'a_b@mail.example.org']) {
      const res = await postUser(t, client, { email, name: 'Two' })
      expectError(
        res,
        409,
        'CONFLICT',
        'Invalid Input: Trying to create a record that already exists.',
      )
    }
    expect(await usersOf(client.clientId)).toHaveLength(1)
  })

  it('lets exactly one of two concurrent creates of the same address win; the other gets 409', async () => {
    const client = await t.createClient()
    const email = uniqueEmail('race')
    const results = await Promise.all([
      postUser(t, client, { email, name: 'One' }),
      postUser(t, client, { email, name: 'Two' }),
    ])
    const statuses = results.map((r) => r.status).sort()
    expect(statuses, results.map((r) => r.text).join('\n')).toEqual([201, 409])
    const winner = results.find((r) => r.status === 201)!
    const loser = results.find((r) => r.status === 409)!
    const id = winner.body.data.user.id as number
    expectError(
      loser,
      409,
      'ConflictException',
      `User with the provided e-mail already exists. Existing user ID=${id}`,
    )
    expect(await usersOf(client.clientId)).toEqual([{ id, email: stored(email, client.clientId) }])
    expect(await familyRows(t, id)).toHaveLength(1)
  })

  it('keeps every user row paired with a token family under many concurrent creates', async () => {
    const client = await t.createClient()
    const emails = Array.from({ length: 8 }, (_, i) => uniqueEmail(`bulk${i}`))
    const results = await Promise.all(
      [...emails, ...emails].map((email) => postUser(t, client, { email, name: 'Bulk' })),
    )
    expect(results.filter((r) => r.status === 201)).toHaveLength(8)
    expect(results.filter((r) => r.status === 409)).toHaveLength(8)
    const users = await usersOf(client.clientId)
    expect(users).toHaveLength(8)
    const orphans = await t.tessera.ctx.database.db
      .selectFrom('managed_users as u')
      .leftJoin('token_families as f', 'f.user_id', 'u.id')
      .select('u.id')
      .where('u.client_id', '=', client.clientId)
      .where('f.id', 'is', null)
      .execute()
    expect(orphans).toEqual([])
  })
})
