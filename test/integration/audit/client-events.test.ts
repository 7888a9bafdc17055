import { beforeAll, expect, it } from 'vitest'
import { encodeCursor } from '../../../src/domain/audit/list.js'
import { describeApp } from '../../helpers/fixture.js'
import { type TestApp } from '../../helpers/test-app.js'
import {
  eventsUrl,
  expectNewestFirst,
  expectNoCredentials,
  get,
  ownerKeyId,
  page,
  walk,
  type AuditEvent,
} from './support.js'
import { expectError } from '../../helpers/expect-error.js'
import { bearer, OPERATOR_KEY, secretKey } from '../../helpers/http.js'
import { decodeJwt } from '../../helpers/jwt.js'

const GRACE_SECONDS = 3600
const MANAGE_ROLES = 'OrganizationRolesGuard - User must have one of the roles: ADMIN, OWNER.'

/**
 * `GET /v2/oauth-clients/{clientId}/events`: one client's life (users created by secret and by
 * API key, a refresh, a duplicate, a replay, force-refresh, a delete, a secret rotation), read
 * back newest first, with nothing of a neighbour's and no credential in it.
 */
describeApp(
  `audit: a client's events`,
  {
    clock: Date.UTC(2026, 0, 1),
    env: { TESSERA_SECRET_ROTATION_GRACE_SECONDS: String(GRACE_SECONDS) },
  },
  (t) => {
    const at = () => new Date(t.clock()).toISOString()

    // the story, built once in beforeAll
    let org: Awaited<ReturnType<TestApp['createOrganizationWithKeys']>>
    let foreignOrg: Awaited<ReturnType<TestApp['createOrganizationWithKeys']>>
    let ownerId: string
    let client: { clientId: string; clientSecret: string }
    let sibling: { clientId: string; clientSecret: string }
    let newSecret: string
    let u1: Awaited<ReturnType<TestApp['createUser']>>
    let u2: Awaited<ReturnType<TestApp['createUser']>>
    const families: Record<'f1' | 'f2' | 'f3', string> = { f1: '', f2: '', f3: '' }
    const times: Record<string, string> = {}
    /** Every credential and token handed out in the story. */
    const credentials: string[] = [OPERATOR_KEY]
    let expected: Omit<AuditEvent, 'id' | 'sealed' | 'chainSeq' | 'hash'>[]

    beforeAll(async () => {
      org = await t.createOrganizationWithKeys()
      foreignOrg = await t.createOrganizationWithKeys()
      ownerId = await ownerKeyId(t, org.id)
      credentials.push(org.owner, org.admin, org.member, foreignOrg.owner)

      t.clock.advance(1_000)
      times.clientCreated = at()
      client = await t.createClient({ apiKey: org.owner, name: 'Audited' })
      // a neighbour in the same organization and one in another, busy in between
      sibling = await t.createClient({ apiKey: org.owner, name: 'Sibling' })
      const foreign = await t.createClient({ apiKey: foreignOrg.owner })
      credentials.push(client.clientSecret, sibling.clientSecret, foreign.clientSecret)

      t.clock.advance(1_000)
      times.u1 = at()
      u1 = await t.createUser(client)
      families.f1 = decodeJwt(u1.accessToken).payload.sid as string
      const siblingUser = await t.createUser(sibling)
      const foreignUser = await t.createUser(foreign)
      credentials.push(u1.accessToken, u1.refreshToken, siblingUser.accessToken)
      credentials.push(siblingUser.refreshToken, foreignUser.accessToken, foreignUser.refreshToken)

      t.clock.advance(1_000)
      times.u2 = at()
      const byKey = await t.request({
        method: 'POST',
        url: `/v2/oauth-clients/${client.clientId}/users`,
        headers: bearer(org.admin),
        payload: { email: 'second@example.com', name: 'Second' },
      })
      expect(byKey.status, byKey.text).toBe(201)
      u2 = byKey.body.data
      families.f2 = decodeJwt(u2.accessToken).payload.sid as string
      credentials.push(u2.accessToken, u2.refreshToken)

      t.clock.advance(1_000)
      times.refreshed = at()
      const refreshed = await t.refresh(client, u1.refreshToken)
      expect(refreshed.status).toBe(200)
      credentials.push(refreshed.body.data.accessToken, refreshed.body.data.refreshToken)
      expect((await t.refresh(sibling, siblingUser.refreshToken)).status).toBe(200)

      t.clock.advance(1_000)
      times.duplicate = at()
      const duplicate = await t.refresh(client, u1.refreshToken)
      expect(duplicate.status).toBe(200)
      expect(duplicate.headers['x-tessera-refresh-reuse']).toBe('duplicate')

      t.clock.advance(31_000)
      times.replay = at()
      const replay = await t.refresh(client, u1.refreshToken)
      expect(replay.status).toBe(400)
      expect(replay.headers['x-tessera-refresh-reuse']).toBe('replay')

      t.clock.advance(1_000)
      times.forced = at()
      const forced = await t.request({
        method: 'POST',
        url: `/v2/oauth-clients/${client.clientId}/users/${u2.user.id}/force-refresh`,
        headers: secretKey(client.clientSecret),
      })
      expect(forced.status, forced.text).toBe(200)
      families.f3 = decodeJwt(forced.body.data.accessToken).payload.sid as string
      credentials.push(forced.body.data.accessToken, forced.body.data.refreshToken)

      t.clock.advance(1_000)
      times.deleted = at()
      const deleted = await t.request({
        method: 'DELETE',
        url: `/v2/oauth-clients/${client.clientId}/users/${u1.user.id}`,
        headers: secretKey(client.clientSecret),
      })
      expect(deleted.status, deleted.text).toBe(200)

      t.clock.advance(1_000)
      times.rotated = at()
      const rotated = await t.request({
        method: 'POST',
        url: `/v2/oauth-clients/${client.clientId}/secret`,
        headers: bearer(org.owner),
      })
      expect(rotated.status, rotated.text).toBe(200)
      newSecret = rotated.body.data.clientSecret
      credentials.push(newSecret)

      const base = { organizationId: org.id, clientId: client.clientId }
      const viaSecret = `client:${client.clientId}`
      expected = [
        {
          ...base,
          type: 'client.secret_rotated',
          occurredAt: times.rotated,
          actor: `api_key:${ownerId}`,
          userId: null,
          familyId: null,
          data: {
            previousSecretExpiresAt: new Date(
              Date.parse(times.rotated) + GRACE_SECONDS * 1000,
            ).toISOString(),
          },
        },
        {
          ...base,
          type: 'user.deleted',
          occurredAt: times.deleted,
          actor: viaSecret,
          userId: u1.user.id,
          familyId: null,
          data: {},
        },
        {
          ...base,
          type: 'token.force_refreshed',
          occurredAt: times.forced,
          actor: viaSecret,
          userId: u2.user.id,
          familyId: families.f3,
          data: { revokedFamilies: [families.f2] },
        },
        {
          ...base,
          type: 'token.revoked',
          occurredAt: times.replay,
          actor: viaSecret,
          userId: u1.user.id,
          familyId: families.f1,
          data: { reason: 'replay' },
        },
        {
          ...base,
          type: 'token.reuse_detected',
          occurredAt: times.replay,
          actor: viaSecret,
          userId: u1.user.id,
          familyId: families.f1,
          data: { class: 'replay', presentedGeneration: 0, currentGeneration: 1 },
        },
        {
          ...base,
          type: 'token.reuse_detected',
          occurredAt: times.duplicate,
          actor: viaSecret,
          userId: u1.user.id,
          familyId: families.f1,
          data: { class: 'duplicate', presentedGeneration: 0, currentGeneration: 1 },
        },
        {
          ...base,
          type: 'token.refreshed',
          occurredAt: times.refreshed,
          actor: viaSecret,
          userId: u1.user.id,
          familyId: families.f1,
          data: { generation: 1 },
        },
        {
          ...base,
          type: 'token.issued',
          occurredAt: times.u2,
          actor: `api_key:${org.adminKeyId}`,
          userId: u2.user.id,
          familyId: families.f2,
          data: { origin: 'user_created' },
        },
        {
          ...base,
          type: 'user.created',
          occurredAt: times.u2,
          actor: `api_key:${org.adminKeyId}`,
          userId: u2.user.id,
          familyId: null,
          data: {},
        },
        {
          ...base,
          type: 'token.issued',
          occurredAt: times.u1,
          actor: viaSecret,
          userId: u1.user.id,
          familyId: families.f1,
          data: { origin: 'user_created' },
        },
        {
          ...base,
          type: 'user.created',
          occurredAt: times.u1,
          actor: viaSecret,
          userId: u1.user.id,
          familyId: null,
          data: {},
        },
        {
          ...base,
          type: 'client.created',
          occurredAt: times.clientCreated,
          actor: `api_key:${ownerId}`,
          userId: null,
          familyId: null,
          data: { name: 'Audited', permissions: ['*'], redirectUris: ['http://localhost:4321'] },
        },
      ]
    })

    const strip = ({ id: _id, sealed: _s, chainSeq: _c, hash: _h, ...rest }: AuditEvent) => rest

    it('lists exactly the documented events, newest first, unsealed until the sealer runs, then sealed', async () => {
      const before = page(await get(t, eventsUrl(client.clientId), secretKey(newSecret)))
      expect(before.nextCursor).toBeNull()
      expect(before.events.map(strip)).toEqual(expected)
      expectNewestFirst(before.events)
      expect(before.events.every((e) => !e.sealed)).toBe(true)

      expect(await t.tessera.sealAudit()).toBeGreaterThanOrEqual(expected.length)
      const after = page(await get(t, eventsUrl(client.clientId), secretKey(newSecret)))
      expect(after.events.map(strip)).toEqual(expected)
      expect(after.events.map((e) => e.id)).toEqual(before.events.map((e) => e.id))
      expect(after.events.every((e) => e.sealed)).toBe(true)
      // one organization chain: links in the order the events were written, each hash distinct
      const seqs = after.events.map((e) => e.chainSeq!)
      expect(seqs).toEqual([...seqs].sort((a, b) => b - a))
      expect(new Set(after.events.map((e) => e.hash)).size).toBe(after.events.length)
    })

    it('answers the same list to the client secret, the previous secret in its grace period, and OWNER and ADMIN keys', async () => {
      const reference = page(await get(t, eventsUrl(client.clientId), secretKey(newSecret)))
      for (const headers of [
        secretKey(client.clientSecret),
        bearer(org.owner),
        bearer(org.admin),
      ]) {
        const res = await get(t, eventsUrl(client.clientId), headers)
        expect(page(res)).toEqual(reference)
      }
    })

    it('never includes a secret, an API key or a token', async () => {
      for (const headers of [secretKey(newSecret), bearer(org.owner)]) {
        const res = await get(t, eventsUrl(client.clientId), headers)
        expect(res.status).toBe(200)
        expectNoCredentials(res.text, credentials)
      }
      const sib = await get(t, eventsUrl(sibling.clientId), secretKey(sibling.clientSecret))
      expect(sib.status).toBe(200)
      expectNoCredentials(sib.text, credentials)
      const all = await get(t, '/v2/admin/audit?limit=500', bearer(OPERATOR_KEY))
      expect(page(all).events.length).toBeGreaterThan(expected.length)
      expectNoCredentials(all.text, credentials)
    })

    it("refuses a MEMBER key and another organization's key with 403, and no credential with 401", async () => {
      expectError(
        await get(t, eventsUrl(client.clientId), bearer(org.member)),
        403,
        'ForbiddenException',
        MANAGE_ROLES,
      )
      expectError(
        await get(t, eventsUrl(client.clientId), bearer(foreignOrg.owner)),
        403,
        'ForbiddenException',
        `OAuthClientGuard - forbidden. oAuth client with id=${client.clientId} does not belong to the organization with id=${foreignOrg.id}.`,
      )
      expectError(await get(t, eventsUrl(client.clientId)), 401, 'UnauthorizedException')
      // a neighbour's secret is not this client's, nor is the operator key an API key
      expectError(
        await get(t, eventsUrl(client.clientId), secretKey(sibling.clientSecret)),
        401,
        'UnauthorizedException',
        'ApiAuthStrategy - oAuth client - Invalid client secret',
      )
      expectError(
        await get(t, eventsUrl(client.clientId), bearer(OPERATOR_KEY)),
        401,
        'UnauthorizedException',
      )
      // an OWNER key for a client that does not exist
      expectError(
        await get(t, eventsUrl(`${client.clientId.slice(0, -4)}zzzz`), bearer(org.owner)),
        404,
        'NotFoundException',
      )
    })

    it("keeps each client's events to itself, in the same organization and across organizations", async () => {
      const mine = page(await get(t, eventsUrl(client.clientId), secretKey(newSecret))).events
      const theirs = page(
        await get(t, eventsUrl(sibling.clientId), secretKey(sibling.clientSecret)),
      ).events
      expect(theirs.map((e) => e.type)).toEqual([
        'token.refreshed',
        'token.issued',
        'user.created',
        'client.created',
      ])
      expect(theirs.every((e) => e.clientId === sibling.clientId)).toBe(true)
      expect(mine.every((e) => e.clientId === client.clientId)).toBe(true)
      const mineIds = new Set(mine.map((e) => e.id))
      expect(theirs.filter((e) => mineIds.has(e.id))).toEqual([])
      // organization-level events (keys, the organization itself) belong to no client
      expect(mine.map((e) => e.type)).not.toContain('api_key.created')
      expect(mine.map((e) => e.type)).not.toContain('organization.created')
    })

    it('walks every event exactly once with limit=2, ending with a null cursor', async () => {
      const all = page(await get(t, eventsUrl(client.clientId), bearer(org.owner))).events
      expect(all).toHaveLength(12)
      const { pages, events } = await walk(
        t,
        eventsUrl(client.clientId, 'limit=2'),
        secretKey(newSecret),
      )
      expect(pages.map((p) => p.length)).toEqual([2, 2, 2, 2, 2, 2])
      expect(events).toEqual(all)

      const fives = await walk(t, eventsUrl(client.clientId, 'limit=5'), bearer(org.admin))
      expect(fives.pages.map((p) => p.length)).toEqual([5, 5, 2])
      expect(fives.events).toEqual(all)

      const one = await walk(t, eventsUrl(client.clientId, 'limit=12'), bearer(org.owner))
      expect(one.pages.map((p) => p.length)).toEqual([12])
    })

    it('keeps its place when new events are recorded between pages', async () => {
      const first = page(await get(t, eventsUrl(sibling.clientId, 'limit=2'), bearer(org.owner)))
      expect(first.events.map((e) => e.type)).toEqual(['token.refreshed', 'token.issued'])
      // a newer event lands while the reader is between pages
      expect((await t.createUser(sibling)).user.id).toEqual(expect.any(Number))
      const rest = await walk(
        t,
        `${eventsUrl(sibling.clientId, 'limit=2')}&cursor=${first.nextCursor}`,
        bearer(org.owner),
      )
      expect(rest.events.map((e) => e.type)).toEqual(['user.created', 'client.created'])
      const fresh = page(await get(t, eventsUrl(sibling.clientId), bearer(org.owner)))
      expect(fresh.events.map((e) => e.type).slice(0, 2)).toEqual(['token.issued', 'user.created'])
      expect(fresh.events).toHaveLength(6)
    })

    it('filters by type, alone or several comma-separated, and pages a filtered list', async () => {
      const reuse = page(
        await get(t, eventsUrl(client.clientId, 'types=token.reuse_detected'), bearer(org.owner)),
      )
      expect(reuse.nextCursor).toBeNull()
      expect(reuse.events.map(strip)).toEqual(
        expected.filter((e) => e.type === 'token.reuse_detected'),
      )
      expect(reuse.events.map((e) => e.data.class)).toEqual(['replay', 'duplicate'])

      const several = page(
        await get(
          t,
          eventsUrl(client.clientId, 'types=token.revoked,%20user.deleted,token.issued'),
          secretKey(newSecret),
        ),
      )
      expect(several.events.map((e) => e.type)).toEqual([
        'user.deleted',
        'token.revoked',
        'token.issued',
        'token.issued',
      ])

      const paged = await walk(
        t,
        eventsUrl(client.clientId, 'types=token.reuse_detected&limit=1'),
        secretKey(newSecret),
      )
      expect(paged.pages.map((p) => p.length)).toEqual([1, 1])
      expect(paged.events).toEqual(reuse.events)

      const none = page(
        await get(t, eventsUrl(client.clientId, 'types=signing_key.rotated'), bearer(org.owner)),
      )
      expect(none).toEqual({ events: [], nextCursor: null })
    })

    it('continues from a cursor made for an id, and refuses cursors that are not one with 400', async () => {
      const all = page(await get(t, eventsUrl(client.clientId), bearer(org.owner))).events
      const middle = all[5]!
      const after = page(
        await get(
          t,
          eventsUrl(client.clientId, `cursor=${encodeCursor(middle.id)}`),
          bearer(org.owner),
        ),
      )
      expect(after.events).toEqual(all.slice(6))

      for (const cursor of [
        'abc',
        encodeCursor(0),
        Buffer.from('-5').toString('base64url'),
        Buffer.from('007').toString('base64url'),
        `${encodeCursor(middle.id)}=`,
        Buffer.from('9007199254740993').toString('base64url'),
        Buffer.from('12abc').toString('base64url'),
      ]) {
        expectError(
          await get(t, eventsUrl(client.clientId, `cursor=${cursor}`), bearer(org.owner)),
          400,
          'BadRequestException',
          'Invalid cursor',
        )
      }
      expectError(
        await get(t, eventsUrl(client.clientId, `cursor=${'A'.repeat(65)}`), bearer(org.owner)),
        400,
        'BadRequestException',
      )
      for (const limit of ['0', '501', 'two']) {
        expectError(
          await get(t, eventsUrl(client.clientId, `limit=${limit}`), bearer(org.owner)),
          400,
          'BadRequestException',
        )
      }
    })
  },
)
