import { expect, it } from 'vitest'
import { describeApp } from '../../helpers/fixture.js'
import { call, clientRow } from './support.js'
import { expectFieldError } from '../../helpers/expect-error.js'

const VALID = {
  name: 'Valid client',
  redirectUris: ['http://localhost:4321'],
  permissions: ['PROFILE_READ'],
}

describeApp(`OAuth clients: request validation`, (t) => {
  async function clientCount(orgId: number) {
    const rows = await t.tessera.ctx.database.db
      .selectFrom('oauth_clients')
      .select('id')
      .where('organization_id', '=', orgId)
      .execute()
    return rows.length
  }

  it('an unknown permission name is 400 in the error envelope, naming the item; nothing is stored', async () => {
    const org = await t.createOrganizationWithKeys()
    const res = await call(t, 'POST', '/v2/oauth-clients', org.admin, {
      ...VALID,
      permissions: ['BOOKING_READ', 'BOOKING_DELETE'],
    })
    expectFieldError(res, 'permissions.1', { path: '/v2/oauth-clients' })
    expect(Object.keys(res.body).sort()).toEqual(['error', 'path', 'status', 'timestamp'])
    expect(new Date(res.body.timestamp).toISOString()).toBe(res.body.timestamp)
    expect(Object.keys(res.body.error).sort()).toEqual(['code', 'details', 'message'])
    expect(await clientCount(org.id)).toBe(0)
  })

  it('permission names are case-sensitive', async () => {
    const org = await t.createOrganizationWithKeys()
    const res = await call(t, 'POST', '/v2/oauth-clients', org.admin, {
      ...VALID,
      permissions: ['profile_read'],
    })
    expectFieldError(res, 'permissions.0')
  })

  it.each(['name', 'redirectUris', 'permissions'])('create without %s is 400', async (field) => {
    const org = await t.createOrganizationWithKeys()
    const body: Record<string, unknown> = { ...VALID }
    delete body[field]
    const res = await call(t, 'POST', '/v2/oauth-clients', org.owner, body)
    expectFieldError(res, field)
    expect(await clientCount(org.id)).toBe(0)
  })

  it.each([
    ['name', ''],
    ['name', 'x'.repeat(256)],
    ['name', { first: 'a' }],
    ['redirectUris', { uri: 'http://x.example' }],
    ['permissions', [42]],
    ['logo', { url: 'x' }],
    ['areEmailsEnabled', 'maybe'],
    ['bookingRedirectUri', 'x'.repeat(2049)],
  ])('create with an invalid %s is 400', async (field, value) => {
    const org = await t.createOrganizationWithKeys()
    const res = await call(t, 'POST', '/v2/oauth-clients', org.owner, {
      ...VALID,
      [field]: value,
    })
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('BadRequestException')
    const properties = res.body.error.details.errors.map((e: { property: string }) => e.property)
    expect(properties.some((p: string) => p === field || p.startsWith(`${field}.`))).toBe(true)
    expect(await clientCount(org.id)).toBe(0)
  })

  it('a body that is not JSON is 400 Malformed JSON', async () => {
    const org = await t.createOrganizationWithKeys()
    const res = await t.request({
      method: 'POST',
      url: '/v2/oauth-clients',
      headers: { authorization: `Bearer ${org.owner}`, 'content-type': 'application/json' },
      payload: '{"name": "broken"',
    })
    expect(res.status).toBe(400)
    expect(res.body.error).toMatchObject({
      code: 'BadRequestException',
      message: 'Malformed JSON in request body',
    })
  })

  it('unknown properties on create are silently stripped, not stored and not rejected', async () => {
    const org = await t.createOrganizationWithKeys()
    const other = await t.createOrganizationWithKeys()
    const res = await call(t, 'POST', '/v2/oauth-clients', org.owner, {
      ...VALID,
      id: 'chosen-by-caller',
      secret: 'my-own-secret',
      organizationId: other.id,
      isAdmin: true,
    })
    expect(res.status).toBe(201)
    const { clientId, clientSecret } = res.body.data
    expect(clientId).not.toBe('chosen-by-caller')
    expect(clientSecret).not.toBe('my-own-secret')
    const row = (await clientRow(t, clientId))!
    expect(row.organization_id).toBe(org.id)
    expect(Object.keys(row)).not.toContain('isAdmin')
    expect(await clientCount(other.id)).toBe(0)
    // the secret the caller chose does not work; the issued one does
    const users = (secret: string) =>
      t.request({
        method: 'GET',
        url: `/v2/oauth-clients/${clientId}/users`,
        headers: { 'x-cal-secret-key': secret },
      })
    expect((await users('my-own-secret')).status).toBe(401)
    expect((await users(clientSecret)).status).toBe(200)
  })

  it('unknown properties on PATCH are silently stripped; the known ones apply', async () => {
    const org = await t.createOrganizationWithKeys()
    const other = await t.createOrganizationWithKeys()
    const { clientId } = await t.createClient({ apiKey: org.owner, name: 'Before' })
    const before = (await clientRow(t, clientId))!
    const res = await call(t, 'PATCH', `/v2/oauth-clients/${clientId}`, org.owner, {
      name: 'After',
      id: 'renamed-id',
      secret: 'replaced',
      clientSecret: 'replaced',
      organizationId: other.id,
      createdAt: '2000-01-01T00:00:00.000Z',
    })
    expect(res.status).toBe(200)
    expect(res.body.data).toMatchObject({ id: clientId, name: 'After', organizationId: org.id })
    expect(res.body.data.createdAt).toBe(before.created_at.toISOString())
    const after = (await clientRow(t, clientId))!
    expect(after.organization_id).toBe(org.id)
    expect(Buffer.from(after.secret_hash).equals(Buffer.from(before.secret_hash))).toBe(true)
    expect(after.created_at.toISOString()).toBe(before.created_at.toISOString())
  })

  it('PATCH with an invalid permission name is 400 and leaves the client unchanged', async () => {
    const org = await t.createOrganizationWithKeys()
    const { clientId } = await t.createClient({
      apiKey: org.admin,
      permissions: ['PROFILE_READ'],
    })
    const res = await call(t, 'PATCH', `/v2/oauth-clients/${clientId}`, org.admin, {
      name: 'Should not apply',
      permissions: ['ROOT'],
    })
    expectFieldError(res, 'permissions.0', { path: `/v2/oauth-clients/${clientId}` })
    const row = await clientRow(t, clientId)
    expect(row).toMatchObject({ name: 'Test client', permissions: 256 })
  })

  it('PATCH with an empty name is 400', async () => {
    const org = await t.createOrganizationWithKeys()
    const { clientId } = await t.createClient({ apiKey: org.admin })
    const res = await call(t, 'PATCH', `/v2/oauth-clients/${clientId}`, org.admin, { name: '' })
    expectFieldError(res, 'name')
  })
})
