import { expect, it } from 'vitest'
import { expectError } from '../../helpers/expect-error.js'
import { describeApp } from '../../helpers/fixture.js'
import { bearer, OPERATOR } from '../../helpers/http.js'

describeApp('operator listings: API keys of an organization, signing keys', (t) => {
  it('lists an organization’s keys with role, name and state, never their values', async () => {
    const org = await t.createOrganization()
    const member = await t.createApiKey(org.id, 'MEMBER')
    await t.request({
      method: 'DELETE',
      url: `/v2/admin/organizations/${org.id}/api-keys/${member.id}`,
      headers: OPERATOR,
    })
    const res = await t.request({
      method: 'GET',
      url: `/v2/admin/organizations/${org.id}/api-keys`,
      headers: OPERATOR,
    })
    expect(res.status).toBe(200)
    expect(res.body.data).toHaveLength(2)
    expect(res.body.data[0]).toMatchObject({ role: 'OWNER', revokedAt: null })
    expect(res.body.data[1]).toMatchObject({ id: member.id, role: 'MEMBER', name: null })
    expect(Date.parse(res.body.data[1].revokedAt)).not.toBeNaN()
    expect(res.text).not.toContain(org.apiKey)
    expect(res.text).not.toContain(member.key)
    expect(Object.keys(res.body.data[0]).sort()).toEqual([
      'createdAt',
      'id',
      'name',
      'revokedAt',
      'role',
    ])
  })

  it('answers 404 for an unknown organization, 401 without the operator key', async () => {
    expectError(
      await t.request({
        method: 'GET',
        url: '/v2/admin/organizations/999999/api-keys',
        headers: OPERATOR,
      }),
      404,
      'NotFoundException',
      'Organization with ID 999999 not found',
    )
    const org = await t.createOrganization()
    expectError(
      await t.request({
        method: 'GET',
        url: `/v2/admin/organizations/${org.id}/api-keys`,
        headers: bearer(org.apiKey),
      }),
      401,
      'UnauthorizedException',
    )
    expectError(
      await t.request({
        method: 'GET',
        url: '/v2/admin/organizations/abc/api-keys',
        headers: OPERATOR,
      }),
      400,
      'BadRequestException',
    )
  })

  it('lists signing keys newest first: the active one, then retired ones still verifying', async () => {
    const before = await t.request({
      method: 'GET',
      url: '/v2/admin/signing-keys',
      headers: OPERATOR,
    })
    expect(before.status).toBe(200)
    const active = before.body.data.filter((k: { state: string }) => k.state === 'active')
    expect(active).toHaveLength(1)
    const rotated = await t.request({
      method: 'POST',
      url: '/v2/admin/signing-keys/rotate',
      headers: OPERATOR,
    })
    const after = await t.request({
      method: 'GET',
      url: '/v2/admin/signing-keys',
      headers: OPERATOR,
    })
    expect(after.body.data[0]).toMatchObject({
      kid: rotated.body.data.kid,
      state: 'active',
      retiredAt: null,
      verifyUntil: null,
    })
    const previous = after.body.data.find((k: { kid: string }) => k.kid === active[0].kid)
    expect(previous.state).toBe('verifying')
    expect(Date.parse(previous.verifyUntil)).toBeGreaterThan(Date.now())
    expect(JSON.stringify(after.body)).not.toMatch(/private|"d":/)
    expectError(
      await t.request({ method: 'GET', url: '/v2/admin/signing-keys' }),
      401,
      'UnauthorizedException',
    )
  })
})
