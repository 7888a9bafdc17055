import { beforeAll, expect, test } from 'vitest'
import { describeApp } from '../../helpers/fixture.js'
import { type TestApp } from '../../helpers/test-app.js'
import { nestedArrays, storedState } from './support.js'
import { expectError } from '../../helpers/expect-error.js'
import { OPERATOR_KEY } from '../../helpers/http.js'

const ONE_MIB = 1024 * 1024
const NUL_MESSAGE = 'Strings must not contain NUL (\\u0000) characters'

describeApp(`hostile JSON bodies on Cal.com routes`, (t) => {
  let client: { clientId: string; clientSecret: string; apiKey: string }
  let user: Awaited<ReturnType<TestApp['createUser']>>
  let usersUrl: string
  let userUrl: string
  let secret: Record<string, string>

  beforeAll(async () => {
    client = await t.createClient()
    user = await t.createUser(client, { metadata: { plan: 'pro' } })
    usersUrl = `/v2/oauth-clients/${client.clientId}/users`
    userUrl = `${usersUrl}/${user.user.id}`
    secret = { 'x-cal-secret-key': client.clientSecret }
  })

  /** Sends raw bytes as JSON to the create-user route. */
  function postRaw(payload: string, contentType = 'application/json') {
    return t.request({
      method: 'POST',
      url: usersUrl,
      headers: { ...secret, 'content-type': contentType },
      payload,
    })
  }

  test('malformed JSON is a 400 BadRequestException and writes nothing', async () => {
    const before = await storedState(t, client.clientId)
    for (const payload of [
      '{"email":',
      '{',
      "{'email':'a@b.c'}",
      '{"a":1}}',
      'nul',
      '{"a":"\\x"}',
    ]) {
      const res = await postRaw(payload)
      expectError(res, 400, 'BadRequestException', { path: usersUrl })
      expect(res.body.error.message).toBe('Malformed JSON in request body')
    }
    const withCharset = await postRaw('{"email":', 'application/json; charset=utf-8')
    expectError(withCharset, 400, 'BadRequestException')
    expect(await storedState(t, client.clientId)).toEqual(before)
  })

  test('a JSON body sent as text/plain, multipart/form-data or a form is a 415', async () => {
    const before = await storedState(t, client.clientId)
    const json = JSON.stringify({ email: 'typed@example.com', name: 'Typed' })
    for (const contentType of [
      'text/plain',
      'text/plain; charset=utf-8',
      'multipart/form-data; boundary=x',
      'application/x-www-form-urlencoded',
      'application/xml',
    ]) {
      const res = await postRaw(json, contentType)
      expectError(res, 415, 'UnsupportedMediaTypeException', { path: usersUrl })
    }
    const multipart = await postRaw(
      '--x\r\nContent-Disposition: form-data; name="email"\r\n\r\ntyped@example.com\r\n--x--\r\n',
      'multipart/form-data; boundary=x',
    )
    expectError(multipart, 415, 'UnsupportedMediaTypeException')
    expect(await storedState(t, client.clientId)).toEqual(before)
  })

  test('a body over 1 MiB is a 413 PayloadTooLargeException; exactly 1 MiB is read', async () => {
    const before = await storedState(t, client.clientId)
    const big = JSON.stringify({ email: 'big@example.com', name: 'x'.repeat(ONE_MIB) })
    expectError(await postRaw(big), 413, 'PayloadTooLargeException', { path: usersUrl })

    // One byte over the limit, in a body that would otherwise be valid.
    const body = JSON.stringify({ email: 'edge@example.com', name: 'Edge' })
    const over = body + ' '.repeat(ONE_MIB + 1 - body.length)
    expect(Buffer.byteLength(over)).toBe(ONE_MIB + 1)
    expectError(await postRaw(over), 413, 'PayloadTooLargeException')
    expect(await storedState(t, client.clientId)).toEqual(before)

    // At the limit the body is parsed and handled normally.
    const refreshUrl = `/v2/oauth/${client.clientId}/refresh`
    const small = JSON.stringify({ refreshToken: 'not-a-token' })
    const exact = small + ' '.repeat(ONE_MIB - small.length)
    const res = await t.request({
      method: 'POST',
      url: refreshUrl,
      headers: { ...secret, 'content-type': 'application/json' },
      payload: exact,
    })
    expectError(res, 400, 'BadRequestException', { path: refreshUrl })
    expect(res.body.error.message).toBe('Invalid refresh token')
  })

  test('JSON nested 10 000 levels deep is a 400, without a stack overflow', async () => {
    const before = await storedState(t, client.clientId)
    for (const payload of [
      nestedArrays(10_000),
      '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000),
      `{"email":"deep@example.com","name":"Deep","metadata":{"k":${nestedArrays(10_000)}}}`,
      // unbalanced: never closed
      '['.repeat(10_000),
    ]) {
      const res = await postRaw(payload)
      expectError(res, 400, 'BadRequestException', { path: usersUrl })
      expect(res.body.error.message).toBe('JSON body is nested more than 32 levels deep')
    }
    expect(await storedState(t, client.clientId)).toEqual(before)
  })

  test('33 levels of nesting are refused; 32 levels reach the field rules', async () => {
    const before = await storedState(t, client.clientId)
    // top-level object (1) + metadata object (1) + arrays
    const at = (depth: number) =>
      `{"email":"nest@example.com","name":"Nest","metadata":{"k":${nestedArrays(depth - 2)}}}`
    const tooDeep = await postRaw(at(33))
    expectError(tooDeep, 400, 'BadRequestException')
    expect(tooDeep.body.error.message).toBe('JSON body is nested more than 32 levels deep')

    const deepest = await postRaw(at(32))
    expectError(deepest, 400, 'BadRequestException')
    expect(deepest.body.error.message).not.toContain('nested')
    expect(await storedState(t, client.clientId)).toEqual(before)

    // Brackets inside string literals are text, not nesting.
    const bracketsInText = await t.request({
      method: 'PATCH',
      url: userUrl,
      headers: secret,
      payload: { bio: `${'['.repeat(40)}{"}"${']'.repeat(40)}` },
    })
    expect(bracketsInText.status, bracketsInText.text).toBe(200)
    expect(bracketsInText.body.data.bio).toBe(`${'['.repeat(40)}{"}"${']'.repeat(40)}`)
  })

  test('NUL in any string field of a new user is a 400 and no row is written', async () => {
    const before = await storedState(t, client.clientId)
    const valid = { email: 'nul@example.com', name: 'Nul' }
    const bodies: Record<string, unknown>[] = [
      { ...valid, name: 'Nu\u0000l' },
      { ...valid, email: 'nul\u0000@example.com' },
      { ...valid, email: 'nul@example.com\u0000' },
      { ...valid, bio: '\u0000' },
      { ...valid, timeZone: 'Europe/Paris\u0000' },
      { ...valid, locale: 'en\u0000' },
      { ...valid, avatarUrl: 'https://example.com/\u0000.png' },
      { ...valid, metadata: { key: 'va\u0000lue' } },
      { ...valid, metadata: { ['ke\u0000y']: 'value' } },
      { ...valid, metadata: { list: ['ok', 'n\u0000'] } },
    ]
    for (const payload of bodies) {
      const res = await t.request({ method: 'POST', url: usersUrl, headers: secret, payload })
      expectError(res, 400, 'BadRequestException', { path: usersUrl })
      expect(res.body.error.message).toMatch(/must not contain NUL/)
    }
    expect(await storedState(t, client.clientId)).toEqual(before)
  })

  test('NUL in an update of a user, of /v2/me or of an OAuth client changes nothing', async () => {
    const before = await storedState(t, client.clientId)
    const patchUser = await t.request({
      method: 'PATCH',
      url: userUrl,
      headers: secret,
      payload: { name: 'Changed\u0000', metadata: { plan: 'enterprise' } },
    })
    expectError(patchUser, 400, 'BadRequestException', { path: userUrl })
    expect(patchUser.body.error.message).toBe(NUL_MESSAGE)

    const patchMe = await t.request({
      method: 'PATCH',
      url: '/v2/me',
      headers: { authorization: `Bearer ${user.accessToken}` },
      payload: { bio: 'b\u0000' },
    })
    expectError(patchMe, 400, 'BadRequestException', { path: '/v2/me' })
    expect(await storedState(t, client.clientId)).toEqual(before)

    const { db } = t.tessera.ctx.database
    const clientRow = () =>
      db
        .selectFrom('oauth_clients')
        .selectAll()
        .where('id', '=', client.clientId)
        .executeTakeFirst()
    const clientBefore = await clientRow()
    const patchClient = await t.request({
      method: 'PATCH',
      url: `/v2/oauth-clients/${client.clientId}`,
      headers: { authorization: `Bearer ${client.apiKey}` },
      payload: { name: 'Renamed\u0000' },
    })
    expectError(patchClient, 400, 'BadRequestException')
    expect(await clientRow()).toEqual(clientBefore)
  })

  test('NUL in a refresh token is a 400 and the real token keeps working', async () => {
    const fresh = await t.createUser(client)
    const before = await storedState(t, client.clientId)
    for (const refreshToken of [`${fresh.refreshToken}\u0000`, `\u0000${fresh.refreshToken}`]) {
      const res = await t.refresh(client, refreshToken)
      expectError(res, 400, 'BadRequestException', {
        path: `/v2/oauth/${client.clientId}/refresh`,
      })
      expect(res.body.error.message).toBe(NUL_MESSAGE)
    }
    expect(await storedState(t, client.clientId)).toEqual(before)
    const ok = await t.refresh(client, fresh.refreshToken)
    expect(ok.status, ok.text).toBe(200)
    expect(ok.body.data.refreshToken).not.toBe(fresh.refreshToken)
  })

  test('NUL in an organization or API key name is a 400 and nothing is created', async () => {
    const { db } = t.tessera.ctx.database
    const count = async () => {
      const orgs = await db
        .selectFrom('organizations')
        .select(db.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
      const keys = await db
        .selectFrom('api_keys')
        .select(db.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
      return [Number(orgs.n), Number(keys.n)]
    }
    const before = await count()
    const operator = { authorization: `Bearer ${OPERATOR_KEY}` }
    const org = await t.request({
      method: 'POST',
      url: '/v2/admin/organizations',
      headers: operator,
      payload: { name: 'Acme\u0000' },
    })
    expectError(org, 400, 'BadRequestException', { path: '/v2/admin/organizations' })
    const { id } = await t.createOrganization()
    const key = await t.request({
      method: 'POST',
      url: `/v2/admin/organizations/${id}/api-keys`,
      headers: operator,
      payload: { role: 'ADMIN', name: 'ci\u0000' },
    })
    expectError(key, 400, 'BadRequestException')
    // only the organization created through the helper (with its first key) was added
    expect(await count()).toEqual([before[0]! + 1, before[1]! + 1])
  })

  test('lone UTF-16 surrogates in values or keys are a 400; paired ones are stored exactly', async () => {
    const before = await storedState(t, client.clientId)
    for (const payload of [
      '{"email":"s@example.com","name":"\\ud800"}',
      '{"email":"s@example.com","name":"S","bio":"\\udfff\\ud800"}',
      '{"email":"s\\udc00@example.com","name":"S"}',
      '{"email":"s@example.com","name":"S","metadata":{"\\ud83d":"x"}}',
      '{"email":"s@example.com","name":"S","metadata":{"k":"x\\ud83d"}}',
    ]) {
      const res = await postRaw(payload)
      expectError(res, 400, 'BadRequestException', { path: usersUrl })
      expect(res.body.error.message).toMatch(/must be valid Unicode \(no lone surrogates\)$/)
    }
    const patch = await t.request({
      method: 'PATCH',
      url: userUrl,
      headers: { ...secret, 'content-type': 'application/json' },
      payload: '{"name":"\\ud800"}',
    })
    expectError(patch, 400, 'BadRequestException', { path: userUrl })
    expect(await storedState(t, client.clientId)).toEqual(before)

    const emoji = 'Zoë 😀 𝄞'
    const ok = await t.request({
      method: 'PATCH',
      url: userUrl,
      headers: secret,
      payload: { bio: emoji, metadata: { '😀': emoji } },
    })
    expect(ok.status, ok.text).toBe(200)
    const { db } = t.tessera.ctx.database
    const row = await db
      .selectFrom('managed_users')
      .select(['bio', 'metadata'])
      .where('id', '=', user.user.id)
      .executeTakeFirstOrThrow()
    expect(row.bio).toBe(emoji)
    expect(row.metadata).toEqual({ '😀': emoji })
  })

  test('__proto__, constructor and prototype keys are a 400 at any depth; nothing is polluted', async () => {
    const before = await storedState(t, client.clientId)
    const payloads = [
      '{"email":"p@example.com","name":"P","__proto__":{"polluted":true}}',
      '{"email":"p@example.com","name":"P","\\u005f_proto__":{"polluted":true}}',
      '{"email":"p@example.com","name":"P","metadata":{"__proto__":{"polluted":true}}}',
      '{"email":"p@example.com","name":"P","metadata":{"constructor":{"prototype":{"polluted":true}}}}',
      '{"email":"p@example.com","name":"P","metadata":{"prototype":"x"}}',
      '[{"__proto__":{"polluted":true}}]',
    ]
    for (const payload of payloads) {
      const res = await postRaw(payload)
      expectError(res, 400, 'BadRequestException', { path: usersUrl })
      expect(res.body.error.message).toMatch(
        /^Property name "(__proto__|constructor|prototype)" is not allowed$/,
      )
    }
    const patch = await t.request({
      method: 'PATCH',
      url: userUrl,
      headers: { ...secret, 'content-type': 'application/json' },
      payload: '{"__proto__":{"name":"Admin"}}',
    })
    expectError(patch, 400, 'BadRequestException')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.prototype).not.toHaveProperty('polluted')
    expect(await storedState(t, client.clientId)).toEqual(before)
  })
})
