import { describe, expect, it } from 'vitest'
import { describeApp, startApp, useApp } from '../helpers/fixture.js'
import { expectOAuthError } from '../helpers/expect-error.js'
import type { TestApp } from '../helpers/test-app.js'
import { basic, form, FORM, post, tokenGrant, type Client } from './oauth.js'
import { decodeJwt } from '../helpers/jwt.js'

const REUSE = 'x-tessera-refresh-reuse'
/** The refresh token still rotates normally: the failed request before did not spend it. */
async function expectUnspent(t: TestApp, client: Client, refreshToken: string) {
  const res = await tokenGrant(t, client, refreshToken)
  expect(res.status).toBe(200)
  expect(res.headers[REUSE]).toBeUndefined()
}

// default lifetimes; the clock only moves in tests that need a window to pass
describeApp('RFC 6749 token endpoint, POST /v2/oauth/token', { clock: true }, (t, backend) => {
  // short lifetimes: AT 60 s, RT 120 s
  const short = useApp(backend, {
    clock: true,
    env: { TESSERA_ACCESS_TOKEN_TTL_SECONDS: '60', TESSERA_REFRESH_TOKEN_TTL_SECONDS: '120' },
  })

  describe('§6 refresh grant and §5.1 successful response', () => {
    it('RFC 6749 §6: a refresh grant with client_secret_basic returns a new Bearer pair', async () => {
      const { client, user } = await t.createClientWithUser()
      const res = await tokenGrant(t, client, user.refreshToken)

      expect(res.status).toBe(200)
      expect(Object.keys(res.body).sort()).toEqual(
        [
          'access_token',
          'expires_in',
          'refresh_token',
          'refresh_token_expires_in',
          'token_type',
        ].sort(),
      )
      expect(res.body.token_type).toBe('Bearer')
      expect(res.body.expires_in).toBe(3600)
      expect(res.body.refresh_token_expires_in).toBe(31_536_000)
      expect(res.body.access_token).not.toBe(user.accessToken)
      expect(res.body.refresh_token).not.toBe(user.refreshToken)
      expect(res.headers[REUSE]).toBeUndefined()

      const access = decodeJwt(res.body.access_token)
      expect(access.header.typ).toBe('at+jwt')
      expect(access.payload).toMatchObject({
        type: 'access_token',
        clientId: client.clientId,
        ownerId: user.user.id,
      })

      const me = await t.me(res.body.access_token)
      expect(me.status).toBe(200)
      expect(me.body.data.id).toBe(user.user.id)
    })

    it('RFC 6749 §5.1: the token response is JSON with Cache-Control: no-store and Pragma: no-cache', async () => {
      const { client, user } = await t.createClientWithUser()
      const res = await tokenGrant(t, client, user.refreshToken)
      expect(res.status).toBe(200)
      expect(String(res.headers['content-type'])).toMatch(/^application\/json/)
      expect(res.headers['cache-control']).toBe('no-store')
      expect(res.headers.pragma).toBe('no-cache')
    })

    it('RFC 6749 §5.1: expires_in is the configured access-token lifetime and matches the token', async () => {
      const { client, user } = await short.createClientWithUser()
      short.clock.advance(5_000)
      const res = await tokenGrant(short, client, user.refreshToken)
      expect(res.status).toBe(200)
      expect(res.body.expires_in).toBe(60)
      expect(res.body.refresh_token_expires_in).toBe(120)
      const { payload } = decodeJwt(res.body.access_token)
      expect(payload.expiresAt).toBe(short.clock() + 60_000)
      expect(payload.exp).toBe(Math.floor((short.clock() + 60_000) / 1000))
      expect(decodeJwt(res.body.refresh_token).payload.expiresAt).toBe(short.clock() + 120_000)
    })

    it('RFC 6749 §6: each rotated refresh token can be used for the next refresh', async () => {
      const { client, user } = await t.createClientWithUser()
      let refreshToken = user.refreshToken
      const seen = new Set<string>([refreshToken])
      for (let i = 0; i < 3; i++) {
        const res = await tokenGrant(t, client, refreshToken)
        expect(res.status).toBe(200)
        expect(seen.has(res.body.refresh_token)).toBe(false)
        refreshToken = res.body.refresh_token
        seen.add(refreshToken)
      }
    })
  })

  describe('§2.3.1 client authentication', () => {
    it('RFC 6749 §2.3.1: client_secret_basic form-urlencodes the id and secret before base64', async () => {
      const { client, user } = await t.createClientWithUser()
      // every character percent-encoded: a valid application/x-www-form-urlencoded form of each part
      const pct = (s: string) =>
        [...Buffer.from(s, 'utf8')]
          .map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`)
          .join('')
      const authorization = `Basic ${Buffer.from(`${pct(client.clientId)}:${pct(client.clientSecret)}`).toString('base64')}`
      const res = await t.request({
        method: 'POST',
        url: '/v2/oauth/token',
        headers: { ...FORM, authorization },
        payload: form({ grant_type: 'refresh_token', refresh_token: user.refreshToken }),
      })
      expect(res.status).toBe(200)
      expect(res.body.token_type).toBe('Bearer')
    })

    it('RFC 6749 §2.3.1: the Basic scheme name is case-insensitive', async () => {
      const { client, user } = await t.createClientWithUser()
      const authorization = basic(client.clientId, client.clientSecret).replace(/^Basic/, 'basic')
      const res = await t.request({
        method: 'POST',
        url: '/v2/oauth/token',
        headers: { ...FORM, authorization },
        payload: form({ grant_type: 'refresh_token', refresh_token: user.refreshToken }),
      })
      expect(res.status).toBe(200)
    })

    it('RFC 6749 §2.3.1: client_secret_post (client_id and client_secret in the form) is accepted', async () => {
      const { client, user } = await t.createClientWithUser()
      const res = await tokenGrant(t, client, user.refreshToken, { auth: 'post' })
      expect(res.status).toBe(200)
      expect(res.body.token_type).toBe('Bearer')
      expect((await t.me(res.body.access_token)).status).toBe(200)
    })

    it('RFC 6749 §2.3.1: Basic with a matching client_id in the body is accepted', async () => {
      const { client, user } = await t.createClientWithUser()
      const res = await post(t, '/v2/oauth/token', client, {
        grant_type: 'refresh_token',
        refresh_token: user.refreshToken,
        client_id: client.clientId,
      })
      expect(res.status).toBe(200)
    })

    it('RFC 6749 §2.3: Basic and a different client_id in the body is invalid_request', async () => {
      const { client, user } = await t.createClientWithUser()
      const other = await t.createClient()
      const res = await post(t, '/v2/oauth/token', client, {
        grant_type: 'refresh_token',
        refresh_token: user.refreshToken,
        client_id: other.clientId,
      })
      expectOAuthError(res, 400, 'invalid_request')
      await expectUnspent(t, client, user.refreshToken)
    })

    it('RFC 6749 §2.3: using client_secret_basic and client_secret_post at once is invalid_request', async () => {
      const { client, user } = await t.createClientWithUser()
      const res = await post(
        t,
        '/v2/oauth/token',
        client,
        {
          grant_type: 'refresh_token',
          refresh_token: user.refreshToken,
          client_id: client.clientId,
          client_secret: client.clientSecret,
        },
        { auth: 'basic' },
      )
      expectOAuthError(res, 400, 'invalid_request')
      await expectUnspent(t, client, user.refreshToken)
    })

    it('RFC 6749 §2.3.1: client credentials in the request URI are not accepted', async () => {
      const { client, user } = await t.createClientWithUser()
      const query = new URLSearchParams({
        client_id: client.clientId,
        client_secret: client.clientSecret,
      })
      const res = await t.request({
        method: 'POST',
        url: `/v2/oauth/token?${query}`,
        headers: FORM,
        payload: form({ grant_type: 'refresh_token', refresh_token: user.refreshToken }),
      })
      expectOAuthError(res, 401, 'invalid_client')
      await expectUnspent(t, client, user.refreshToken)
    })
  })

  describe('§3.2 request format', () => {
    it('RFC 6749 §3.2: a repeated refresh_token is invalid_request and spends nothing', async () => {
      const { client, user } = await t.createClientWithUser()
      const res = await post(t, '/v2/oauth/token', client, {
        grant_type: 'refresh_token',
        refresh_token: [user.refreshToken, user.refreshToken],
      })
      expectOAuthError(res, 400, 'invalid_request')
      await expectUnspent(t, client, user.refreshToken)
    })

    it('RFC 6749 §3.2: a repeated grant_type or client_secret is invalid_request', async () => {
      const { client, user } = await t.createClientWithUser()
      const grant = await post(t, '/v2/oauth/token', client, {
        grant_type: ['refresh_token', 'refresh_token'],
        refresh_token: user.refreshToken,
      })
      expectOAuthError(grant, 400, 'invalid_request')
      const secret = await post(
        t,
        '/v2/oauth/token',
        client,
        {
          grant_type: 'refresh_token',
          refresh_token: user.refreshToken,
          client_id: client.clientId,
          client_secret: [client.clientSecret, client.clientSecret],
        },
        { auth: 'none' },
      )
      expectOAuthError(secret, 400, 'invalid_request')
      await expectUnspent(t, client, user.refreshToken)
    })

    it('RFC 6749 §3.2: a JSON array value is treated as a repeated parameter (invalid_request)', async () => {
      const { client, user } = await t.createClientWithUser()
      const res = await post(
        t,
        '/v2/oauth/token',
        client,
        { grant_type: 'refresh_token', refresh_token: [user.refreshToken] },
        { json: true },
      )
      expectOAuthError(res, 400, 'invalid_request')
    })

    it('RFC 6749 §3.2: the form body is accepted with a charset parameter on its media type', async () => {
      const { client, user } = await t.createClientWithUser()
      const res = await tokenGrant(t, client, user.refreshToken, {
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' },
      })
      expect(res.status).toBe(200)
      expect(res.body.token_type).toBe('Bearer')
    })

    it('RFC 6749 §3.2: a JSON body is accepted as well, with Basic or in-body credentials', async () => {
      const first = await t.createClientWithUser()
      const viaBasic = await tokenGrant(t, first.client, first.user.refreshToken, { json: true })
      expect(viaBasic.status).toBe(200)
      expect(viaBasic.body.token_type).toBe('Bearer')

      const second = await t.createClientWithUser()
      const viaPost = await tokenGrant(t, second.client, second.user.refreshToken, {
        json: true,
        auth: 'post',
      })
      expect(viaPost.status).toBe(200)
      expect((await t.me(viaPost.body.access_token)).status).toBe(200)
    })

    it('RFC 6749 §3.1: a parameter sent without a value is treated as omitted', async () => {
      const { client, user } = await t.createClientWithUser()
      const res = await post(t, '/v2/oauth/token', client, {
        grant_type: 'refresh_token',
        refresh_token: user.refreshToken,
        scope: '',
      })
      expect(res.status).toBe(200)
    })

    it('RFC 6749 §3.2: a non-string JSON value is invalid_request', async () => {
      const { client } = await t.createClientWithUser()
      const res = await t.request({
        method: 'POST',
        url: '/v2/oauth/token',
        headers: {
          'content-type': 'application/json',
          authorization: basic(client.clientId, client.clientSecret),
        },
        payload: JSON.stringify({ grant_type: 'refresh_token', refresh_token: 42 }),
      })
      expectOAuthError(res, 400, 'invalid_request')
    })

    it('RFC 6749 §5.2: a non-string value under an odd JSON key is invalid_request within the description charset', async () => {
      const { client } = await t.createClientWithUser()
      const res = await t.request({
        method: 'POST',
        url: '/v2/oauth/token',
        headers: {
          'content-type': 'application/json',
          authorization: basic(client.clientId, client.clientSecret),
        },
        payload: JSON.stringify({ grant_type: 'refresh_token', 'a"\\é': 1 }),
      })
      expectOAuthError(res, 400, 'invalid_request')
      expect(res.body.error_description).toBe('Every parameter must be a string')
    })

    it('RFC 6749 §5.2: a malformed JSON body is invalid_request in the RFC error format', async () => {
      const { client } = await t.createClientWithUser()
      const res = await t.request({
        method: 'POST',
        url: '/v2/oauth/token',
        headers: {
          'content-type': 'application/json',
          authorization: basic(client.clientId, client.clientSecret),
        },
        payload: '{"grant_type":',
      })
      expectOAuthError(res, 400, 'invalid_request')
    })
  })

  describe('§5.2 error responses', () => {
    it('RFC 6749 §5.2: a missing grant_type is invalid_request', async () => {
      const { client, user } = await t.createClientWithUser()
      const res = await post(t, '/v2/oauth/token', client, { refresh_token: user.refreshToken })
      expectOAuthError(res, 400, 'invalid_request')
      await expectUnspent(t, client, user.refreshToken)
    })

    it('RFC 6749 §5.2: an unsupported grant type is unsupported_grant_type', async () => {
      const { client, user } = await t.createClientWithUser()
      for (const grantType of ['authorization_code', 'client_credentials', 'password', 'refresh']) {
        const res = await post(t, '/v2/oauth/token', client, {
          grant_type: grantType,
          refresh_token: user.refreshToken,
        })
        expectOAuthError(res, 400, 'unsupported_grant_type')
      }
      await expectUnspent(t, client, user.refreshToken)
    })

    it('RFC 6749 §5.2: a refresh grant without refresh_token is invalid_request', async () => {
      const { client } = await t.createClientWithUser()
      const res = await post(t, '/v2/oauth/token', client, { grant_type: 'refresh_token' })
      expectOAuthError(res, 400, 'invalid_request')
    })

    it('RFC 6749 §6: requesting a scope (none was granted) is invalid_scope', async () => {
      const { client, user } = await t.createClientWithUser()
      const res = await post(t, '/v2/oauth/token', client, {
        grant_type: 'refresh_token',
        refresh_token: user.refreshToken,
        scope: 'profile',
      })
      expectOAuthError(res, 400, 'invalid_scope')
      await expectUnspent(t, client, user.refreshToken)
    })

    it('RFC 6749 §5.2: a malformed or forged refresh token is invalid_grant with 400', async () => {
      const { client, user } = await t.createClientWithUser()
      const [h, p] = user.refreshToken.split('.')
      const forged = `${h}.${p}.${Buffer.alloc(32, 7).toString('base64url')}`
      for (const token of ['garbage', 'a.b.c', forged, `${user.refreshToken}x`]) {
        const res = await tokenGrant(t, client, token)
        expectOAuthError(res, 400, 'invalid_grant')
      }
      await expectUnspent(t, client, user.refreshToken)
    })

    it("RFC 6749 §6: another client's refresh token is invalid_grant and stays valid for its owner", async () => {
      const { client, user } = await t.createClientWithUser()
      const other = await t.createClient()
      const res = await tokenGrant(t, other, user.refreshToken)
      expectOAuthError(res, 400, 'invalid_grant')
      expect(res.headers[REUSE]).toBeUndefined()
      // the presentation by a foreign client neither rotated nor revoked the family
      expect((await t.me(user.accessToken)).status).toBe(200)
      await expectUnspent(t, client, user.refreshToken)
    })

    it('RFC 6749 §5.2: a wrong client secret is invalid_client with 401 and WWW-Authenticate', async () => {
      const { client, user } = await t.createClientWithUser()
      const wrong = {
        clientId: client.clientId,
        clientSecret: `${client.clientSecret.slice(0, -4)}AAAA`,
      }
      for (const auth of ['basic', 'post'] as const) {
        const res = await tokenGrant(t, wrong, user.refreshToken, { auth })
        expectOAuthError(res, 401, 'invalid_client')
        expect(res.headers['www-authenticate']).toMatch(/^Basic realm="/)
      }
      await expectUnspent(t, client, user.refreshToken)
    })

    it('RFC 6749 §5.2: an unknown client is invalid_client with 401 and WWW-Authenticate', async () => {
      const { client, user } = await t.createClientWithUser()
      const unknown = { clientId: 'c000000000000000000000000', clientSecret: client.clientSecret }
      const res = await tokenGrant(t, unknown, user.refreshToken)
      expectOAuthError(res, 401, 'invalid_client')
      expect(res.headers['www-authenticate']).toMatch(/^Basic /)
    })

    it('RFC 6749 §5.2: no client authentication is invalid_client with 401 and WWW-Authenticate', async () => {
      const { client, user } = await t.createClientWithUser()
      const none = await tokenGrant(t, client, user.refreshToken, { auth: 'none' })
      expectOAuthError(none, 401, 'invalid_client')
      expect(none.headers['www-authenticate']).toMatch(/^Basic /)

      // a client_id alone is a public client, which Tessera does not have
      const idOnly = await post(
        t,
        '/v2/oauth/token',
        client,
        {
          grant_type: 'refresh_token',
          refresh_token: user.refreshToken,
          client_id: client.clientId,
        },
        { auth: 'none' },
      )
      expectOAuthError(idOnly, 401, 'invalid_client')
      await expectUnspent(t, client, user.refreshToken)
    })

    it('RFC 6749 §5.2: malformed Basic credentials are invalid_client with 401', async () => {
      const { user } = await t.createClientWithUser()
      for (const authorization of [
        'Basic !!!',
        `Basic ${Buffer.from('no-colon').toString('base64')}`,
      ]) {
        const res = await t.request({
          method: 'POST',
          url: '/v2/oauth/token',
          headers: { ...FORM, authorization },
          payload: form({ grant_type: 'refresh_token', refresh_token: user.refreshToken }),
        })
        expectOAuthError(res, 401, 'invalid_client')
        expect(res.headers['www-authenticate']).toMatch(/^Basic /)
      }
    })
  })

  describe('one token family behind both refresh endpoints', () => {
    it('a duplicate presentation within the reuse window returns the identical pair (x-tessera-refresh-reuse: duplicate)', async () => {
      const { client, user } = await t.createClientWithUser()
      const first = await tokenGrant(t, client, user.refreshToken)
      t.clock.advance(10_000) // a retry after a lost response, inside the 30 s window
      const again = await tokenGrant(t, client, user.refreshToken)
      expect(first.status).toBe(200)
      expect(first.headers[REUSE]).toBeUndefined()
      expect(first.body.expires_in).toBe(3600)
      expect(again.status).toBe(200)
      // the same token, so the lifetime left is 10 s shorter
      expect(again.body.expires_in).toBe(3590)
      expect(again.headers[REUSE]).toBe('duplicate')
      expect(again.body.access_token).toBe(first.body.access_token)
      expect(again.body.refresh_token).toBe(first.body.refresh_token)
      expect(again.body.token_type).toBe('Bearer')
      expect(again.headers['cache-control']).toBe('no-store')
      // the successor is the family's current token
      await expectUnspent(t, client, first.body.refresh_token)
    })

    it('concurrent presentations of one refresh token rotate once and share the successor', async () => {
      const { client, user } = await t.createClientWithUser()
      const results = await Promise.all(
        Array.from({ length: 4 }, () => tokenGrant(t, client, user.refreshToken)),
      )
      for (const res of results) expect(res.status).toBe(200)
      expect(results.filter((r) => r.headers[REUSE] === undefined)).toHaveLength(1)
      expect(results.filter((r) => r.headers[REUSE] === 'duplicate')).toHaveLength(3)
      expect(new Set(results.map((r) => r.body.refresh_token)).size).toBe(1)
      expect(new Set(results.map((r) => r.body.access_token)).size).toBe(1)
    })

    it('RFC 9700 §4.14.2: a replayed token two generations old is invalid_grant (replay) and revokes the family', async () => {
      const { client, user } = await t.createClientWithUser()
      const gen1 = await tokenGrant(t, client, user.refreshToken)
      const gen2 = await tokenGrant(t, client, gen1.body.refresh_token)
      expect(gen2.status).toBe(200)
      expect((await t.me(gen2.body.access_token)).status).toBe(200)

      const replay = await tokenGrant(t, client, user.refreshToken)
      expectOAuthError(replay, 400, 'invalid_grant')
      expect(replay.headers[REUSE]).toBe('replay')

      for (const accessToken of [
        user.accessToken,
        gen1.body.access_token,
        gen2.body.access_token,
      ]) {
        const me = await t.me(accessToken)
        expect(me.status).toBe(401)
      }
      // the current refresh token died with its family
      const current = await tokenGrant(t, client, gen2.body.refresh_token)
      expectOAuthError(current, 400, 'invalid_grant')
    })

    it('a previous token presented after the reuse window is a replay: invalid_grant and the family is revoked', async () => {
      const { client, user } = await t.createClientWithUser()
      const next = await tokenGrant(t, client, user.refreshToken)
      expect(next.status).toBe(200)
      t.clock.advance(31_000) // TESSERA_REFRESH_REUSE_INTERVAL_SECONDS defaults to 30
      const reused = await tokenGrant(t, client, user.refreshToken)
      expectOAuthError(reused, 400, 'invalid_grant')
      expect(reused.headers[REUSE]).toBe('replay')
      expect((await t.me(next.body.access_token)).status).toBe(401)
      expectOAuthError(await tokenGrant(t, client, next.body.refresh_token), 400, 'invalid_grant')
    })

    it('RFC 6749 §5.2: an expired refresh token is invalid_grant, at both endpoints', async () => {
      const a = await short.createClientWithUser()
      const b = await short.createClientWithUser()
      short.clock.advance(120_001)
      const res = await tokenGrant(short, a.client, a.user.refreshToken)
      expectOAuthError(res, 400, 'invalid_grant')
      expect(res.headers[REUSE]).toBeUndefined()
      const calcom = await short.refresh(b.client, b.user.refreshToken)
      expect(calcom.status).toBe(400)
      expect(calcom.body.error.message).toBe('Invalid refresh token')
    })

    it('a token rotated at /v2/oauth/token is spent for /v2/oauth/{clientId}/refresh, and its successor works there', async () => {
      const { client, user } = await t.createClientWithUser()
      const rotated = await tokenGrant(t, client, user.refreshToken)
      expect(rotated.status).toBe(200)

      // inside the window the Cal.com endpoint answers the duplicate with the same successors
      const duplicate = await t.refresh(client, user.refreshToken)
      expect(duplicate.status).toBe(200)
      expect(duplicate.headers[REUSE]).toBe('duplicate')
      expect(duplicate.body.data.accessToken).toBe(rotated.body.access_token)
      expect(duplicate.body.data.refreshToken).toBe(rotated.body.refresh_token)

      // the successor issued by the RFC endpoint rotates at the Cal.com endpoint
      const onward = await t.refresh(client, rotated.body.refresh_token)
      expect(onward.status).toBe(200)
      expect(onward.headers[REUSE]).toBeUndefined()
      expect(onward.body.data.refreshToken).not.toBe(rotated.body.refresh_token)

      // the first token is now two generations old: spent, and presenting it is a replay
      t.clock.advance(1_000)
      const spent = await t.refresh(client, user.refreshToken)
      expect(spent.status).toBe(400)
      expect(spent.body.error.message).toBe('Invalid refresh token')
      expect(spent.headers[REUSE]).toBe('replay')
    })

    it('a token rotated at /v2/oauth/{clientId}/refresh is spent for /v2/oauth/token, and its successor works there', async () => {
      const { client, user } = await t.createClientWithUser()
      const rotated = await t.refresh(client, user.refreshToken)
      expect(rotated.status).toBe(200)

      const duplicate = await tokenGrant(t, client, user.refreshToken)
      expect(duplicate.status).toBe(200)
      expect(duplicate.headers[REUSE]).toBe('duplicate')
      expect(duplicate.body.access_token).toBe(rotated.body.data.accessToken)
      expect(duplicate.body.refresh_token).toBe(rotated.body.data.refreshToken)

      const onward = await tokenGrant(t, client, rotated.body.data.refreshToken)
      expect(onward.status).toBe(200)
      expect(onward.headers[REUSE]).toBeUndefined()

      t.clock.advance(1_000)
      const spent = await tokenGrant(t, client, user.refreshToken)
      expectOAuthError(spent, 400, 'invalid_grant')
      expect(spent.headers[REUSE]).toBe('replay')
      expect((await t.me(onward.body.access_token)).status).toBe(401)
    })
  })

  describe('§2.3.1 brute-force protection', () => {
    it('RFC 6749 §2.3.1 / RFC 7009 §5 / RFC 7662 §4: after repeated wrong secrets the client is throttled on every standard endpoint', async () => {
      const app = await startApp(backend, {
        clock: true,
        env: { TESSERA_RATE_LIMIT_FAILURES: '3' },
      })
      const { client, user } = await app.createClientWithUser()
      const bystander = await app.createClientWithUser()
      const wrong = {
        clientId: client.clientId,
        clientSecret: `${client.clientSecret.slice(0, -4)}AAAA`,
      }
      // TESSERA_RATE_LIMIT_FAILURES=3: no more than three wrong secrets are even checked
      let failures = 0
      for (;;) {
        const res = await tokenGrant(app, wrong, user.refreshToken)
        if (res.status === 429) break
        expectOAuthError(res, 401, 'invalid_client')
        failures++
        expect(failures).toBeLessThanOrEqual(3)
      }
      expect(failures).toBeGreaterThanOrEqual(2)
      // the budget is the client's: even its right secret now waits, at every endpoint
      const attempts = [
        tokenGrant(app, client, user.refreshToken),
        post(app, '/v2/oauth/revoke', client, { token: user.refreshToken }),
        post(app, '/v2/oauth/introspect', client, { token: user.accessToken }),
        tokenGrant(app, wrong, user.refreshToken, { auth: 'post' }),
      ]
      for (const res of await Promise.all(attempts)) {
        expectOAuthError(res, 429, 'temporarily_unavailable')
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0)
      }
      // other clients are not affected
      const other = await tokenGrant(app, bystander.client, bystander.user.refreshToken)
      expect(other.status).toBe(200)
      // once the window has passed, the right secret works and finds the token unspent
      app.clock.advance(60_000)
      const later = await tokenGrant(app, client, user.refreshToken)
      expect(later.status).toBe(200)
      expect(later.headers[REUSE]).toBeUndefined()
    })
  })
})
