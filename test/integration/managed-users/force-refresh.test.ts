import { expect, it } from 'vitest'
import { describeApp } from '../../helpers/fixture.js'
import { familyRows, forceRefresh, userUrl } from './support.js'
import { expectError } from '../../helpers/expect-error.js'
import { secretKey } from '../../helpers/http.js'
import { decodeJwt } from '../../helpers/jwt.js'

const START = Date.UTC(2031, 0, 2, 3, 4, 5, 678)
const notPart = (id: number | string) => `User with ID ${id} is not part of this OAuth client.`

describeApp(
  `POST /v2/oauth-clients/{clientId}/users/{userId}/force-refresh`,
  { clock: START },
  (t) => {
    it('answers 200 with a new pair whose claims name the user, issued at the current time', async () => {
      const client = await t.createClient()
      const created = await t.createUser(client)
      t.clock.advance(90_001)
      const now = t.clock()

      const res = await forceRefresh(t, client, created.user.id)
      expect(res.status, res.text).toBe(200)
      expect(res.body.status).toBe('success')
      const keys = res.body.data
      expect(Object.keys(keys).sort()).toEqual([
        'accessToken',
        'accessTokenExpiresAt',
        'refreshToken',
        'refreshTokenExpiresAt',
      ])
      expect(keys.accessTokenExpiresAt).toBe(now + 3600_000)
      expect(keys.refreshTokenExpiresAt).toBe(now + 31536000_000)
      expect(keys.accessToken).not.toBe(created.accessToken)
      expect(keys.refreshToken).not.toBe(created.refreshToken)
      for (const [token, type, expiresAt] of [
        [keys.accessToken, 'access_token', keys.accessTokenExpiresAt],
        [keys.refreshToken, 'refresh_token', keys.refreshTokenExpiresAt],
      ] as const) {
        const payload = decodeJwt(token).payload
        expect(payload).toMatchObject({
          type,
          clientId: client.clientId,
          ownerId: created.user.id,
          expiresAt,
          iat: Math.floor(now / 1000),
        })
        expect(payload.jti).toEqual(expect.any(String))
      }
    })

    it('stops the old access token at once (401) and refuses the old refresh token (400)', async () => {
      const client = await t.createClient()
      const created = await t.createUser(client)
      expect((await t.me(created.accessToken)).status).toBe(200)

      expect((await forceRefresh(t, client, created.user.id)).status).toBe(200)

      expectError(
        await t.me(created.accessToken),
        401,
        'UnauthorizedException',
        'Invalid Access Token.',
      )
      expectError(
        await t.refresh(client, created.refreshToken),
        400,
        'BadRequestException',
        'Invalid refresh token',
      )
    })

    it('hands out a pair that works: /v2/me with the access token, /refresh with the refresh token', async () => {
      const client = await t.createClient()
      const created = await t.createUser(client)
      const res = await forceRefresh(t, client, created.user.id)
      const me = await t.me(res.body.data.accessToken)
      expect(me.status, me.text).toBe(200)
      expect(me.body.data.id).toBe(created.user.id)
      const rotated = await t.refresh(client, res.body.data.refreshToken)
      expect(rotated.status, rotated.text).toBe(200)
      expect((await t.me(rotated.body.data.accessToken)).status).toBe(200)
    })

    it('revokes tokens obtained by earlier refreshes too, and records why', async () => {
      const client = await t.createClient()
      const created = await t.createUser(client)
      t.clock.advance(1_000)
      const rotated = await t.refresh(client, created.refreshToken)
      expect(rotated.status).toBe(200)
      t.clock.advance(1_000)

      const res = await forceRefresh(t, client, created.user.id)
      expect(res.status).toBe(200)
      expectError(
        await t.me(rotated.body.data.accessToken),
        401,
        'UnauthorizedException',
        'Invalid Access Token.',
      )
      expectError(
        await t.refresh(client, rotated.body.data.refreshToken),
        400,
        'BadRequestException',
        'Invalid refresh token',
      )

      const families = await familyRows(t, created.user.id)
      expect(families.map((f) => [f.origin, f.revoked_reason])).toEqual([
        ['user_created', 'force_refresh'],
        ['force_refresh', null],
      ])
      expect(families[0]!.revoked_at!.getTime()).toBe(t.clock())
    })

    it('a second force-refresh revokes the pair of the first', async () => {
      const client = await t.createClient()
      const { user } = await t.createUser(client)
      const first = await forceRefresh(t, client, user.id)
      const second = await forceRefresh(t, client, user.id)
      expect(second.status).toBe(200)
      expectError(
        await t.me(first.body.data.accessToken),
        401,
        'UnauthorizedException',
        'Invalid Access Token.',
      )
      expect((await t.me(second.body.data.accessToken)).status).toBe(200)
      const active = (await familyRows(t, user.id)).filter((f) => f.revoked_at === null)
      expect(active).toHaveLength(1)
    })

    it('answers 404 for an unknown user and for another client’s user, whose tokens keep working', async () => {
      const client = await t.createClient()
      const other = await t.createClient()
      const foreign = await t.createUser(other)
      expectError(
        await forceRefresh(t, client, 2_000_000_000),
        404,
        'NotFoundException',
        notPart(2_000_000_000),
      )
      expectError(
        await forceRefresh(t, client, foreign.user.id),
        404,
        'NotFoundException',
        notPart(foreign.user.id),
      )
      expect((await t.me(foreign.accessToken)).status).toBe(200)
      expect(await familyRows(t, foreign.user.id)).toHaveLength(1)
    })

    it('answers 400 for a non-numeric user id', async () => {
      const client = await t.createClient()
      const res = await t.request({
        method: 'POST',
        url: `${userUrl(client.clientId, 'abc')}/force-refresh`,
        headers: secretKey(client),
      })
      expectError(res, 400, 'BadRequestException', 'Validation failed (numeric string is expected)')
    })
  },
)
