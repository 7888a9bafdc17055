import { describe, expect, it } from 'vitest'
import { describeApp } from '../helpers/fixture.js'
import { type TestApp } from '../helpers/test-app.js'
import { introspect, post, revoke, tokenGrant, type Client } from './oauth.js'

/** RFC 7009 §2.2: 200 and nothing else to read. */
function expectRevoked(res: { status: number; text: string; headers: Record<string, unknown> }) {
  expect(res.status).toBe(200)
  expect(res.text).toBe('')
  expect(res.headers['cache-control']).toBe('no-store')
}

/** Both tokens of the session are dead everywhere: /v2/me, both refresh endpoints, introspection. */
async function expectSessionRevoked(
  t: TestApp,
  client: Client,
  tokens: { accessToken: string; refreshToken: string },
) {
  expect((await t.me(tokens.accessToken)).status).toBe(401)
  const grant = await tokenGrant(t, client, tokens.refreshToken)
  expect(grant.status).toBe(400)
  expect(grant.body.error).toBe('invalid_grant')
  const calcom = await t.refresh(client, tokens.refreshToken)
  expect(calcom.status).toBe(400)
  expect(calcom.body.error.message).toBe('Invalid refresh token')
  for (const token of [tokens.accessToken, tokens.refreshToken]) {
    expect((await introspect(t, client, token)).body).toEqual({ active: false })
  }
}

async function expectSessionAlive(
  t: TestApp,
  client: Client,
  tokens: { accessToken: string; refreshToken: string },
) {
  expect((await t.me(tokens.accessToken)).status).toBe(200)
  expect((await introspect(t, client, tokens.refreshToken)).body.active).toBe(true)
}

describeApp(`RFC 7009 revocation, POST /v2/oauth/revoke`, (t) => {
  describe('§2.1 request and client authentication', () => {
    it('RFC 7009 §2.1: revocation without client authentication is invalid_client with 401 and revokes nothing', async () => {
      const { client, user } = await t.createClientWithUser()
      const res = await revoke(t, client, user.refreshToken, {}, { auth: 'none' })
      expect(res.status).toBe(401)
      expect(res.body).toEqual({ error: 'invalid_client', error_description: expect.any(String) })
      expect(res.headers['www-authenticate']).toMatch(/^Basic /)
      await expectSessionAlive(t, client, user)
    })

    it('RFC 7009 §2.1: a wrong client secret is invalid_client with 401 and revokes nothing', async () => {
      const { client, user } = await t.createClientWithUser()
      const wrong = {
        clientId: client.clientId,
        clientSecret: `${client.clientSecret.slice(0, -4)}AAAA`,
      }
      for (const auth of ['basic', 'post'] as const) {
        const res = await revoke(t, wrong, user.accessToken, {}, { auth })
        expect(res.status).toBe(401)
        expect(res.body.error).toBe('invalid_client')
        expect(res.headers['www-authenticate']).toMatch(/^Basic /)
      }
      await expectSessionAlive(t, client, user)
    })

    it('RFC 7009 §2.1: the token parameter is required (invalid_request)', async () => {
      const { client } = await t.createClientWithUser()
      const res = await post(t, '/v2/oauth/revoke', client, { token_type_hint: 'refresh_token' })
      expect(res.status).toBe(400)
      expect(res.body).toEqual({
        error: 'invalid_request',
        error_description: expect.any(String),
      })
    })

    it('RFC 6749 §3.2 (as applied by RFC 7009 §2.1): a repeated token parameter is invalid_request', async () => {
      const { client, user } = await t.createClientWithUser()
      const res = await post(t, '/v2/oauth/revoke', client, {
        token: [user.refreshToken, user.refreshToken],
      })
      expect(res.status).toBe(400)
      expect(res.body.error).toBe('invalid_request')
      await expectSessionAlive(t, client, user)
    })

    it('RFC 7009 §2.1: client_secret_post and a JSON body are accepted', async () => {
      const first = await t.createClientWithUser()
      expectRevoked(await revoke(t, first.client, first.user.refreshToken, {}, { auth: 'post' }))
      await expectSessionRevoked(t, first.client, first.user)

      const second = await t.createClientWithUser()
      expectRevoked(await revoke(t, second.client, second.user.refreshToken, {}, { json: true }))
      await expectSessionRevoked(t, second.client, second.user)
    })
  })

  describe('§2.2 response', () => {
    it('RFC 7009 §2.2: an unknown or garbage token gets 200 with no body content', async () => {
      const { client, user } = await t.createClientWithUser()
      const [h, p] = user.accessToken.split('.')
      const badSignature = `${h}.${p}.${Buffer.alloc(64, 1).toString('base64url')}`
      for (const token of ['garbage', 'a.b.c', badSignature, 'x'.repeat(5000)]) {
        expectRevoked(await revoke(t, client, token))
      }
      await expectSessionAlive(t, client, user)
    })

    it('RFC 7009 §2.2: revoking an already revoked token is 200 again', async () => {
      const { client, user } = await t.createClientWithUser()
      expectRevoked(await revoke(t, client, user.refreshToken))
      expectRevoked(await revoke(t, client, user.refreshToken))
      expectRevoked(await revoke(t, client, user.accessToken))
      await expectSessionRevoked(t, client, user)
    })
  })

  describe('§2.1 what is revoked', () => {
    it('RFC 7009 §2.1: revoking a refresh token revokes its family, including its access tokens', async () => {
      const { client, user } = await t.createClientWithUser()
      // two generations of the family: the earlier access token is still unexpired
      const next = await tokenGrant(t, client, user.refreshToken)
      expect(next.status).toBe(200)
      const bystander = await t.createUser(client)

      expectRevoked(
        await revoke(t, client, next.body.refresh_token, { token_type_hint: 'refresh_token' }),
      )

      await expectSessionRevoked(t, client, {
        accessToken: next.body.access_token,
        refreshToken: next.body.refresh_token,
      })
      expect((await t.me(user.accessToken)).status).toBe(401)
      // another user's session of the same client is untouched
      await expectSessionAlive(t, client, bystander)
    })

    it('RFC 7009 §2.1: revoking an access token revokes its session too (Tessera revokes the whole family)', async () => {
      const { client, user } = await t.createClientWithUser()
      expectRevoked(await revoke(t, client, user.accessToken, { token_type_hint: 'access_token' }))
      await expectSessionRevoked(t, client, user)
    })

    it('RFC 7009 §2.1: revoking a spent (rotated) refresh token of the client ends the session it belonged to', async () => {
      const { client, user } = await t.createClientWithUser()
      const next = await tokenGrant(t, client, user.refreshToken)
      expect(next.status).toBe(200)
      expectRevoked(await revoke(t, client, user.refreshToken))
      await expectSessionRevoked(t, client, {
        accessToken: next.body.access_token,
        refreshToken: next.body.refresh_token,
      })
    })

    it("RFC 7009 §2.1: another client's token gets 200 but is not revoked", async () => {
      const { client, user } = await t.createClientWithUser()
      const other = await t.createClient()
      for (const token of [user.refreshToken, user.accessToken]) {
        for (const hint of [undefined, 'refresh_token', 'access_token']) {
          expectRevoked(await revoke(t, other, token, hint ? { token_type_hint: hint } : {}))
        }
      }
      await expectSessionAlive(t, client, user)
      const grant = await tokenGrant(t, client, user.refreshToken)
      expect(grant.status).toBe(200)
      expect(grant.headers['x-tessera-refresh-reuse']).toBeUndefined()
    })

    it('RFC 7009 §2.1: token_type_hint is honoured, and a wrong or unknown hint still finds the token', async () => {
      const cases: [token: 'accessToken' | 'refreshToken', hint: string | undefined][] = [
        ['refreshToken', 'refresh_token'],
        ['accessToken', 'access_token'],
        ['refreshToken', 'access_token'],
        ['accessToken', 'refresh_token'],
        ['refreshToken', 'id_token'],
        ['accessToken', 'not-a-type'],
        ['refreshToken', undefined],
      ]
      const { client } = await t.createClientWithUser()
      for (const [which, hint] of cases) {
        const user = await t.createUser(client)
        const res = await revoke(t, client, user[which], hint ? { token_type_hint: hint } : {})
        expectRevoked(res)
        await expectSessionRevoked(t, client, user)
      }
    })

    it('RFC 7009 §2.2: a token whose user was deleted gets 200', async () => {
      const { client, user } = await t.createClientWithUser()
      const deleted = await t.request({
        method: 'DELETE',
        url: `/v2/oauth-clients/${client.clientId}/users/${user.user.id}`,
        headers: { 'x-cal-secret-key': client.clientSecret },
      })
      expect(deleted.status).toBe(200)
      expectRevoked(await revoke(t, client, user.refreshToken))
      expectRevoked(await revoke(t, client, user.accessToken))
      expect((await t.me(user.accessToken)).status).toBe(401)
    })
  })
})
