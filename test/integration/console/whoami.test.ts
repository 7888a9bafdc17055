import { expect, it } from 'vitest'
import { expectError } from '../../helpers/expect-error.js'
import { describeApp } from '../../helpers/fixture.js'
import { bearer, OPERATOR } from '../../helpers/http.js'

describeApp('GET /v2/whoami', (t) => {
  it('names the operator key', async () => {
    const res = await t.request({ method: 'GET', url: '/v2/whoami', headers: OPERATOR })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ status: 'success', data: { kind: 'operator' } })
  })

  it('names an API key: its role, its organization and the key', async () => {
    const org = await t.createOrganization('Whoami Org')
    const member = await t.createApiKey(org.id, 'MEMBER')
    for (const [key, role] of [
      [org.apiKey, 'OWNER'],
      [member.key, 'MEMBER'],
    ] as const) {
      const res = await t.request({ method: 'GET', url: '/v2/whoami', headers: bearer(key) })
      expect(res.status).toBe(200)
      expect(res.body.data).toEqual({
        kind: 'api_key',
        keyId: expect.any(String),
        keyName: role === 'OWNER' ? expect.any(String) : null,
        role,
        organizationId: org.id,
        organizationName: 'Whoami Org',
      })
    }
    const res = await t.request({ method: 'GET', url: '/v2/whoami', headers: bearer(member.key) })
    expect(res.body.data.keyId).toBe(member.id)
  })

  it('refuses a missing, wrong or revoked key with 401', async () => {
    expectError(await t.request({ method: 'GET', url: '/v2/whoami' }), 401, 'UnauthorizedException')
    expectError(
      await t.request({ method: 'GET', url: '/v2/whoami', headers: bearer('nope') }),
      401,
      'UnauthorizedException',
      'Invalid operator key',
    )
    const org = await t.createOrganization()
    const admin = await t.createApiKey(org.id, 'ADMIN')
    await t.request({
      method: 'DELETE',
      url: `/v2/admin/organizations/${org.id}/api-keys/${admin.id}`,
      headers: OPERATOR,
    })
    expectError(
      await t.request({ method: 'GET', url: '/v2/whoami', headers: bearer(admin.key) }),
      401,
      'UnauthorizedException',
      'ApiAuthStrategy - api key - Your api key is not valid',
    )
  })
})
