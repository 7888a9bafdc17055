import { expect, it } from 'vitest'
import { describeApp } from '../../helpers/fixture.js'
import { type TestApp } from '../../helpers/test-app.js'
import {
  CLIENT_NOT_FOUND,
  INVALID_SECRET,
  MANAGE_ROLES,
  call,
  clientRow,
  expectNoPlaintext,
  hashOf,
  keysOf,
  rowText,
} from './support.js'
import { expectError } from '../../helpers/expect-error.js'

const GRACE_SECONDS = 60
const NO_PREVIOUS = 'This OAuth client has no previous secret in its grace period.'

describeApp(
  `OAuth clients: client-secret rotation`,
  { clock: true, env: { TESSERA_SECRET_ROTATION_GRACE_SECONDS: String(GRACE_SECONDS) } },
  (t) => {
    /** A client with one managed user; `refresh` walks that user's refresh-token chain. */
    async function clientWithUser(key: 'owner' | 'admin' = 'owner') {
      const org = await t.createOrganizationWithKeys()
      const client = await t.createClient({ apiKey: org[key] })
      const user = await t.createUser(client)
      let refreshToken = user.refreshToken
      return {
        org,
        client,
        key: org[key],
        url: `/v2/oauth-clients/${client.clientId}/secret`,
        async refresh(secret: string) {
          const res = await t.refresh(
            { clientId: client.clientId, clientSecret: secret },
            refreshToken,
          )
          if (res.status === 200) refreshToken = res.body.data.refreshToken
          return res
        },
      }
    }

    function expectInvalidSecret(res: Awaited<ReturnType<TestApp['refresh']>>) {
      expectError(res, 401, 'UnauthorizedException', INVALID_SECRET)
    }

    it.each(['owner', 'admin'] as const)(
      'an %s key rotates the secret: 200 with a new secret, shown once, stored only as a keyed hash',
      async (role) => {
        const c = await clientWithUser(role)
        const res = await call(t, 'POST', c.url, c.key)
        expect(res.status).toBe(200)
        expect(res.body.status).toBe('success')
        expect(Object.keys(res.body.data).sort()).toEqual([
          'clientSecret',
          'previousSecretExpiresAt',
        ])
        const secret = res.body.data.clientSecret as string
        expect(secret).toMatch(/^tsr_cs_[A-Za-z0-9_-]{49}$/)
        expect(secret).not.toBe(c.client.clientSecret)
        expect(res.body.data.previousSecretExpiresAt).toBe(
          new Date(t.clock() + GRACE_SECONDS * 1000).toISOString(),
        )
        const row = (await clientRow(t, c.client.clientId))!
        expect(Buffer.from(row.secret_hash).equals(hashOf(t, secret))).toBe(true)
        expect(
          Buffer.from(row.previous_secret_hash!).equals(hashOf(t, c.client.clientSecret)),
        ).toBe(true)
        expect(row.previous_secret_expires_at?.toISOString()).toBe(
          res.body.data.previousSecretExpiresAt,
        )
        const text = rowText(row)
        expectNoPlaintext(text, secret)
        expectNoPlaintext(text, c.client.clientSecret)
        const events = await t.tessera.ctx.database.db
          .selectFrom('audit_events')
          .selectAll()
          .where('client_id', '=', c.client.clientId)
          .execute()
        expect(events.map((e) => e.type)).toContain('client.secret_rotated')
        for (const event of events) expectNoPlaintext(rowText(event), secret)
        // never shown again
        const one = await call(t, 'GET', `/v2/oauth-clients/${c.client.clientId}`, c.key)
        expect(one.text).not.toContain(secret)
        expect(keysOf(one.body)).not.toContain('secret')
      },
    )

    it('a MEMBER key cannot rotate the secret or end the grace period (403); the secret is unchanged', async () => {
      const c = await clientWithUser()
      for (const [method, url] of [
        ['POST', c.url],
        ['DELETE', `${c.url}/previous`],
      ] as const) {
        const res = await call(t, method, url, c.org.member)
        expectError(res, 403, 'ForbiddenException', MANAGE_ROLES)
      }
      const row = (await clientRow(t, c.client.clientId))!
      expect(Buffer.from(row.secret_hash).equals(hashOf(t, c.client.clientSecret))).toBe(true)
      expect(row.previous_secret_hash).toBeNull()
    })

    it('rotation without credentials is 401, and of an unknown client 404', async () => {
      const c = await clientWithUser()
      expectError(await call(t, 'POST', c.url), 401, 'UnauthorizedException')
      expectError(
        await call(t, 'POST', '/v2/oauth-clients/cnosuchclient0000000000000/secret', c.key),
        404,
        'NotFoundException',
        CLIENT_NOT_FOUND,
      )
    })

    it('both the old and the new secret refresh tokens during the grace period', async () => {
      const c = await clientWithUser()
      const oldSecret = c.client.clientSecret
      const newSecret = (await call(t, 'POST', c.url, c.key)).body.data.clientSecret as string
      for (const secret of [oldSecret, newSecret, oldSecret]) {
        const res = await c.refresh(secret)
        expect(res.status).toBe(200)
        expect(res.body.data).toMatchObject({
          accessToken: expect.any(String),
          refreshToken: expect.any(String),
        })
      }
      // and on the managed-user API
      const users = await t.request({
        method: 'GET',
        url: `/v2/oauth-clients/${c.client.clientId}/users`,
        headers: { 'x-cal-secret-key': oldSecret },
      })
      expect(users.status).toBe(200)
    })

    it('DELETE …/secret/previous ends the grace period at once: the old secret is 401, the new one works', async () => {
      const c = await clientWithUser('admin')
      const oldSecret = c.client.clientSecret
      const newSecret = (await call(t, 'POST', c.url, c.key)).body.data.clientSecret as string
      expect((await c.refresh(oldSecret)).status).toBe(200)

      const res = await call(t, 'DELETE', `${c.url}/previous`, c.key)
      expect(res.status).toBe(200)
      expect(res.body).toEqual({ status: 'success', data: { previousSecretRevoked: true } })
      const row = (await clientRow(t, c.client.clientId))!
      expect(row.previous_secret_hash).toBeNull()
      expect(row.previous_secret_expires_at).toBeNull()

      expectInvalidSecret(await c.refresh(oldSecret))
      expect((await c.refresh(newSecret)).status).toBe(200)
    })

    it('DELETE …/secret/previous with no previous secret is 404, also a second time', async () => {
      const c = await clientWithUser()
      const never = await call(t, 'DELETE', `${c.url}/previous`, c.key)
      expectError(never, 404, 'NotFoundException', NO_PREVIOUS)
      await call(t, 'POST', c.url, c.key)
      expect((await call(t, 'DELETE', `${c.url}/previous`, c.key)).status).toBe(200)
      const again = await call(t, 'DELETE', `${c.url}/previous`, c.key)
      expectError(again, 404, 'NotFoundException', NO_PREVIOUS)
    })

    it('the old secret works until the last millisecond of the grace period and is 401 from its end', async () => {
      const c = await clientWithUser()
      const oldSecret = c.client.clientSecret
      const newSecret = (await call(t, 'POST', c.url, c.key)).body.data.clientSecret as string
      t.clock.advance(GRACE_SECONDS * 1000 - 1)
      expect((await c.refresh(oldSecret)).status).toBe(200)
      t.clock.advance(1)
      expectInvalidSecret(await c.refresh(oldSecret))
      expect((await c.refresh(newSecret)).status).toBe(200)
      // an expired previous secret cannot be "revoked" any more
      const previous = await call(t, 'DELETE', `${c.url}/previous`, c.key)
      expectError(previous, 404, 'NotFoundException', NO_PREVIOUS)
    })

    it('rotating twice leaves only the latest two secrets working; the first is 401 at once', async () => {
      const c = await clientWithUser()
      const first = c.client.clientSecret
      const second = (await call(t, 'POST', c.url, c.key)).body.data.clientSecret as string
      const third = (await call(t, 'POST', c.url, c.key)).body.data.clientSecret as string
      expectInvalidSecret(await c.refresh(first))
      expect((await c.refresh(second)).status).toBe(200)
      expect((await c.refresh(third)).status).toBe(200)
      const row = (await clientRow(t, c.client.clientId))!
      expect(Buffer.from(row.previous_secret_hash!).equals(hashOf(t, second))).toBe(true)
    })

    it('a rotated secret keeps the client’s managed users and their tokens valid', async () => {
      const org = await t.createOrganizationWithKeys()
      const client = await t.createClient({ apiKey: org.owner })
      const user = await t.createUser(client)
      const rotated = await call(
        t,
        'POST',
        `/v2/oauth-clients/${client.clientId}/secret`,
        org.owner,
      )
      expect(rotated.status).toBe(200)
      expect(
        (await call(t, 'DELETE', `/v2/oauth-clients/${client.clientId}/secret/previous`, org.owner))
          .status,
      ).toBe(200)
      const me = await t.me(user.accessToken)
      expect(me.status).toBe(200)
      expect(me.body.data.id).toBe(user.user.id)
    })
  },
)
