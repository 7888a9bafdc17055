import { expect, it } from 'vitest'
import { describeApp } from '../../helpers/fixture.js'
import {
  INVALID_API_KEY,
  MANAGE_ROLES,
  call,
  expectNoPlaintext,
  hashOf,
  rowText,
} from '../oauth-clients/support.js'
import { expectError, expectFieldError } from '../../helpers/expect-error.js'
import { OPERATOR_KEY } from '../../helpers/http.js'

const ROLES = ['OWNER', 'ADMIN', 'MEMBER'] as const
const CLIENT_BODY = { name: 'c', redirectUris: [], permissions: ['PROFILE_READ'] }

describeApp(`Operator API: organization API keys`, (t) => {
  const keysUrl = (orgId: number | string) => `/v2/admin/organizations/${orgId}/api-keys`
  const issue = (orgId: number | string, body: unknown) =>
    call(t, 'POST', keysUrl(orgId), OPERATOR_KEY, body)
  const revoke = (orgId: number | string, keyId: string) =>
    call(t, 'DELETE', `${keysUrl(orgId)}/${keyId}`, OPERATOR_KEY)
  const keyRow = (id: string) =>
    t.tessera.ctx.database.db
      .selectFrom('api_keys')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst()

  it.each(ROLES)('issuing a %s key is 201 with {id, key, role, name, createdAt}', async (role) => {
    const org = await t.createOrganization()
    const res = await issue(org.id, { role, name: `${role} key` })
    expect(res.status).toBe(201)
    expect(res.body.status).toBe('success')
    const data = res.body.data
    expect(Object.keys(data).sort()).toEqual(['createdAt', 'id', 'key', 'name', 'role'])
    expect(data.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(data.key).toMatch(/^tsr_ak_[A-Za-z0-9_-]{49}$/)
    expect(data).toMatchObject({ role, name: `${role} key` })
    expect(new Date(data.createdAt).toISOString()).toBe(data.createdAt)
    const row = (await keyRow(data.id))!
    expect(row).toMatchObject({
      organization_id: org.id,
      role,
      name: `${role} key`,
      revoked_at: null,
    })
    expect(row.created_at.toISOString()).toBe(data.createdAt)
    expect(Buffer.from(row.key_hash).equals(hashOf(t, data.key))).toBe(true)
    expectNoPlaintext(rowText(row), data.key)
  })

  it('the name is optional and null when left out', async () => {
    const org = await t.createOrganization()
    const res = await issue(org.id, { role: 'MEMBER' })
    expect(res.status).toBe(201)
    expect(res.body.data.name).toBeNull()
    expect((await keyRow(res.body.data.id))?.name).toBeNull()
  })

  it('each issued key acts with its role on the OAuth-client API', async () => {
    const org = await t.createOrganization()
    const keys = Object.fromEntries(
      await Promise.all(
        ROLES.map(async (role) => [role, (await issue(org.id, { role })).body.data.key as string]),
      ),
    ) as Record<(typeof ROLES)[number], string>
    for (const role of ['OWNER', 'ADMIN'] as const) {
      expect((await call(t, 'POST', '/v2/oauth-clients', keys[role], CLIENT_BODY)).status).toBe(201)
    }
    const member = await call(t, 'POST', '/v2/oauth-clients', keys.MEMBER, CLIENT_BODY)
    expectError(member, 403, 'ForbiddenException', MANAGE_ROLES)
    const list = await call(t, 'GET', '/v2/oauth-clients', keys.MEMBER)
    expect(list.status).toBe(200)
    expect(list.body.data).toHaveLength(2)
    for (const client of list.body.data) expect(client.organizationId).toBe(org.id)
  })

  it('issuing a key for an unknown organization is 404 and stores nothing', async () => {
    const before = await t.tessera.ctx.database.db.selectFrom('api_keys').select('id').execute()
    const res = await issue(2_000_000_000, { role: 'OWNER' })
    expectError(res, 404, 'NotFoundException', {
      message: 'Organization with ID 2000000000 not found',
      path: keysUrl(2_000_000_000),
    })
    const after = await t.tessera.ctx.database.db.selectFrom('api_keys').select('id').execute()
    expect(after).toHaveLength(before.length)
  })

  it.each([
    ['an unknown role', { role: 'SUPERUSER' }],
    ['a lower-case role', { role: 'owner' }],
    ['no role', {}],
    ['a null role', { role: null }],
  ])('%s is 400 naming role', async (_label, body) => {
    const org = await t.createOrganization()
    const res = await issue(org.id, body)
    expectFieldError(res, 'role', { path: keysUrl(org.id) })
    const keys = await t.tessera.ctx.database.db
      .selectFrom('api_keys')
      .select('id')
      .where('organization_id', '=', org.id)
      .execute()
    expect(keys).toHaveLength(1)
  })

  it('a name over 255 characters is 400', async () => {
    const org = await t.createOrganization()
    expectFieldError(await issue(org.id, { role: 'ADMIN', name: 'k'.repeat(256) }), 'name')
  })

  it.each(['abc', '0', '-1', '1.5', '99999999999'])(
    'organization id %s in the path is 400',
    async (orgId) => {
      const res = await issue(orgId, { role: 'OWNER' })
      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('BadRequestException')
    },
  )

  it('revoking a key is 200 and the key stops working at once', async () => {
    const org = await t.createOrganization()
    const admin = await t.createApiKey(org.id, 'ADMIN')
    expect((await call(t, 'GET', '/v2/oauth-clients', admin.key)).status).toBe(200)
    const res = await revoke(org.id, admin.id)
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ status: 'success', data: { id: admin.id, revoked: true } })
    const row = (await keyRow(admin.id))!
    expect(row.revoked_at).toBeInstanceOf(Date)
    const after = await call(t, 'GET', '/v2/oauth-clients', admin.key)
    expectError(after, 401, 'UnauthorizedException', INVALID_API_KEY)
    const write = await call(t, 'POST', '/v2/oauth-clients', admin.key, CLIENT_BODY)
    expectError(write, 401, 'UnauthorizedException', INVALID_API_KEY)
    // the organization's other keys keep working
    expect((await call(t, 'GET', '/v2/oauth-clients', org.apiKey)).status).toBe(200)
    const event = await t.tessera.ctx.database.db
      .selectFrom('audit_events')
      .select('data')
      .where('organization_id', '=', org.id)
      .where('type', '=', 'api_key.revoked')
      .executeTakeFirstOrThrow()
    expect(event.data).toMatchObject({ keyId: admin.id, role: 'ADMIN' })
  })

  it("the organization's initial OWNER key can be revoked like any other", async () => {
    const org = await t.createOrganization()
    const initial = await t.tessera.ctx.database.db
      .selectFrom('api_keys')
      .select('id')
      .where('organization_id', '=', org.id)
      .executeTakeFirstOrThrow()
    expect((await revoke(org.id, initial.id)).status).toBe(200)
    expectError(
      await call(t, 'GET', '/v2/oauth-clients', org.apiKey),
      401,
      'UnauthorizedException',
      INVALID_API_KEY,
    )
  })

  it('revoking an already revoked key is 404', async () => {
    const org = await t.createOrganization()
    const key = await t.createApiKey(org.id, 'MEMBER')
    expect((await revoke(org.id, key.id)).status).toBe(200)
    const revokedAt = (await keyRow(key.id))!.revoked_at
    const again = await revoke(org.id, key.id)
    expectError(
      again,
      404,
      'NotFoundException',
      `API key with ID ${key.id} not found in organization ${org.id}`,
    )
    expect((await keyRow(key.id))!.revoked_at).toEqual(revokedAt)
  })

  it('revoking an unknown key id is 404', async () => {
    const org = await t.createOrganization()
    const unknown = '6f1c1f8e-2b7a-4c1e-9a55-0d3f0b6e4a21'
    expectError(
      await revoke(org.id, unknown),
      404,
      'NotFoundException',
      `API key with ID ${unknown} not found in organization ${org.id}`,
    )
  })

  it("a key cannot be revoked through another organization's path: 404 and it keeps working", async () => {
    const a = await t.createOrganization()
    const b = await t.createOrganization()
    const key = await t.createApiKey(a.id, 'ADMIN')
    const res = await revoke(b.id, key.id)
    expectError(
      res,
      404,
      'NotFoundException',
      `API key with ID ${key.id} not found in organization ${b.id}`,
    )
    expect((await keyRow(key.id))!.revoked_at).toBeNull()
    expect((await call(t, 'GET', '/v2/oauth-clients', key.key)).status).toBe(200)
  })

  it('a key id that is not a UUID is 400', async () => {
    const org = await t.createOrganization()
    const res = await revoke(org.id, 'not-a-uuid')
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ status: 'error', error: { code: 'BadRequestException' } })
  })

  it('unknown properties in the body are silently stripped', async () => {
    const org = await t.createOrganization()
    const res = await issue(org.id, {
      role: 'MEMBER',
      organizationId: 1,
      key: 'mine',
      revoked: true,
    })
    expect(res.status).toBe(201)
    expect(res.body.data.key).not.toBe('mine')
    const row = (await keyRow(res.body.data.id))!
    expect(row).toMatchObject({ organization_id: org.id, role: 'MEMBER', revoked_at: null })
  })
})
