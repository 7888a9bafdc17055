import { expect, it } from 'vitest'
import { describeApp } from '../../helpers/fixture.js'
import {
  CLIENT_NOT_FOUND,
  INVALID_API_KEY,
  MANAGE_ROLES,
  NO_CREDENTIALS,
  call,
  clientRow,
  type Method,
} from './support.js'
import { expectError } from '../../helpers/expect-error.js'
import { OPERATOR_KEY } from '../../helpers/http.js'

const UNKNOWN = '/v2/oauth-clients/1234'
const FIVE: [Method, string][] = [
  ['GET', '/v2/oauth-clients'],
  ['GET', UNKNOWN],
  ['POST', '/v2/oauth-clients'],
  ['PATCH', UNKNOWN],
  ['DELETE', UNKNOWN],
]

describeApp(`OAuth clients: authentication and roles`, (t) => {
  it.each(FIVE)('%s %s without credentials is 401 with Cal.com’s message', async (method, url) => {
    const res = await call(
      t,
      method,
      url,
      undefined,
      method === 'POST' || method === 'PATCH' ? {} : undefined,
    )
    expectError(res, 401, 'UnauthorizedException', { message: NO_CREDENTIALS, path: url })
  })

  it('an unknown, malformed or operator key is 401 on every endpoint, never 403 or 404', async () => {
    const { owner } = await t.createOrganizationWithKeys()
    const forged = owner.slice(0, -8) + 'AAAAAAAA'
    for (const key of [forged, 'cal_live_0123456789', OPERATOR_KEY]) {
      for (const [method, url] of FIVE) {
        const res = await call(t, method, url, key)
        expectError(res, 401, 'UnauthorizedException', INVALID_API_KEY)
      }
    }
  })

  it('a non-Bearer Authorization header counts as no credentials', async () => {
    const { owner } = await t.createOrganizationWithKeys()
    const res = await t.request({
      method: 'GET',
      url: '/v2/oauth-clients',
      headers: { authorization: `Basic ${owner}` },
    })
    expectError(res, 401, 'UnauthorizedException', NO_CREDENTIALS)
  })

  it('a MEMBER key lists the organization’s clients (200) and reads one', async () => {
    const org = await t.createOrganizationWithKeys()
    const { clientId } = await t.createClient({ apiKey: org.owner, name: 'Visible to members' })
    const list = await call(t, 'GET', '/v2/oauth-clients', org.member)
    expect(list.status).toBe(200)
    expect(list.body.status).toBe('success')
    expect(list.body.data.map((c: { id: string }) => c.id)).toEqual([clientId])
    const one = await call(t, 'GET', `/v2/oauth-clients/${clientId}`, org.member)
    expect(one.status).toBe(200)
    expect(one.body.data).toMatchObject({
      id: clientId,
      name: 'Visible to members',
      organizationId: org.id,
    })
  })

  it('a MEMBER key gets 404 OAuthClientGuard for an unknown client', async () => {
    const { member } = await t.createOrganizationWithKeys()
    const res = await call(t, 'GET', UNKNOWN, member)
    expectError(res, 404, 'NotFoundException', { message: CLIENT_NOT_FOUND, path: UNKNOWN })
  })

  it.each([
    ['POST', '/v2/oauth-clients'],
    ['PATCH', UNKNOWN],
    ['DELETE', UNKNOWN],
    ['POST', `${UNKNOWN}/secret`],
    ['DELETE', `${UNKNOWN}/secret/previous`],
  ] as [Method, string][])(
    'a MEMBER key gets 403 on %s %s (roles before the client lookup)',
    async (method, url) => {
      const { member } = await t.createOrganizationWithKeys()
      const res = await call(t, method, url, member, method === 'PATCH' ? { name: 'x' } : undefined)
      expectError(res, 403, 'ForbiddenException', { message: MANAGE_ROLES, path: url })
    },
  )

  it('a MEMBER POSTing an empty or invalid body gets 403, not 400 (guards run before validation)', async () => {
    const { id, member } = await t.createOrganizationWithKeys()
    for (const payload of [{}, { name: 5, permissions: ['NOPE'] }, undefined]) {
      const res = await call(t, 'POST', '/v2/oauth-clients', member, payload)
      expectError(res, 403, 'ForbiddenException', MANAGE_ROLES)
    }
    const rows = await t.tessera.ctx.database.db
      .selectFrom('oauth_clients')
      .select('id')
      .where('organization_id', '=', id)
      .execute()
    expect(rows).toEqual([])
  })

  it('a MEMBER cannot change or delete an existing client of its own organization', async () => {
    const org = await t.createOrganizationWithKeys()
    const { clientId } = await t.createClient({ apiKey: org.owner, name: 'Before' })
    const url = `/v2/oauth-clients/${clientId}`
    const patch = await call(t, 'PATCH', url, org.member, { name: 'After' })
    expectError(patch, 403, 'ForbiddenException', MANAGE_ROLES)
    const del = await call(t, 'DELETE', url, org.member)
    expectError(del, 403, 'ForbiddenException', MANAGE_ROLES)
    const row = await clientRow(t, clientId)
    expect(row?.name).toBe('Before')
  })

  it.each(['OWNER', 'ADMIN'] as const)(
    'an %s key may create, update and delete clients',
    async (role) => {
      const org = await t.createOrganizationWithKeys()
      const key = role === 'OWNER' ? org.owner : org.admin
      const created = await call(t, 'POST', '/v2/oauth-clients', key, {
        name: `${role} client`,
        redirectUris: ['http://localhost:4321'],
        permissions: ['PROFILE_READ'],
      })
      expect(created.status).toBe(201)
      const url = `/v2/oauth-clients/${created.body.data.clientId}`
      expect((await call(t, 'PATCH', url, key, { name: 'renamed' })).status).toBe(200)
      expect((await call(t, 'DELETE', url, key)).status).toBe(200)
    },
  )

  it('a client secret does not authenticate the client-management API, even for its own record', async () => {
    const client = await t.createClient()
    for (const [method, url] of [
      ['GET', `/v2/oauth-clients/${client.clientId}`],
      ['PATCH', `/v2/oauth-clients/${client.clientId}`],
      ['DELETE', `/v2/oauth-clients/${client.clientId}`],
      ['POST', `/v2/oauth-clients/${client.clientId}/secret`],
    ] as [Method, string][]) {
      const res = await t.request({
        method,
        url,
        headers: { 'x-cal-secret-key': client.clientSecret, 'x-cal-client-id': client.clientId },
        ...(method === 'PATCH' ? { payload: { name: 'via secret' } } : {}),
      })
      expectError(res, 401, 'UnauthorizedException', NO_CREDENTIALS)
    }
    expect((await clientRow(t, client.clientId))?.name).toBe('Test client')
  })

  it('a revoked key stops working at once on the OAuth-client API', async () => {
    const org = await t.createOrganization()
    const admin = await t.createApiKey(org.id, 'ADMIN')
    expect((await call(t, 'GET', '/v2/oauth-clients', admin.key)).status).toBe(200)
    const revoke = await call(
      t,
      'DELETE',
      `/v2/admin/organizations/${org.id}/api-keys/${admin.id}`,
      OPERATOR_KEY,
    )
    expect(revoke.status).toBe(200)
    const res = await call(t, 'GET', '/v2/oauth-clients', admin.key)
    expectError(res, 401, 'UnauthorizedException', INVALID_API_KEY)
  })
})
