import { beforeAll, expect, test } from 'vitest'
import { describeApp } from '../../helpers/fixture.js'
import { type TestApp } from '../../helpers/test-app.js'
import { nestedArrays, storedState } from './support.js'
import { expectOAuthError } from '../../helpers/expect-error.js'

const ONE_MIB = 1024 * 1024
const ENDPOINTS = ['/v2/oauth/token', '/v2/oauth/revoke', '/v2/oauth/introspect'] as const

describeApp(`hostile bodies on the RFC 6749 endpoints`, (t) => {
  let client: { clientId: string; clientSecret: string }
  let user: Awaited<ReturnType<TestApp['createUser']>>

  beforeAll(async () => {
    client = await t.createClient()
    user = await t.createUser(client)
  })

  const send = (url: string, payload: string, contentType: string) =>
    t.request({ method: 'POST', url, headers: { 'content-type': contentType }, payload })

  test('malformed JSON is a 400 invalid_request in RFC 6749 form', async () => {
    for (const url of ENDPOINTS) {
      for (const payload of ['{"grant_type":', '{', "{'token':'x'}"]) {
        const res = await send(url, payload, 'application/json')
        expectOAuthError(res, 400, 'invalid_request')
        expect(res.body.error_description).toBe('Malformed JSON in request body')
      }
    }
  })

  test('text/plain and multipart/form-data bodies are a 415 in RFC 6749 form', async () => {
    const form = `grant_type=refresh_token&refresh_token=${user.refreshToken}&client_id=${client.clientId}&client_secret=${client.clientSecret}`
    for (const url of ENDPOINTS) {
      expectOAuthError(await send(url, form, 'text/plain'), 415, 'invalid_request')
      expectOAuthError(
        await send(
          url,
          '--x\r\nContent-Disposition: form-data; name="token"\r\n\r\nx\r\n--x--\r\n',
          'multipart/form-data; boundary=x',
        ),
        415,
        'invalid_request',
      )
    }
    // the refresh token was not spent by any of them
    const ok = await t.refresh(client, user.refreshToken)
    expect(ok.status, ok.text).toBe(200)
    user = { ...user, ...ok.body.data }
  })

  test('a body over 1 MiB is a 413 in RFC 6749 form, as a form or as JSON', async () => {
    for (const url of ENDPOINTS) {
      expectOAuthError(
        await send(url, `token=${'x'.repeat(ONE_MIB)}`, 'application/x-www-form-urlencoded'),
        413,
        'invalid_request',
      )
      expectOAuthError(
        await send(url, JSON.stringify({ token: 'x'.repeat(ONE_MIB) }), 'application/json'),
        413,
        'invalid_request',
      )
    }
  })

  test('deeply nested JSON (10 000 and 33 levels) is a 400 in RFC 6749 form', async () => {
    for (const url of ENDPOINTS) {
      for (const payload of [nestedArrays(10_000), `{"token":${nestedArrays(32)}}`]) {
        const res = await send(url, payload, 'application/json')
        expectOAuthError(res, 400, 'invalid_request')
        expect(res.body.error_description).toBe('JSON body is nested more than 32 levels deep')
      }
    }
  })

  test('NUL in a form or JSON parameter is a 400 and the session is untouched', async () => {
    const before = await storedState(t, client.clientId)
    const auth = `client_id=${client.clientId}&client_secret=${client.clientSecret}`
    const forms = [
      `grant_type=refresh_token&refresh_token=${user.refreshToken}%00&${auth}`,
      `token=${user.refreshToken}%00&${auth}`,
      `token=${user.accessToken}&client_id=${client.clientId}%00&client_secret=${client.clientSecret}`,
    ]
    for (const url of ENDPOINTS) {
      for (const form of forms) {
        const res = await send(url, form, 'application/x-www-form-urlencoded')
        expectOAuthError(res, 400, 'invalid_request')
      }
      const json = await send(
        url,
        JSON.stringify({
          grant_type: 'refresh_token',
          refresh_token: `${user.refreshToken}\u0000`,
          token: `${user.refreshToken}\u0000`,
          client_id: client.clientId,
          client_secret: client.clientSecret,
        }),
        'application/json',
      )
      expectOAuthError(json, 400, 'invalid_request')
    }
    expect(await storedState(t, client.clientId)).toEqual(before)
    expect((await t.me(user.accessToken)).status).toBe(200)
  })

  test('__proto__ keys in JSON are a 400 in RFC 6749 form and pollute nothing', async () => {
    for (const url of ENDPOINTS) {
      const res = await send(
        url,
        `{"__proto__":{"polluted":true},"client_id":"${client.clientId}","client_secret":"${client.clientSecret}","token":"x"}`,
        'application/json',
      )
      expectOAuthError(res, 400, 'invalid_request')
      expect(res.body.error_description).toBe("Property name '__proto__' is not allowed")
    }
    expect(Object.prototype).not.toHaveProperty('polluted')
  })
})
