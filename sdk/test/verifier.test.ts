import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  createVerifier,
  InvalidTokenError,
  OperatorClient,
  OrganizationClient,
  TesseraClient,
  VerifierConfigurationError,
  VerifierUnavailableError,
} from '@tessera/sdk'
import { BACKENDS } from '../../test/helpers/backends.js'
import type { TestClock } from '../../test/helpers/clock.js'
import { FaultProxy } from './support/fault-proxy.js'
import { OPERATOR_KEY, startTessera, type RunningTessera } from './support/server.js'

const HOUR = 3_600_000
const email = () => `v-${randomBytes(4).toString('hex')}@example.com`
const reason = (err: unknown) => (err instanceof InvalidTokenError ? err.reason : String(err))

for (const backend of BACKENDS) {
  describe(`createVerifier against a real Tessera (${backend})`, () => {
    let clock: TestClock
    let server: RunningTessera
    let tessera: TesseraClient
    let credentials: { clientId: string; clientSecret: string }

    beforeAll(async () => {
      server = await startTessera(backend, {
        clock: true,
        env: { TESSERA_RATE_LIMIT_ENABLED: 'false' },
      })
      const { apiKey } = await server.app.createOrganization()
      credentials = await new OrganizationClient({
        baseUrl: server.url,
        apiKey,
      }).oauthClients.create({
        name: 'Resource server',
        redirectUris: [],
        permissions: ['*'],
      })
      clock = server.clock
      tessera = new TesseraClient({ baseUrl: server.url, ...credentials })
    })
    afterAll(() => server.close())
    const user = () => tessera.users.create({ email: email(), name: 'Verified' })

    test('accepts a valid token and returns its typed claims', async () => {
      const verifier = createVerifier({ issuer: server.url })
      const created = await user()
      const claims = await verifier.verify(created.accessToken)
      expect(claims).toMatchObject({
        userId: created.user.id,
        clientId: credentials.clientId,
        sessionId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        tokenId: expect.any(String),
      })
      expect(claims.expiresAt.getTime()).toBe(
        Math.floor(created.accessTokenExpiresAt / 1000) * 1000,
      )
      const [session] = await tessera.sessions.list(created.user.id)
      expect(claims.sessionId).toBe(session!.id)
    })

    test('rejects tampered, expired, wrong-audience and disallowed-algorithm tokens', async () => {
      const verifier = createVerifier({ issuer: server.url })
      const created = await user()
      const [header, payload, signature] = created.accessToken.split('.')
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString())
      const forged = Buffer.from(JSON.stringify({ ...claims, sub: '1', ownerId: 1 })).toString(
        'base64url',
      )
      expect(
        reason(await verifier.verify(`${header}.${forged}.${signature}`).catch((e) => e)),
      ).toBe('signature')
      expect(reason(await verifier.verify('not.a.jwt').catch((e) => e))).toBe('malformed')
      // a refresh token is not an access token
      expect(reason(await verifier.verify(created.refreshToken).catch((e) => e))).toBe('algorithm')

      clock.advance(-2 * HOUR)
      const old = await user()
      clock.set(Date.now())
      expect(reason(await verifier.verify(old.accessToken).catch((e) => e))).toBe('expired')

      const elsewhere = createVerifier({
        issuer: server.url,
        audience: 'https://api.other.example',
      })
      const wrongAudience = await elsewhere.verify(created.accessToken).catch((e) => e)
      expect(reason(wrongAudience)).toBe('claims')
      expect(wrongAudience.message).toContain('aud')

      const es256Only = createVerifier({ issuer: server.url, algorithms: ['ES256'] })
      expect(reason(await es256Only.verify(created.accessToken).catch((e) => e))).toBe('algorithm')
      const otherClient = createVerifier({ issuer: server.url, clientIds: ['another-client'] })
      expect(reason(await otherClient.verify(created.accessToken).catch((e) => e))).toBe('claims')
    })

    test("rejects a token whose issuer is not the verifier's", async () => {
      // metadata that names another issuer but serves the same keys: only `iss` is wrong
      const proxy = await FaultProxy.start(server.url)
      try {
        proxy.inject('GET', '/.well-known/oauth-authorization-server', {
          status: 200,
          body: { issuer: proxy.url, jwks_uri: `${proxy.url}/.well-known/jwks.json` },
        })
        const verifier = createVerifier({ issuer: proxy.url, audience: server.url })
        const err = await verifier.verify((await user()).accessToken).catch((e) => e)
        expect(reason(err)).toBe('claims')
        expect(err.message).toContain('iss')
      } finally {
        await proxy.close()
      }
      const mismatched = createVerifier({ issuer: `${server.url}/elsewhere` })
      expect(await mismatched.verify((await user()).accessToken).catch((e) => e)).toBeInstanceOf(
        VerifierUnavailableError,
      )
    })

    test('keeps working across a signing-key rotation', async () => {
      const verifier = createVerifier({ issuer: server.url })
      const before = await user()
      expect((await verifier.verify(before.accessToken)).userId).toBe(before.user.id)
      const rotation = await new OperatorClient({
        baseUrl: server.url,
        operatorKey: OPERATOR_KEY,
      }).signingKeys.rotate()
      // the new key is published at once and signs from activatesAt; the verifier's cached key
      // set predates it, so the first token it signs makes the verifier fetch the set again
      server.clock.advance(new Date(rotation.activatesAt).getTime() - server.clock() + 1_000)
      const after = await user()
      const kid = JSON.parse(
        Buffer.from(after.accessToken.split('.')[0]!, 'base64url').toString(),
      ).kid
      expect(kid).toBe(rotation.kid)
      expect((await verifier.verify(after.accessToken)).userId).toBe(after.user.id)
      expect((await verifier.verify(before.accessToken)).userId).toBe(before.user.id)
    })

    test('with introspect: true, a force-refreshed session is refused at once', async () => {
      const verifier = createVerifier({ issuer: server.url, introspection: credentials })
      const created = await user()
      expect((await verifier.verify(created.accessToken, { introspect: true })).userId).toBe(
        created.user.id,
      )
      await tessera.users.forceRefresh(created.user.id)

      // the key set alone cannot know: the old token passes until it expires (documented)
      expect((await verifier.verify(created.accessToken)).userId).toBe(created.user.id)
      const refused = await verifier
        .verify(created.accessToken, { introspect: true })
        .catch((e) => e)
      expect(reason(refused)).toBe('revoked')

      const always = createVerifier({
        issuer: server.url,
        introspection: credentials,
        introspect: true,
      })
      expect(reason(await always.verify(created.accessToken).catch((e) => e))).toBe('revoked')
      expect(() => createVerifier({ issuer: server.url, introspect: true })).toThrow(
        VerifierConfigurationError,
      )
    })
  })

  describe(`createVerifier against a Tessera in HS256 mode (${backend})`, () => {
    let server: RunningTessera
    let tessera: TesseraClient
    let credentials: { clientId: string; clientSecret: string }

    beforeAll(async () => {
      server = await startTessera(backend, { env: { TESSERA_SIGNING_ALG: 'HS256' } })
      const { apiKey } = await server.app.createOrganization()
      credentials = await new OrganizationClient({
        baseUrl: server.url,
        apiKey,
      }).oauthClients.create({
        name: 'HS256',
        redirectUris: [],
        permissions: ['*'],
      })
      tessera = new TesseraClient({ baseUrl: server.url, ...credentials })
    })
    afterAll(() => server.close())

    test('says plainly that HS256 tokens need introspection, and verifies them with it', async () => {
      const created = await tessera.users.create({ email: email(), name: 'HS' })
      const err = await createVerifier({ issuer: server.url })
        .verify(created.accessToken)
        .catch((e) => e)
      expect(err).toBeInstanceOf(VerifierConfigurationError)
      expect(err.message).toContain('HS256')
      expect(err.message).toContain('introspection')

      const verifier = createVerifier({ issuer: server.url, introspection: credentials })
      expect(await verifier.verify(created.accessToken)).toMatchObject({
        userId: created.user.id,
        clientId: credentials.clientId,
      })
      await tessera.sessions.revokeAll(created.user.id)
      expect(reason(await verifier.verify(created.accessToken).catch((e) => e))).toBe('revoked')
    })
  })
}
