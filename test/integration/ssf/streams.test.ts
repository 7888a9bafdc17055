import { createLocalJWKSet, decodeJwt, jwtVerify, type JWTPayload } from 'jose'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { describeApp } from '../../helpers/fixture.js'
import { ISSUER } from '../../helpers/http.js'
import { Receiver } from '../../helpers/receiver.js'

const SESSION_REVOKED = 'https://schemas.openid.net/secevent/caep/event-type/session-revoked'
const CREDENTIAL_CHANGE = 'https://schemas.openid.net/secevent/caep/event-type/credential-change'
const ACCOUNT_PURGED = 'https://schemas.openid.net/secevent/risc/event-type/account-purged'
const VERIFICATION = 'https://schemas.openid.net/secevent/ssf/event-type/verification'
const PUSH = 'urn:ietf:rfc:8935'

type Client = { clientId: string; clientSecret: string }
const basic = (c: Client) => ({
  authorization: `Basic ${Buffer.from(`${c.clientId}:${c.clientSecret}`).toString('base64')}`,
})

/**
 * The Shared Signals transmitter: discovery, stream management by an OAuth client, and push
 * delivery of SETs that verify with jose against the instance JWKS.
 */
describeApp(
  'Shared Signals transmitter',
  { env: { TESSERA_WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' } },
  (t) => {
    let receiver: Receiver
    const drain = () => t.tessera.events.worker.drain()

    /** Verifies a pushed SET as a receiver would: JWKS of the issuer, typ, iss, aud. */
    async function verifySet(token: string, client: Client): Promise<JWTPayload> {
      const jwks = await t.request({ method: 'GET', url: '/.well-known/jwks.json' })
      const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(jwks.body), {
        issuer: ISSUER,
        audience: client.clientId,
        typ: 'secevent+jwt',
      })
      expect(protectedHeader.alg).toBe('EdDSA')
      // SSF §4.1: no sub, no exp
      expect(payload.sub).toBeUndefined()
      expect(payload.exp).toBeUndefined()
      return payload
    }

    async function createStream(client: Client, body: Record<string, unknown> = {}) {
      const res = await t.request({
        method: 'POST',
        url: '/v2/ssf/streams',
        headers: basic(client),
        payload: {
          delivery: { method: PUSH, endpoint_url: `${receiver.url}/ssf/${client.clientId}` },
          events_requested: [SESSION_REVOKED, CREDENTIAL_CHANGE, ACCOUNT_PURGED],
          ...body,
        },
      })
      if (res.status !== 201) throw new Error(`create stream: ${res.status} ${res.text}`)
      return res.body as { stream_id: string }
    }

    beforeAll(async () => {
      receiver = await Receiver.start()
    })
    afterAll(() => receiver?.close())
    afterEach(() => receiver.reset())

    it('publishes its metadata at /.well-known/ssf-configuration', async () => {
      const res = await t.request({ method: 'GET', url: '/.well-known/ssf-configuration' })
      expect(res.status).toBe(200)
      expect(res.body).toEqual({
        spec_version: '1_0',
        issuer: ISSUER,
        jwks_uri: `${ISSUER}/.well-known/jwks.json`,
        delivery_methods_supported: [PUSH],
        configuration_endpoint: `${ISSUER}/v2/ssf/streams`,
        status_endpoint: `${ISSUER}/v2/ssf/status`,
        verification_endpoint: `${ISSUER}/v2/ssf/verify`,
        authorization_schemes: [{ spec_urn: 'urn:ietf:rfc:6749' }],
        default_subjects: 'ALL',
      })
    })

    it('creates, reads, updates, replaces and deletes a stream for the authenticated client only', async () => {
      const client = await t.createClient()
      const created = await t.request({
        method: 'POST',
        url: '/v2/ssf/streams',
        headers: basic(client),
        payload: {
          delivery: {
            method: PUSH,
            endpoint_url: `${receiver.url}/crud`,
            authorization_header: 'Bearer rcv-secret',
          },
          events_requested: [SESSION_REVOKED, 'urn:example:unknown'],
          description: 'sessions',
        },
      })
      expect(created.status).toBe(201)
      const config = {
        stream_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        iss: ISSUER,
        aud: client.clientId,
        delivery: {
          method: PUSH,
          endpoint_url: `${receiver.url}/crud`,
          authorization_header_set: true,
        },
        events_supported: [SESSION_REVOKED, CREDENTIAL_CHANGE, ACCOUNT_PURGED],
        events_requested: [SESSION_REVOKED, 'urn:example:unknown'],
        events_delivered: [SESSION_REVOKED],
        min_verification_interval: 15,
        description: 'sessions',
      }
      expect(created.body).toEqual(config)
      expect(created.text).not.toContain('rcv-secret')
      const id = created.body.stream_id as string

      // the same, read one way or the other, with the x-cal headers this time
      const calHeaders = {
        'x-cal-client-id': client.clientId,
        'x-cal-secret-key': client.clientSecret,
      }
      const one = await t.request({
        method: 'GET',
        url: `/v2/ssf/streams?stream_id=${id}`,
        headers: calHeaders,
      })
      expect(one.status).toBe(200)
      expect(one.body).toEqual(created.body)
      const all = await t.request({ method: 'GET', url: '/v2/ssf/streams', headers: basic(client) })
      expect(all.body).toEqual([created.body])

      const patched = await t.request({
        method: 'PATCH',
        url: '/v2/ssf/streams',
        headers: basic(client),
        payload: {
          stream_id: id,
          events_requested: [CREDENTIAL_CHANGE],
          iss: ISSUER,
          aud: client.clientId,
        },
      })
      expect(patched.status).toBe(200)
      expect(patched.body).toMatchObject({
        events_delivered: [CREDENTIAL_CHANGE],
        description: 'sessions',
      })
      const badEcho = await t.request({
        method: 'PATCH',
        url: '/v2/ssf/streams',
        headers: basic(client),
        payload: { stream_id: id, events_delivered: [ACCOUNT_PURGED] },
      })
      expect(badEcho.status).toBe(400)
      expect(badEcho.body.error.message).toBe(
        'events_delivered is set by the transmitter and does not match',
      )

      const replaced = await t.request({
        method: 'PUT',
        url: '/v2/ssf/streams',
        headers: basic(client),
        payload: {
          stream_id: id,
          delivery: { method: PUSH, endpoint_url: `${receiver.url}/moved` },
        },
      })
      expect(replaced.status).toBe(200)
      expect(replaced.body).toEqual({
        ...config,
        stream_id: id,
        delivery: {
          method: PUSH,
          endpoint_url: `${receiver.url}/moved`,
          authorization_header_set: false,
        },
        events_requested: [],
        events_delivered: [],
        description: undefined,
      })
      const poll = await t.request({
        method: 'PUT',
        url: '/v2/ssf/streams',
        headers: basic(client),
        payload: { stream_id: id },
      })
      expect(poll.status).toBe(400)
      expect(poll.body.error.message).toMatch(/^Only push delivery/)

      // another client sees nothing of it
      const other = await t.createClient()
      const foreign = await t.request({
        method: 'GET',
        url: `/v2/ssf/streams?stream_id=${id}`,
        headers: basic(other),
      })
      expect(foreign.status).toBe(404)
      expect(
        (await t.request({ method: 'GET', url: '/v2/ssf/streams', headers: basic(other) })).body,
      ).toEqual([])

      const deleted = await t.request({
        method: 'DELETE',
        url: `/v2/ssf/streams?stream_id=${id}`,
        headers: basic(client),
      })
      expect(deleted.status).toBe(204)
      expect(deleted.text).toBe('')
      expect(
        (
          await t.request({
            method: 'GET',
            url: `/v2/ssf/streams?stream_id=${id}`,
            headers: basic(client),
          })
        ).status,
      ).toBe(404)
    })

    it('refuses receivers without valid client credentials (401 with a Basic challenge)', async () => {
      const client = await t.createClient()
      const none = await t.request({ method: 'GET', url: '/v2/ssf/streams' })
      expect(none.status).toBe(401)
      expect(none.headers['www-authenticate']).toBe('Basic realm="tessera", charset="UTF-8"')
      const wrong = await t.request({
        method: 'GET',
        url: '/v2/ssf/streams',
        headers: basic({ clientId: client.clientId, clientSecret: 'tsr_cs_wrong' }),
      })
      expect(wrong.status).toBe(401)
      expect(wrong.body.error.code).toBe('UnauthorizedException')
    })

    it('pushes a CAEP session-revoked SET on force-refresh that verifies against the JWKS and names the user and session', async () => {
      const client = await t.createClient()
      await createStream(client)
      const user = await t.createUser(client)
      const sid = decodeJwt(user.accessToken).sid as string
      const forced = await t.request({
        method: 'POST',
        url: `/v2/oauth-clients/${client.clientId}/users/${user.user.id}/force-refresh`,
        headers: { 'x-cal-secret-key': client.clientSecret },
      })
      expect(forced.status).toBe(200)
      await drain()
      const [push] = await receiver.received(1)
      expect(push!.path).toBe(`/ssf/${client.clientId}`)
      expect(push!.headers['content-type']).toBe('application/secevent+jwt')
      expect(push!.headers.accept).toBe('application/json')
      const set = await verifySet(push!.body, client)
      expect(set).toEqual({
        iss: ISSUER,
        jti: expect.any(String),
        iat: expect.any(Number),
        aud: client.clientId,
        txn: expect.stringMatching(/^tessera-event-\d+$/),
        sub_id: {
          format: 'complex',
          user: { format: 'iss_sub', iss: ISSUER, sub: String(user.user.id) },
          session: { format: 'opaque', id: sid },
        },
        events: {
          [SESSION_REVOKED]: {
            event_timestamp: expect.any(Number),
            initiating_entity: 'admin',
            reason_admin: { en: expect.stringContaining('Force refresh') },
          },
        },
      })
    })

    it('signals RFC 7009 revocation, replay, secret rotation and user deletion, and sends the receiver its authorization header', async () => {
      const client = await t.createClient()
      await createStream(client, {
        delivery: {
          method: PUSH,
          endpoint_url: `${receiver.url}/all`,
          authorization_header: 'Bearer receiver-token',
        },
      })
      const revokedUser = await t.createUser(client)
      const revoke = await t.request({
        method: 'POST',
        url: '/v2/oauth/revoke',
        headers: basic(client),
        payload: { token: revokedUser.refreshToken },
      })
      expect(revoke.status).toBe(200)
      const replayed = await t.createUser(client)
      const next = await t.refresh(client, replayed.refreshToken)
      await t.refresh(client, next.body.data.refreshToken)
      // two generations back: a replay, whatever the reuse window
      expect((await t.refresh(client, replayed.refreshToken)).status).toBe(400)
      await drain()
      const sets = await Promise.all(
        (await receiver.received(2)).map((r) => verifySet(r.body, client)),
      )
      expect(
        receiver.requests.every((r) => r.headers.authorization === 'Bearer receiver-token'),
      ).toBe(true)
      const reasons = sets.map(
        (s) =>
          (s.events as Record<string, { initiating_entity: string; reason_admin: { en: string } }>)[
            SESSION_REVOKED
          ]!,
      )
      expect(reasons.map((r) => r.initiating_entity).sort()).toEqual(['admin', 'policy'])
      expect(reasons.map((r) => r.reason_admin.en).join(' ')).toMatch(
        /RFC 7009.*replay|replay.*RFC 7009/,
      )
      receiver.reset()

      const deleted = await t.request({
        method: 'DELETE',
        url: `/v2/oauth-clients/${client.clientId}/users/${replayed.user.id}`,
        headers: { 'x-cal-secret-key': client.clientSecret },
      })
      expect(deleted.status).toBe(200)
      await drain()
      const deletion = await Promise.all(
        (await receiver.received(2)).map((r) => verifySet(r.body, client)),
      )
      const byType = Object.fromEntries(
        deletion.map((s) => [Object.keys(s.events as object)[0], s]),
      )
      expect(byType[SESSION_REVOKED]!.sub_id).toEqual({
        format: 'complex',
        user: { format: 'iss_sub', iss: ISSUER, sub: String(replayed.user.id) },
      })
      expect(byType[ACCOUNT_PURGED]!.sub_id).toEqual({
        format: 'iss_sub',
        iss: ISSUER,
        sub: String(replayed.user.id),
      })
      expect(byType[SESSION_REVOKED]!.txn).toBe(byType[ACCOUNT_PURGED]!.txn)
      expect(byType[SESSION_REVOKED]!.jti).not.toBe(byType[ACCOUNT_PURGED]!.jti)
    })

    it("tells a deleted client's stream that every session ended, then forgets the stream", async () => {
      const org = await t.createOrganization()
      const client = await t.createClient({ apiKey: org.apiKey })
      const { stream_id } = await createStream(client)
      const deleted = await t.request({
        method: 'DELETE',
        url: `/v2/oauth-clients/${client.clientId}`,
        headers: { authorization: `Bearer ${org.apiKey}` },
      })
      expect(deleted.status).toBe(200)
      const { db } = t.tessera.ctx.database
      expect(await t.tessera.events.housekeeping()).toMatchObject({ endpoints: 0 })
      await drain()
      const [push] = await receiver.received(1)
      const set = await verifySet(push!.body, client)
      expect(set.sub_id).toEqual({
        format: 'complex',
        application: { format: 'opaque', id: client.clientId },
      })
      expect(Object.keys(set.events as object)).toEqual([SESSION_REVOKED])
      // delivered: housekeeping now removes the stream of the client that is gone
      expect(await t.tessera.events.housekeeping()).toMatchObject({ endpoints: 1 })
      expect(
        await db.selectFrom('event_endpoints').select('id').where('id', '=', stream_id).execute(),
      ).toEqual([])
      expect(
        await db
          .selectFrom('event_deliveries')
          .select('id')
          .where('endpoint_id', '=', stream_id)
          .execute(),
      ).toEqual([])
    })

    it('sends a verification event with the state, at most once per min_verification_interval', async () => {
      const client = await t.createClient()
      const { stream_id } = await createStream(client)
      const verify = await t.request({
        method: 'POST',
        url: '/v2/ssf/verify',
        headers: basic(client),
        payload: { stream_id, state: 'VGhpcyBpcyBhIHN0YXRl' },
      })
      expect(verify.status).toBe(204)
      const again = await t.request({
        method: 'POST',
        url: '/v2/ssf/verify',
        headers: basic(client),
        payload: { stream_id },
      })
      expect(again.status).toBe(429)
      expect(Number(again.headers['retry-after'])).toBeGreaterThan(0)
      await drain()
      const [push] = await receiver.received(1)
      const set = await verifySet(push!.body, client)
      expect(set.sub_id).toEqual({ format: 'opaque', id: stream_id })
      expect(set.events).toEqual({ [VERIFICATION]: { state: 'VGhpcyBpcyBhIHN0YXRl' } })
    })

    it('holds events while paused and sends them when enabled again; a disabled stream drops them', async () => {
      const client = await t.createClient()
      const { stream_id } = await createStream(client)
      const user = await t.createUser(client)
      const status = (body: Record<string, unknown>) =>
        t.request({
          method: 'POST',
          url: '/v2/ssf/status',
          headers: basic(client),
          payload: { stream_id, ...body },
        })
      expect((await status({ status: 'paused', reason: 'maintenance' })).body).toEqual({
        stream_id,
        status: 'paused',
        reason: 'maintenance',
      })
      const forceRefresh = () =>
        t.request({
          method: 'POST',
          url: `/v2/oauth-clients/${client.clientId}/users/${user.user.id}/force-refresh`,
          headers: { 'x-cal-secret-key': client.clientSecret },
        })
      await forceRefresh()
      await drain()
      expect(receiver.requests).toHaveLength(0)
      const read = await t.request({
        method: 'GET',
        url: `/v2/ssf/status?stream_id=${stream_id}`,
        headers: basic(client),
      })
      expect(read.body).toEqual({ stream_id, status: 'paused', reason: 'maintenance' })
      expect((await status({ status: 'enabled' })).body).toEqual({ stream_id, status: 'enabled' })
      await drain()
      await receiver.received(1)
      receiver.reset()

      expect((await status({ status: 'disabled' })).status).toBe(200)
      await forceRefresh()
      await drain()
      expect(receiver.requests).toHaveLength(0)
      const verify = await t.request({
        method: 'POST',
        url: '/v2/ssf/verify',
        headers: basic(client),
        payload: { stream_id },
      })
      expect(verify.status).toBe(400)
    })

    it('is unavailable while the instance signs with HS256, and says why', async () => {
      const client = await t.createClient()
      await createStream(client)
      await t.tessera.keyRing.rotate('operator', 'HS256')
      try {
        const discovery = await t.request({ method: 'GET', url: '/.well-known/ssf-configuration' })
        expect(discovery.status).toBe(404)
        expect(discovery.body.error.message).toMatch(/signs with HS256, which has no public key/)
        const user = await t.createUser(client)
        await t.request({
          method: 'POST',
          url: `/v2/oauth-clients/${client.clientId}/users/${user.user.id}/force-refresh`,
          headers: { 'x-cal-secret-key': client.clientSecret },
        })
        await drain()
        expect(receiver.requests).toHaveLength(0)
        const row = await t.tessera.ctx.database.db
          .selectFrom('event_deliveries')
          .innerJoin('event_endpoints', 'event_endpoints.id', 'event_deliveries.endpoint_id')
          .select(['event_deliveries.status', 'event_deliveries.attempt_log'])
          .where('event_endpoints.client_id', '=', client.clientId)
          .executeTakeFirstOrThrow()
        expect(row.status).toBe('pending')
        expect(row.attempt_log[0]!.error).toMatch(/signs with HS256/)
      } finally {
        await t.tessera.keyRing.rotate('operator', 'EdDSA')
      }
    })
  },
)
