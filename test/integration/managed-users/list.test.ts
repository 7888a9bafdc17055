import { expect, it } from 'vitest'
import { describeApp } from '../../helpers/fixture.js'
import { stored, uniqueEmail, usersUrl, type Client } from './support.js'
import { expectError } from '../../helpers/expect-error.js'
import { secretKey } from '../../helpers/http.js'

describeApp(`GET /v2/oauth-clients/{clientId}/users`, (t) => {
  function list(client: Client, query = '') {
    return t.request({
      method: 'GET',
      url: `${usersUrl(client.clientId)}${query}`,
      headers: secretKey(client),
    })
  }

  const ids = (res: { body: { data: { id: number }[] } }) => res.body.data.map((u) => u.id)

  /** A client with `n` users created one after the other; returns their ids and addresses in order. */
  async function clientWithUsers(n: number) {
    const client = await t.createClient()
    const users: { id: number; email: string }[] = []
    for (let i = 0; i < n; i++) {
      const email = uniqueEmail(`u${i}`)
      const { user } = await t.createUser(client, { email, bio: `bio ${i}`, metadata: { i } })
      users.push({ id: user.id, email })
    }
    return { client, users }
  }

  it('lists the client’s users oldest first with every ManagedUser field', async () => {
    const { client, users } = await clientWithUsers(3)
    const res = await list(client, '?limit=10&offset=0')
    expect(res.status, res.text).toBe(200)
    expect(res.body.status).toBe('success')
    expect(ids(res)).toEqual(users.map((u) => u.id))
    expect(res.body.data[0]).toEqual({
      id: users[0]!.id,
      email: stored(users[0]!.email, client.clientId),
      username: expect.any(String),
      name: 'Test User',
      bio: 'bio 0',
      timeZone: 'Europe/London',
      weekStart: 'Sunday',
      createdDate: expect.any(String),
      timeFormat: 12,
      defaultScheduleId: null,
      locale: null,
      avatarUrl: null,
      metadata: { i: 0 },
    })
  })

  it('returns an empty list for a client without users', async () => {
    const client = await t.createClient()
    const res = await list(client)
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ status: 'success', data: [] })
  })

  it('never lists users of another client, even of the same organization', async () => {
    const org = await t.createOrganization()
    const a = await t.createClient({ apiKey: org.apiKey })
    const b = await t.createClient({ apiKey: org.apiKey })
    const email = uniqueEmail('both')
    const ua = await t.createUser(a, { email })
    const ub = await t.createUser(b, { email })
    expect(ids(await list(a))).toEqual([ua.user.id])
    expect(ids(await list(b))).toEqual([ub.user.id])
    // filtering by B's stored address through A finds nothing
    const cross = await list(a, `?emails=${encodeURIComponent(stored(email, b.clientId))}`)
    expect(cross.status).toBe(200)
    expect(cross.body.data).toEqual([])
  })

  it('pages with limit and offset and defaults to 50 users', async () => {
    const { client, users } = await clientWithUsers(52)
    const all = users.map((u) => u.id)
    const byDefault = await list(client)
    expect(byDefault.status).toBe(200)
    expect(ids(byDefault)).toEqual(all.slice(0, 50))
    expect(ids(await list(client, '?limit=2'))).toEqual(all.slice(0, 2))
    expect(ids(await list(client, '?limit=2&offset=2'))).toEqual(all.slice(2, 4))
    expect(ids(await list(client, '?offset=50'))).toEqual(all.slice(50))
    expect(ids(await list(client, '?limit=250'))).toEqual(all)
    expect(ids(await list(client, '?offset=60'))).toEqual([])
  })

  for (const query of [
    '?limit=251',
    '?limit=0',
    '?limit=-1',
    '?limit=abc',
    '?offset=-1',
    '?limit=1.5',
  ]) {
    it(`refuses ${query} with 400`, async () => {
      const client = await t.createClient()
      const res = await list(client, query)
      expectError(res, 400, 'BadRequestException')
      const property = query.slice(1).split('=')[0]
      expect(res.body.error.details.errors[0].property).toBe(property)
    })
  }

  it('filters by the original address, the suffixed address (encoded +) and several addresses', async () => {
    const { client, users } = await clientWithUsers(3)
    const [u0, u1, u2] = users as [(typeof users)[0], (typeof users)[0], (typeof users)[0]]

    const byOriginal = await list(client, `?limit=10&offset=0&emails=${u1.email}`)
    expect(byOriginal.status, byOriginal.text).toBe(200)
    expect(ids(byOriginal)).toEqual([u1.id])
    expect(byOriginal.body.data[0].bio).toBe('bio 1')

    const bySuffixed = await list(
      client,
      `?emails=${encodeURIComponent(stored(u2.email, client.clientId))}`,
    )
    expect(bySuffixed.status, bySuffixed.text).toBe(200)
    expect(ids(bySuffixed)).toEqual([u2.id])

    const byTwo = await list(client, `?emails=${u0.email},${u2.email}`)
    expect(ids(byTwo)).toEqual([u0.id, u2.id])

    const suffixedPair = [u0, u1].map((u) => encodeURIComponent(stored(u.email, client.clientId)))
    const byTwoSuffixed = await list(client, `?emails=${suffixedPair.join(',')}`)
    expect(ids(byTwoSuffixed)).toEqual([u0.id, u1.id])

    const mixedCaseAndSpaces = await list(
      client,
      `?emails=${encodeURIComponent(` ${u0.email.toUpperCase()} , ${u1.email}`)}`,
    )
    expect(ids(mixedCaseAndSpaces)).toEqual([u0.id, u1.id])

    const unknown = await list(client, `?emails=${uniqueEmail('nobody')}`)
    expect(unknown.status).toBe(200)
    expect(unknown.body.data).toEqual([])
  })

  it('combines the emails filter with limit and offset', async () => {
    const { client, users } = await clientWithUsers(3)
    const emails = users.map((u) => u.email).join(',')
    expect(ids(await list(client, `?emails=${emails}&limit=2`))).toEqual([
      users[0]!.id,
      users[1]!.id,
    ])
    expect(ids(await list(client, `?emails=${emails}&limit=2&offset=2`))).toEqual([users[2]!.id])
  })

  it('refuses an invalid address in the filter with 400 "Invalid email <entry>"', async () => {
    const { client, users } = await clientWithUsers(1)
    const res = await list(client, '?limit=10&offset=0&emails=invalid-email')
    expectError(res, 400, 'BadRequestException', 'Invalid email invalid-email')
    const second = await list(client, `?emails=${users[0]!.email},also-invalid`)
    expectError(second, 400, 'BadRequestException', 'Invalid email also-invalid')
  })

  it('refuses an empty emails filter with 400 "emails cannot be empty."', async () => {
    const client = await t.createClient()
    for (const query of ['?emails=', '?emails=%20', '?emails=,']) {
      expectError(await list(client, query), 400, 'BadRequestException', 'emails cannot be empty.')
    }
  })

  it('no longer lists a deleted user', async () => {
    const { client, users } = await clientWithUsers(2)
    const del = await t.request({
      method: 'DELETE',
      url: `${usersUrl(client.clientId)}/${users[0]!.id}`,
      headers: secretKey(client),
    })
    expect(del.status).toBe(200)
    expect(ids(await list(client))).toEqual([users[1]!.id])
  })
})
