import { randomBytes } from 'node:crypto'
import * as oauth from 'oauth4webapi'
import * as openid from 'openid-client'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { BACKENDS } from '../helpers/backends.js'
import { freePort } from '../helpers/server-process.js'
import { TestApp } from '../helpers/test-app.js'

/**
 * The two OAuth libraries most TypeScript users reach for, called as their documentation shows,
 * with their default discovery (OpenID Connect's well-known path): discovery, refresh,
 * introspection and revocation (docs/adr/0010-discovery-for-oauth-libraries.md). The only
 * non-default option is allowing plain http, which both refuse outside tests.
 */
for (const backend of BACKENDS) {
  describe(`openid-client and oauth4webapi against Tessera (${backend})`, () => {
    let t: TestApp
    let issuer: string
    let client: { clientId: string; clientSecret: string }

    beforeAll(async () => {
      const port = await freePort()
      issuer = `http://127.0.0.1:${port}`
      t = await new TestApp(backend, { env: { TESSERA_ISSUER: issuer } }).start()
      await t.app.listen({ host: '127.0.0.1', port })
      client = await t.createClient()
    })
    afterAll(() => t.close())

    const user = () =>
      t.createUser(client, { email: `lib-${randomBytes(4).toString('hex')}@example.com` })

    test('openid-client: discovery, refresh, introspection, revocation', async () => {
      const config = await openid.discovery(
        new URL(issuer),
        client.clientId,
        client.clientSecret,
        undefined,
        { execute: [openid.allowInsecureRequests] },
      )
      expect(config.serverMetadata()).toMatchObject({
        issuer,
        token_endpoint: `${issuer}/v2/oauth/token`,
        introspection_endpoint: `${issuer}/v2/oauth/introspect`,
      })

      const created = await user()
      const refreshed = await openid.refreshTokenGrant(config, created.refreshToken)
      expect(refreshed).toMatchObject({ token_type: 'bearer', expires_in: 3600 })
      expect(refreshed.refresh_token).not.toBe(created.refreshToken)
      expect((await t.me(refreshed.access_token)).status).toBe(200)

      const active = await openid.tokenIntrospection(config, refreshed.access_token)
      expect(active).toMatchObject({
        active: true,
        client_id: client.clientId,
        sub: String(created.user.id),
        token_type: 'Bearer',
      })

      await openid.tokenRevocation(config, refreshed.refresh_token!)
      expect((await openid.tokenIntrospection(config, refreshed.access_token)).active).toBe(false)
      expect((await t.me(refreshed.access_token)).status).toBe(401)
    })

    test('oauth4webapi: discovery, refresh, introspection, revocation', async () => {
      const options = { [oauth.allowInsecureRequests]: true }
      const issuerUrl = new URL(issuer)
      const as = await oauth.processDiscoveryResponse(
        issuerUrl,
        await oauth.discoveryRequest(issuerUrl, options),
      )
      expect(as.jwks_uri).toBe(`${issuer}/.well-known/jwks.json`)
      const oauthClient: oauth.Client = { client_id: client.clientId }
      const auth = oauth.ClientSecretBasic(client.clientSecret)

      const created = await user()
      const refreshed = await oauth.processRefreshTokenResponse(
        as,
        oauthClient,
        await oauth.refreshTokenGrantRequest(as, oauthClient, auth, created.refreshToken, options),
      )
      expect(refreshed.token_type).toBe('bearer')
      expect((await t.me(refreshed.access_token)).status).toBe(200)

      const introspected = await oauth.processIntrospectionResponse(
        as,
        oauthClient,
        await oauth.introspectionRequest(as, oauthClient, auth, refreshed.access_token, options),
      )
      expect(introspected).toMatchObject({ active: true, client_id: client.clientId })

      await oauth.processRevocationResponse(
        await oauth.revocationRequest(as, oauthClient, auth, refreshed.access_token, options),
      )
      expect((await t.me(refreshed.access_token)).status).toBe(401)
      const afterRevocation = await oauth.processIntrospectionResponse(
        as,
        oauthClient,
        await oauth.introspectionRequest(as, oauthClient, auth, refreshed.access_token, options),
      )
      expect(afterRevocation.active).toBe(false)
    })

    test('RFC 8414 discovery works too, and both paths serve one document', async () => {
      const config = await openid.discovery(
        new URL(issuer),
        client.clientId,
        client.clientSecret,
        undefined,
        { execute: [openid.allowInsecureRequests], algorithm: 'oauth2' },
      )
      const oidc = await t.request({ method: 'GET', url: '/.well-known/openid-configuration' })
      const rfc8414 = await t.request({
        method: 'GET',
        url: '/.well-known/oauth-authorization-server',
      })
      expect(oidc.status).toBe(200)
      expect(oidc.body).toEqual(rfc8414.body)
      expect(config.serverMetadata().issuer).toBe(issuer)
      // nothing OpenID-specific is claimed
      expect(oidc.body).not.toHaveProperty('userinfo_endpoint')
      expect(oidc.body).not.toHaveProperty('id_token_signing_alg_values_supported')
    })
  })
}
