import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  NotFoundError,
  OperatorClient,
  OrganizationClient,
  PermissionDeniedError,
  SessionRevokedError,
  TesseraApiError,
  TesseraClient,
} from '@tessera/sdk'
import { BACKENDS } from '../../test/helpers/backends.js'
import { OPERATOR_KEY, startTessera, type RunningTessera } from './support/server.js'

const email = () => `u-${randomBytes(4).toString('hex')}@example.com`

for (const backend of BACKENDS) {
  describe(`API clients against a real Tessera (${backend})`, () => {
    let server: RunningTessera
    let operator: OperatorClient
    let org: OrganizationClient
    let orgId: number
    let client: TesseraClient

    beforeAll(async () => {
      server = await startTessera(backend)
      operator = new OperatorClient({ baseUrl: server.url, operatorKey: OPERATOR_KEY })
      const created = await operator.organizations.create('SDK Inc')
      orgId = created.id
      org = new OrganizationClient({ baseUrl: server.url, apiKey: created.apiKey })
      const { clientId, clientSecret } = await org.oauthClients.create({
        name: 'SDK app',
        redirectUris: ['http://localhost:3000'],
        permissions: ['*'],
      })
      // a Cal.com-style base URL (ending in /v2) works the same
      client = new TesseraClient({ baseUrl: `${server.url}/v2`, clientId, clientSecret })
    })
    afterAll(() => server.close())

    describe('OperatorClient', () => {
      test('creates and lists organizations', async () => {
        const created = await operator.organizations.create('Second Org')
        expect(created).toMatchObject({ name: 'Second Org', apiKey: expect.any(String) })
        const listed = await operator.organizations.list()
        expect(listed.map((o) => o.id)).toEqual(expect.arrayContaining([orgId, created.id]))
        expect(listed.find((o) => o.id === created.id)).not.toHaveProperty('apiKey')
      })

      test('issues an API key that works, and revokes it so that it stops at once', async () => {
        const key = await operator.apiKeys.create(orgId, { role: 'MEMBER', name: 'reader' })
        expect(key).toMatchObject({ role: 'MEMBER', name: 'reader', key: expect.any(String) })
        const reader = new OrganizationClient({ baseUrl: server.url, apiKey: key.key })
        expect((await reader.oauthClients.list()).map((c) => c.id)).toContain(client.clientId)
        // MEMBER keys read but do not change
        const denied = await reader.oauthClients.rotateSecret(client.clientId).catch((e) => e)
        expect(denied).toBeInstanceOf(PermissionDeniedError)
        expect(denied).toMatchObject({ status: 403, code: 'ForbiddenException' })

        await operator.apiKeys.revoke(orgId, key.id)
        const refused = await reader.oauthClients.list().catch((e) => e)
        expect(refused).toBeInstanceOf(AuthenticationError)
        expect(refused).toMatchObject({ status: 401, code: 'UnauthorizedException' })
      })

      test('rotates the signing key and verifies the audit chains', async () => {
        const rotation = await operator.signingKeys.rotate()
        expect(rotation).toMatchObject({ kid: expect.any(String), alg: 'EdDSA' })
        const verification = await operator.audit.verify()
        expect(verification).toMatchObject({ ok: true, problem: null })
        const page = await operator.audit.list({ types: ['organization.created'], limit: 1 })
        expect(page.events).toHaveLength(1)
        expect(page.events[0]!.type).toBe('organization.created')
      })

      test('a wrong operator key is an AuthenticationError with the request id', async () => {
        const wrong = new OperatorClient({ baseUrl: server.url, operatorKey: 'not-the-key' })
        const err = await wrong.organizations.list().catch((e) => e)
        expect(err).toBeInstanceOf(AuthenticationError)
        expect(err.requestId).toMatch(/^[0-9a-f-]{36}$/)
        expect(String(err.message)).not.toContain('not-the-key')
      })
    })

    describe('OrganizationClient', () => {
      test('creates, reads, updates and deletes an OAuth client', async () => {
        const { clientId, clientSecret } = await org.oauthClients.create({
          name: 'Temp',
          redirectUris: [],
          permissions: ['PROFILE_READ'],
        })
        expect(clientSecret).toMatch(/^tsr_cs_/)
        expect(await org.oauthClients.get(clientId)).toMatchObject({
          id: clientId,
          name: 'Temp',
          permissions: ['PROFILE_READ'],
        })
        expect(await org.oauthClients.update(clientId, { name: 'Renamed' })).toMatchObject({
          name: 'Renamed',
        })
        expect((await org.oauthClients.delete(clientId)).id).toBe(clientId)
        const gone = await org.oauthClients.get(clientId).catch((e) => e)
        expect(gone).toBeInstanceOf(NotFoundError)
        expect(gone).toMatchObject({ status: 404, code: 'NotFoundException' })
      })

      test('rotates a secret: both work during the grace period until the previous is revoked', async () => {
        const { clientId, clientSecret: first } = await org.oauthClients.create({
          name: 'Rotating',
          redirectUris: [],
          permissions: ['*'],
        })
        const rotated = await org.oauthClients.rotateSecret(clientId)
        expect(rotated.clientSecret).not.toBe(first)
        expect(Date.parse(rotated.previousSecretExpiresAt)).toBeGreaterThan(Date.now())
        const withOld = new TesseraClient({ baseUrl: server.url, clientId, clientSecret: first })
        const withNew = new TesseraClient({
          baseUrl: server.url,
          clientId,
          clientSecret: rotated.clientSecret,
        })
        expect(await withOld.users.list()).toEqual([])
        expect(await withNew.users.list()).toEqual([])

        await org.oauthClients.revokePreviousSecret(clientId)
        expect(await withOld.users.list().catch((e) => e)).toBeInstanceOf(AuthenticationError)
        expect(await withNew.users.list()).toEqual([])
      })

      test('manages users and sessions of its clients and reads their audit events', async () => {
        const created = await client.users.create({ email: email(), name: 'Via key' })
        const users = org.users(client.clientId)
        expect((await users.get(created.user.id)).id).toBe(created.user.id)
        const sessions = await org.sessions(client.clientId).list(created.user.id)
        expect(sessions).toHaveLength(1)
        const page = await org.events(client.clientId, { types: ['user.created'] })
        expect(page.events.map((e) => e.userId)).toContain(created.user.id)
      })
    })

    describe('TesseraClient', () => {
      test('creates, lists, finds, gets, updates and deletes managed users', async () => {
        const address = email()
        const created = await client.users.create({
          email: address,
          name: 'Ada',
          timeZone: 'Europe/London',
        })
        expect(created.user).toMatchObject({ name: 'Ada', timeZone: 'Europe/London' })
        expect(created.user.email).toBe(address.replace('@', `+${client.clientId}@`))
        expect(created.accessTokenExpiresAt).toBeGreaterThan(Date.now())

        const found = await client.users.findByEmail(address)
        expect(found?.id).toBe(created.user.id)
        expect(await client.users.findByEmail(email())).toBeNull()
        const listed = await client.users.list({ limit: 250 })
        expect(listed.map((u) => u.id)).toContain(created.user.id)
        const all = []
        for await (const user of client.users.all()) all.push(user.id)
        expect(all).toEqual(listed.map((u) => u.id))

        expect(await client.users.update(created.user.id, { name: 'Ada L.' })).toMatchObject({
          id: created.user.id,
          name: 'Ada L.',
        })
        expect((await client.users.get(created.user.id)).name).toBe('Ada L.')
        expect((await client.users.delete(created.user.id)).id).toBe(created.user.id)
        const gone = await client.users.get(created.user.id).catch((e) => e)
        expect(gone).toBeInstanceOf(NotFoundError)
      })

      test('errors carry the wire code, message, details and request id', async () => {
        const address = email()
        await client.users.create({ email: address, name: 'First' })
        const conflict = await client.users
          .create({ email: address, name: 'Again' })
          .catch((e) => e)
        expect(conflict).toBeInstanceOf(ConflictError)
        expect(conflict).toBeInstanceOf(TesseraApiError)
        expect(conflict).toMatchObject({ status: 409, code: 'ConflictException' })
        expect(conflict.message).toContain('already exists')
        expect(conflict.requestId).toMatch(/^[0-9a-f-]{36}$/)

        const invalid = await client.users
          .create({ email: 'not-an-email', name: 'X' })
          .catch((e) => e)
        expect(invalid).toBeInstanceOf(BadRequestError)
        expect(invalid.code).toBe('BadRequestException')
        expect(invalid.details).toMatchObject({
          errors: [expect.objectContaining({ property: 'email' })],
        })
      })

      test('refreshes: a new pair, the same pair on a repeat, SessionRevokedError on replay', async () => {
        const created = await client.users.create({ email: email(), name: 'Refresher' })
        const first = await client.refresh(created.refreshToken)
        expect(first.duplicate).toBe(false)
        expect(first.tokens.refreshToken).not.toBe(created.refreshToken)

        const repeat = await client.refresh(created.refreshToken)
        expect(repeat).toEqual({ tokens: first.tokens, duplicate: true })

        await client.refresh(first.tokens.refreshToken)
        // the first token is two generations old now: a replay, which ends the session
        const replay = await client.refresh(created.refreshToken).catch((e) => e)
        expect(replay).toBeInstanceOf(SessionRevokedError)
        expect(replay).toMatchObject({ reason: 'replay', userId: created.user.id })
        const sessions = await client.sessions.list(created.user.id)
        expect(sessions[0]).toMatchObject({ revoked: true, revokedReason: 'replay' })

        const garbage = await client.refresh('not-a-token').catch((e) => e)
        expect(garbage).toBeInstanceOf(SessionRevokedError)
        expect(garbage.reason).toBe('refused')
      })

      test('force-refresh issues a new session; sessions can be listed and revoked', async () => {
        const created = await client.users.create({ email: email(), name: 'Sessions' })
        const forced = await client.users.forceRefresh(created.user.id)
        expect(forced.accessToken).not.toBe(created.accessToken)
        let sessions = await client.sessions.list(created.user.id)
        expect(sessions.map((s) => s.revoked)).toEqual([false, true])
        expect(await client.sessions.revoke(created.user.id, sessions[0]!.id)).toBe(1)
        sessions = await client.sessions.list(created.user.id)
        expect(sessions.every((s) => s.revoked)).toBe(true)

        const again = await client.users.forceRefresh(created.user.id)
        expect(await client.sessions.revokeAll(created.user.id)).toBe(1)
        expect(await client.refresh(again.refreshToken).catch((e) => e)).toBeInstanceOf(
          SessionRevokedError,
        )
      })

      test("pages through the client's audit events", async () => {
        const created = await client.users.create({ email: email(), name: 'Audited' })
        await client.users.forceRefresh(created.user.id)
        const types = []
        for await (const event of client.allEvents({ limit: 2 })) {
          if (event.userId === created.user.id) types.push(event.type)
        }
        expect(types).toEqual(expect.arrayContaining(['user.created', 'token.force_refreshed']))
      })
    })
  })
}
