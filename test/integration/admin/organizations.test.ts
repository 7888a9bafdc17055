import { expect, it } from 'vitest'
import { describeApp } from '../../helpers/fixture.js'
import { call, expectNoPlaintext, hashOf, rowText } from '../oauth-clients/support.js'
import { expectFieldError } from '../../helpers/expect-error.js'
import { OPERATOR_KEY } from '../../helpers/http.js'

const URL = '/v2/admin/organizations'

describeApp(`Operator API: organizations`, (t) => {
  const create = (body: unknown) => call(t, 'POST', URL, OPERATOR_KEY, body)

  it('creating an organization is 201 with {id, name, createdAt, apiKey} and stores it', async () => {
    const before = Date.now()
    const res = await create({ name: 'Acme Platform' })
    expect(res.status).toBe(201)
    expect(res.body.status).toBe('success')
    const data = res.body.data
    expect(Object.keys(data).sort()).toEqual(['apiKey', 'createdAt', 'id', 'name'])
    expect(Number.isInteger(data.id)).toBe(true)
    expect(data.name).toBe('Acme Platform')
    expect(new Date(data.createdAt).toISOString()).toBe(data.createdAt)
    expect(Date.parse(data.createdAt)).toBeGreaterThanOrEqual(before - 1000)
    expect(Date.parse(data.createdAt)).toBeLessThanOrEqual(Date.now() + 1000)
    expect(data.apiKey).toMatch(/^tsr_ak_[A-Za-z0-9_-]{49}$/)
    const row = await t.tessera.ctx.database.db
      .selectFrom('organizations')
      .selectAll()
      .where('id', '=', data.id)
      .executeTakeFirstOrThrow()
    expect(row.name).toBe('Acme Platform')
    expect(row.created_at.toISOString()).toBe(data.createdAt)
  })

  it('the returned apiKey is an OWNER key of the new organization, stored only as a keyed hash', async () => {
    const { id, apiKey } = (await create({ name: 'Keyed' })).body.data
    const keys = await t.tessera.ctx.database.db
      .selectFrom('api_keys')
      .selectAll()
      .where('organization_id', '=', id)
      .execute()
    expect(keys).toHaveLength(1)
    const [key] = keys
    expect(key).toMatchObject({ role: 'OWNER', name: 'Initial owner key', revoked_at: null })
    expect(Buffer.from(key!.key_hash).equals(hashOf(t, apiKey))).toBe(true)
    expectNoPlaintext(rowText(key!), apiKey)
    const events = await t.tessera.ctx.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('organization_id', '=', id)
      .execute()
    expect(events.map((e) => e.type).sort()).toEqual(['api_key.created', 'organization.created'])
    for (const event of events) expectNoPlaintext(rowText(event), apiKey)
    // it works as an OWNER key: it may create a client
    const client = await call(t, 'POST', '/v2/oauth-clients', apiKey, {
      name: 'First',
      redirectUris: [],
      permissions: ['*'],
    })
    expect(client.status).toBe(201)
  })

  it('each organization gets its own id and key; equal names are allowed', async () => {
    const a = (await create({ name: 'Twin' })).body.data
    const b = (await create({ name: 'Twin' })).body.data
    expect(a.id).not.toBe(b.id)
    expect(a.apiKey).not.toBe(b.apiKey)
  })

  it('listing returns every organization as {id, name, createdAt}, without keys, in id order', async () => {
    const first = (await create({ name: 'List one' })).body.data
    const second = (await create({ name: 'List two' })).body.data
    const res = await call(t, 'GET', URL, OPERATOR_KEY)
    expect(res.status).toBe(200)
    expect(res.body.status).toBe('success')
    const list = res.body.data as { id: number; name: string; createdAt: string }[]
    for (const org of list) expect(Object.keys(org).sort()).toEqual(['createdAt', 'id', 'name'])
    expect(list).toContainEqual({ id: first.id, name: 'List one', createdAt: first.createdAt })
    expect(list).toContainEqual({ id: second.id, name: 'List two', createdAt: second.createdAt })
    const ids = list.map((o) => o.id)
    expect(ids).toEqual([...ids].sort((x, y) => x - y))
    expect(res.text).not.toContain(first.apiKey)
    expect(res.text).not.toContain('tsr_ak_')
    const count = await t.tessera.ctx.database.db.selectFrom('organizations').select('id').execute()
    expect(list).toHaveLength(count.length)
  })

  it('a missing name is 400 in the error envelope with details.errors', async () => {
    const res = await create({})
    expectFieldError(res, 'name', { path: URL })
    expect(Object.keys(res.body).sort()).toEqual(['error', 'path', 'status', 'timestamp'])
    expect(new Date(res.body.timestamp).toISOString()).toBe(res.body.timestamp)
    expect(res.body.error.details.errors[0]).toMatchObject({
      property: 'name',
      constraints: expect.any(Object),
    })
  })

  it.each([
    ['an empty name', ''],
    ['a name over 255 characters', 'n'.repeat(256)],
    ['an object as name', { text: 'x' }],
    ['an array of names', ['a', 'b']],
  ])('%s is 400', async (_label, name) => {
    const before = await t.tessera.ctx.database.db
      .selectFrom('organizations')
      .select('id')
      .execute()
    expectFieldError(await create({ name }), 'name')
    const after = await t.tessera.ctx.database.db.selectFrom('organizations').select('id').execute()
    expect(after).toHaveLength(before.length)
  })

  it('a name of exactly 255 characters is accepted', async () => {
    const res = await create({ name: 'n'.repeat(255) })
    expect(res.status).toBe(201)
    expect(res.body.data.name).toBe('n'.repeat(255))
  })

  it('no body at all is 400', async () => {
    const res = await call(t, 'POST', URL, OPERATOR_KEY)
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({
      status: 'error',
      path: URL,
      error: { code: 'BadRequestException' },
    })
  })

  it('malformed JSON is 400 in the envelope', async () => {
    const res = await t.request({
      method: 'POST',
      url: URL,
      headers: { authorization: `Bearer ${OPERATOR_KEY}`, 'content-type': 'application/json' },
      payload: '{"name":',
    })
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({
      status: 'error',
      path: URL,
      error: { code: 'BadRequestException', message: 'Malformed JSON in request body' },
    })
  })

  it('unknown properties are silently stripped', async () => {
    const res = await create({ name: 'Stripped', id: 999_999, apiKey: 'mine', isPlatform: false })
    expect(res.status).toBe(201)
    expect(res.body.data.name).toBe('Stripped')
    expect(res.body.data.apiKey).not.toBe('mine')
    expect(res.body.data.id).not.toBe(999_999)
  })
})
