import { afterEach, beforeAll, expect, test, vi } from 'vitest'
import { describeApp } from '../../helpers/fixture.js'
import { expectError, expectOAuthError } from '../../helpers/expect-error.js'
import { OPERATOR_KEY } from '../../helpers/http.js'

const FAKE_SECRET = 'postgres://tessera:hunter2-s3cr3t@db.internal:5432/prod'

describeApp(`internal failures`, (t) => {
  let client: { clientId: string; clientSecret: string }

  beforeAll(async () => {
    client = await t.createClient()
  })
  afterEach(() => {
    vi.restoreAllMocks()
  })

  test('a failing service is a 500 with a generic message and none of the error’s text', async () => {
    const failure = new Error(`connection to ${FAKE_SECRET} refused`)
    const list = vi.spyOn(t.tessera.organizations, 'list').mockRejectedValue(failure)
    const res = await t.request({
      method: 'GET',
      url: '/v2/admin/organizations',
      headers: { authorization: `Bearer ${OPERATOR_KEY}` },
    })
    expect(list).toHaveBeenCalledTimes(1)
    expectError(res, 500, 'InternalServerErrorException', { path: '/v2/admin/organizations' })
    expect(res.body.error.message).toBe('Internal server error')
    const everything = res.text + JSON.stringify(res.headers)
    for (const fragment of [
      FAKE_SECRET,
      'hunter2',
      'db.internal',
      'refused',
      'connection to',
      'stack',
      '    at ',
    ]) {
      expect(everything).not.toContain(fragment)
    }
  })

  test('a thrown non-Error value and an error with a 5xx status code are generic 500s too', async () => {
    vi.spyOn(t.tessera.organizations, 'list').mockRejectedValueOnce(FAKE_SECRET)
    const thrownString = await t.request({
      method: 'GET',
      url: '/v2/admin/organizations',
      headers: { authorization: `Bearer ${OPERATOR_KEY}` },
    })
    expectError(thrownString, 500, 'InternalServerErrorException')
    expect(thrownString.text).not.toContain('hunter2')

    const withStatus = Object.assign(new Error(`upstream ${FAKE_SECRET}`), { statusCode: 503 })
    vi.spyOn(t.tessera.organizations, 'list').mockRejectedValueOnce(withStatus)
    const res = await t.request({
      method: 'GET',
      url: '/v2/admin/organizations',
      headers: { authorization: `Bearer ${OPERATOR_KEY}` },
    })
    expectError(res, 500, 'InternalServerErrorException')
    expect(res.text).not.toContain('hunter2')
  })

  test('a failure behind a Cal.com route keeps the envelope and leaves no partial write', async () => {
    const user = await t.createUser(client)
    vi.spyOn(t.tessera.refresh, 'refresh').mockRejectedValue(new TypeError(`bad ${FAKE_SECRET}`))
    const res = await t.refresh(client, user.refreshToken)
    expectError(res, 500, 'InternalServerErrorException', {
      path: `/v2/oauth/${client.clientId}/refresh`,
    })
    expect(res.text).not.toContain('hunter2')
    vi.restoreAllMocks()
    // the refresh token was never consumed
    const retry = await t.refresh(client, user.refreshToken)
    expect(retry.status, retry.text).toBe(200)
  })

  test('a failure behind /v2/oauth/token is a 500 server_error in RFC 6749 form', async () => {
    const user = await t.createUser(client)
    vi.spyOn(t.tessera.refresh, 'refresh').mockRejectedValue(new Error(FAKE_SECRET))
    const res = await t.request({
      method: 'POST',
      url: '/v2/oauth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: user.refreshToken,
        client_id: client.clientId,
        client_secret: client.clientSecret,
      }).toString(),
    })
    expectOAuthError(res, 500, 'server_error')
    expect(res.body.error_description).toBe('Internal server error')
    expect(res.text).not.toContain('hunter2')
  })
})
