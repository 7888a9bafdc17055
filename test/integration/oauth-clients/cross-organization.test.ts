import { expect, it } from 'vitest'
import { describeApp } from '../../helpers/fixture.js'
import { MANAGE_ROLES, call, clientRow, foreignClient, type Method } from './support.js'
import { expectError } from '../../helpers/expect-error.js'

describeApp(`OAuth clients: isolation between organizations`, (t) => {
  /** A client of organization A, and the keys of organization B. */
  async function foreignSetup() {
    const a = await t.createOrganizationWithKeys()
    const b = await t.createOrganizationWithKeys()
    const client = await t.createClient({ apiKey: a.owner, name: 'Secret plans of A' })
    return { a, b, client, url: `/v2/oauth-clients/${client.clientId}` }
  }

  it.each([
    { method: 'GET', route: '/v2/oauth-clients/{id}' },
    { method: 'PATCH', route: '/v2/oauth-clients/{id}' },
    { method: 'DELETE', route: '/v2/oauth-clients/{id}' },
    { method: 'POST', route: '/v2/oauth-clients/{id}/secret' },
    { method: 'DELETE', route: '/v2/oauth-clients/{id}/secret/previous' },
  ] as { method: Method; route: string }[])(
    "$method $route of another organization's client is 403 with Cal.com's message and no data",
    async ({ method, route }) => {
      const { b, client } = await foreignSetup()
      const url = route.replace('{id}', client.clientId)
      const before = await clientRow(t, client.clientId)
      const res = await call(
        t,
        method,
        url,
        b.owner,
        method === 'PATCH' ? { name: 'pwned' } : undefined,
      )
      expectError(res, 403, 'ForbiddenException', {
        message: foreignClient(client.clientId, b.id),
        path: url,
      })
      expect(res.text).not.toContain('Secret plans of A')
      expect(res.text).not.toContain(client.clientSecret)
      expect(await clientRow(t, client.clientId)).toEqual(before)
    },
  )

  it("a MEMBER of another organization gets 403 for GET of a client that is not its organization's", async () => {
    const { b, client, url } = await foreignSetup()
    const res = await call(t, 'GET', url, b.member)
    expectError(res, 403, 'ForbiddenException', foreignClient(client.clientId, b.id))
  })

  it('a MEMBER of another organization is refused by the role check first on PATCH and DELETE', async () => {
    const { b, url } = await foreignSetup()
    for (const method of ['PATCH', 'DELETE'] as const) {
      const res = await call(
        t,
        method,
        url,
        b.member,
        method === 'PATCH' ? { name: 'x' } : undefined,
      )
      expectError(res, 403, 'ForbiddenException', MANAGE_ROLES)
    }
  })

  it('PATCH of a foreign client with an invalid body is still 403 (ownership before validation)', async () => {
    const { b, client, url } = await foreignSetup()
    const res = await call(t, 'PATCH', url, b.admin, {
      name: '',
      permissions: ['NOT_A_PERMISSION'],
    })
    expectError(res, 403, 'ForbiddenException', foreignClient(client.clientId, b.id))
  })

  it('a foreign DELETE leaves the client, its users and their tokens in place', async () => {
    const { a, b, client, url } = await foreignSetup()
    const user = await t.createUser(client)
    expect((await call(t, 'DELETE', url, b.owner)).status).toBe(403)
    expect((await t.me(user.accessToken)).status).toBe(200)
    const still = await call(t, 'GET', url, a.owner)
    expect(still.status).toBe(200)
    expect(still.body.data.name).toBe('Secret plans of A')
  })

  it("a foreign secret rotation does not change the owner's secret", async () => {
    const { b, client, url } = await foreignSetup()
    const user = await t.createUser(client)
    expect((await call(t, 'POST', `${url}/secret`, b.admin)).status).toBe(403)
    const refreshed = await t.refresh(client, user.refreshToken)
    expect(refreshed.status).toBe(200)
    expect((await clientRow(t, client.clientId))?.previous_secret_hash).toBeNull()
  })

  it("neither organization's list shows the other's clients", async () => {
    const a = await t.createOrganizationWithKeys()
    const b = await t.createOrganizationWithKeys()
    const ca = await t.createClient({ apiKey: a.owner })
    const cb = await t.createClient({ apiKey: b.owner })
    const listA = await call(t, 'GET', '/v2/oauth-clients', a.member)
    const listB = await call(t, 'GET', '/v2/oauth-clients', b.member)
    expect(listA.body.data.map((c: { id: string }) => c.id)).toEqual([ca.clientId])
    expect(listB.body.data.map((c: { id: string }) => c.id)).toEqual([cb.clientId])
  })
})
