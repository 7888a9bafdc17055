import { expect, it } from 'vitest'
import { describeApp } from '../../helpers/fixture.js'
import { INVALID_API_KEY, call, type Method } from '../oauth-clients/support.js'
import { expectError } from '../../helpers/expect-error.js'
import { OPERATOR_KEY } from '../../helpers/http.js'

const MISSING = 'Missing operator key: send Authorization: Bearer <TESSERA_ADMIN_KEY>'
const INVALID = 'Invalid operator key'
const KEY_ID = '00000000-0000-4000-8000-000000000000'

/** Every operator endpoint, with a body that would be valid. */
const ENDPOINTS: [Method, string, unknown][] = [
  ['POST', '/v2/admin/organizations', { name: 'Acme' }],
  ['GET', '/v2/admin/organizations', undefined],
  ['POST', '/v2/admin/organizations/1/api-keys', { role: 'OWNER' }],
  ['DELETE', `/v2/admin/organizations/1/api-keys/${KEY_ID}`, undefined],
]

describeApp(`Operator API: authentication`, (t) => {
  async function organizationCount() {
    const rows = await t.tessera.ctx.database.db.selectFrom('organizations').select('id').execute()
    return rows.length
  }

  it.each(ENDPOINTS)(
    '%s %s without a key is 401 in the error envelope',
    async (method, url, body) => {
      const res = await call(t, method, url, undefined, body)
      expectError(res, 401, 'UnauthorizedException', { message: MISSING, path: url })
      expect(res.body.error.details).toEqual({
        message: MISSING,
        error: 'Unauthorized',
        statusCode: 401,
      })
    },
  )

  it.each(ENDPOINTS)(
    '%s %s with a wrong key is 401 Invalid operator key',
    async (method, url, body) => {
      const res = await call(t, method, url, `${OPERATOR_KEY}x`, body)
      expectError(res, 401, 'UnauthorizedException', { message: INVALID, path: url })
    },
  )

  it('an organization API key, even an OWNER one, is not an operator key', async () => {
    const org = await t.createOrganization()
    const res = await call(t, 'GET', '/v2/admin/organizations', org.apiKey)
    expectError(res, 401, 'UnauthorizedException', INVALID)
    const issue = await call(t, 'POST', `/v2/admin/organizations/${org.id}/api-keys`, org.apiKey, {
      role: 'OWNER',
    })
    expectError(issue, 401, 'UnauthorizedException', INVALID)
  })

  it('the operator key is not an organization API key', async () => {
    const res = await call(t, 'GET', '/v2/oauth-clients', OPERATOR_KEY)
    expectError(res, 401, 'UnauthorizedException', INVALID_API_KEY)
  })

  it('the key must be sent with the Bearer scheme', async () => {
    for (const authorization of [OPERATOR_KEY, `Basic ${OPERATOR_KEY}`, 'Bearer ']) {
      const res = await t.request({
        method: 'GET',
        url: '/v2/admin/organizations',
        headers: { authorization },
      })
      expectError(res, 401, 'UnauthorizedException', MISSING)
    }
    const lower = await t.request({
      method: 'GET',
      url: '/v2/admin/organizations',
      headers: { authorization: `bearer ${OPERATOR_KEY}` },
    })
    expect(lower.status).toBe(200)
  })

  it('the operator check runs before the body is read: an invalid body without a key is 401, not 400', async () => {
    const before = await organizationCount()
    const res = await call(t, 'POST', '/v2/admin/organizations', undefined, {
      name: 42,
      extra: [1],
    })
    expectError(res, 401, 'UnauthorizedException', MISSING)
    const malformed = await t.request({
      method: 'POST',
      url: '/v2/admin/organizations',
      headers: { authorization: 'Bearer wrong', 'content-type': 'application/json' },
      payload: '{not json',
    })
    expectError(malformed, 401, 'UnauthorizedException', INVALID)
    expect(await organizationCount()).toBe(before)
  })

  it('a refused request creates nothing', async () => {
    const before = await organizationCount()
    const res = await call(t, 'POST', '/v2/admin/organizations', 'not-the-key', { name: 'Nope' })
    expect(res.status).toBe(401)
    expect(await organizationCount()).toBe(before)
  })
})
