import { describe, expect, it } from 'vitest'
import { describeApp } from '../helpers/fixture.js'
import { introspect, post, revoke, tokenGrant, unsignedJwt } from './oauth.js'
import { ISSUER } from '../helpers/http.js'
import { decodeJwt } from '../helpers/jwt.js'

const INACTIVE = '{"active":false}'

/** RFC 7662 §2.2: an inactive token reveals nothing but `active: false`. */
function expectInactive(res: { status: number; text: string; headers: Record<string, unknown> }) {
  expect(res.status).toBe(200)
  expect(res.text).toBe(INACTIVE)
  expect(String(res.headers['content-type'])).toMatch(/^application\/json/)
  expect(res.headers['cache-control']).toBe('no-store')
}

describeApp(
  `RFC 7662 introspection, POST /v2/oauth/introspect`,
  {
    clock: true,
    env: { TESSERA_ACCESS_TOKEN_TTL_SECONDS: '60', TESSERA_REFRESH_TOKEN_TTL_SECONDS: '120' },
  },
  (t) => {
    // AT 60 s, RT 120 s

    describe('§2.1 request', () => {
      it('RFC 7662 §2.1: introspection requires client authentication (401 invalid_client without)', async () => {
        const { client, user } = await t.createClientWithUser()
        const res = await introspect(t, client, user.accessToken, {}, { auth: 'none' })
        expect(res.status).toBe(401)
        expect(res.body).toEqual({ error: 'invalid_client', error_description: expect.any(String) })
        expect(res.headers['www-authenticate']).toMatch(/^Basic /)
        expect(res.text).not.toContain('active')
      })

      it('RFC 7662 §2.1: a wrong secret or unknown client is invalid_client with 401', async () => {
        const { client, user } = await t.createClientWithUser()
        const wrong = {
          clientId: client.clientId,
          clientSecret: `${client.clientSecret.slice(0, -4)}AAAA`,
        }
        const unknown = { clientId: 'c000000000000000000000000', clientSecret: client.clientSecret }
        for (const caller of [wrong, unknown]) {
          for (const auth of ['basic', 'post'] as const) {
            const res = await introspect(t, caller, user.accessToken, {}, { auth })
            expect(res.status).toBe(401)
            expect(res.body.error).toBe('invalid_client')
            expect(res.headers['www-authenticate']).toMatch(/^Basic /)
          }
        }
      })

      it('RFC 7662 §2.1: the token parameter is required (invalid_request)', async () => {
        const { client } = await t.createClientWithUser()
        const res = await post(t, '/v2/oauth/introspect', client, {})
        expect(res.status).toBe(400)
        expect(res.body).toEqual({
          error: 'invalid_request',
          error_description: expect.any(String),
        })
      })

      it('RFC 7662 §2.1: client_secret_post and a JSON body are accepted', async () => {
        const { client, user } = await t.createClientWithUser()
        const viaPost = await introspect(t, client, user.accessToken, {}, { auth: 'post' })
        expect(viaPost.status).toBe(200)
        expect(viaPost.body.active).toBe(true)
        const viaJson = await introspect(t, client, user.refreshToken, {}, { json: true })
        expect(viaJson.status).toBe(200)
        expect(viaJson.body.active).toBe(true)
      })
    })

    describe('§2.2 active tokens', () => {
      it('RFC 7662 §2.2: an active access token is active:true with token_type, client_id, sub, exp, iat, iss, jti', async () => {
        const { client, user } = await t.createClientWithUser()
        const res = await introspect(t, client, user.accessToken)
        expect(res.status).toBe(200)
        expect(res.headers['cache-control']).toBe('no-store')
        const { payload } = decodeJwt(user.accessToken)
        expect(res.body).toMatchObject({
          active: true,
          token_type: 'Bearer',
          token_use: 'access_token',
          client_id: client.clientId,
          sub: String(user.user.id),
          exp: Math.floor(user.accessTokenExpiresAt / 1000),
          iat: payload.iat,
          iss: ISSUER,
          aud: ISSUER,
          jti: payload.jti,
        })
        expect(res.body.exp).toBe(payload.exp)
        expect(res.body.iat).toBe(Math.floor(t.clock() / 1000))
      })

      it('RFC 7662 §2.2: an active refresh token is active:true with its own expiry and id', async () => {
        const { client, user } = await t.createClientWithUser()
        const res = await introspect(t, client, user.refreshToken)
        expect(res.status).toBe(200)
        const { payload } = decodeJwt(user.refreshToken)
        expect(res.body).toMatchObject({
          active: true,
          token_use: 'refresh_token',
          client_id: client.clientId,
          sub: String(user.user.id),
          exp: Math.floor(user.refreshTokenExpiresAt / 1000),
          iss: ISSUER,
          jti: payload.jti,
        })
        // token_type is the RFC 6749 §7.1 access-token type; a refresh token has none
        expect(res.body.token_type).toBeUndefined()
        expect(res.body.jti).not.toBe(decodeJwt(user.accessToken).payload.jti)
      })

      it('RFC 7662 §2.1: token_type_hint is only a hint; a wrong or unknown one still finds the token', async () => {
        const { client, user } = await t.createClientWithUser()
        for (const hint of ['refresh_token', 'access_token', 'id_token']) {
          const access = await introspect(t, client, user.accessToken, { token_type_hint: hint })
          expect(access.body).toMatchObject({ active: true, token_use: 'access_token' })
          const refresh = await introspect(t, client, user.refreshToken, { token_type_hint: hint })
          expect(refresh.body).toMatchObject({ active: true, token_use: 'refresh_token' })
        }
      })
    })

    describe('§2.2 inactive tokens: exactly {"active":false}', () => {
      it('RFC 7662 §2.2: an expired access token is inactive (while its refresh token is not yet)', async () => {
        const { client, user } = await t.createClientWithUser()
        t.clock.advance(60_000)
        expectInactive(await introspect(t, client, user.accessToken))
        // consistent with the resource endpoint: the contract's 498 for an expired access token
        expect((await t.me(user.accessToken)).status).toBe(498)
        expect((await introspect(t, client, user.refreshToken)).body.active).toBe(true)
      })

      it('RFC 7662 §2.2: an expired refresh token is inactive', async () => {
        const { client, user } = await t.createClientWithUser()
        t.clock.advance(120_000)
        expectInactive(await introspect(t, client, user.refreshToken))
        expectInactive(await introspect(t, client, user.accessToken))
      })

      it('RFC 7662 §2.2: revoked tokens are inactive', async () => {
        const { client, user } = await t.createClientWithUser()
        const res = await revoke(t, client, user.refreshToken)
        expect(res.status).toBe(200)
        expectInactive(await introspect(t, client, user.refreshToken))
        expectInactive(await introspect(t, client, user.accessToken))
      })

      it('RFC 7662 §2.2: tokens of a family revoked for replay are inactive', async () => {
        const { client, user } = await t.createClientWithUser()
        const gen1 = await tokenGrant(t, client, user.refreshToken)
        const gen2 = await tokenGrant(t, client, gen1.body.refresh_token)
        expect(gen2.status).toBe(200)
        const replay = await tokenGrant(t, client, user.refreshToken)
        expect(replay.headers['x-tessera-refresh-reuse']).toBe('replay')
        expectInactive(await introspect(t, client, gen2.body.refresh_token))
        expectInactive(await introspect(t, client, gen2.body.access_token))
      })

      it('RFC 7662 §2.2: garbage, forged and unsigned tokens are inactive', async () => {
        const { client, user } = await t.createClientWithUser()
        const access = decodeJwt(user.accessToken)
        const [h, p] = user.accessToken.split('.')
        const tokens = [
          'garbage',
          'a.b.c',
          `${h}.${p}.${Buffer.alloc(64, 9).toString('base64url')}`,
          unsignedJwt({ ...access.header, alg: 'none' }, access.payload),
          `${user.refreshToken.slice(0, -2)}AA`,
          'x'.repeat(5000),
        ]
        for (const token of tokens) expectInactive(await introspect(t, client, token))
      })

      it('RFC 7662 §2.2: a rotated (spent) refresh token is inactive, its successor active', async () => {
        const { client, user } = await t.createClientWithUser()
        const next = await tokenGrant(t, client, user.refreshToken)
        expect(next.status).toBe(200)
        expectInactive(await introspect(t, client, user.refreshToken))
        expect((await introspect(t, client, next.body.refresh_token)).body.active).toBe(true)
        // introspecting a spent token must not count as presenting it: the family lives on
        expect((await introspect(t, client, next.body.access_token)).body.active).toBe(true)
        expect((await tokenGrant(t, client, next.body.refresh_token)).status).toBe(200)
      })

      it("RFC 7662 §2.2: another client's tokens are inactive for it, and stay active for their own client", async () => {
        const { client, user } = await t.createClientWithUser()
        const other = await t.createClient()
        for (const token of [user.accessToken, user.refreshToken]) {
          expectInactive(await introspect(t, other, token))
          expect((await introspect(t, client, token)).body.active).toBe(true)
        }
      })

      it("RFC 7662 §2.2: a deleted user's tokens are inactive", async () => {
        const { client, user } = await t.createClientWithUser()
        const deleted = await t.request({
          method: 'DELETE',
          url: `/v2/oauth-clients/${client.clientId}/users/${user.user.id}`,
          headers: { 'x-cal-secret-key': client.clientSecret },
        })
        expect(deleted.status).toBe(200)
        expectInactive(await introspect(t, client, user.accessToken))
        expectInactive(await introspect(t, client, user.refreshToken))
      })
    })
  },
)
