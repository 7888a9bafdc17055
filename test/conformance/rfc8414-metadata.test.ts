import { describe, expect, it } from 'vitest'
import { describeApp, useApp } from '../helpers/fixture.js'
import { introspect } from './oauth.js'
import { ISSUER } from '../helpers/http.js'
import { decodeJwt } from '../helpers/jwt.js'

const METADATA = '/.well-known/oauth-authorization-server'
const JWKS = '/.well-known/jwks.json'
const CLIENT_AUTH = ['client_secret_basic', 'client_secret_post']

describeApp(`RFC 8414 metadata and RFC 7517 JWKS`, (t, backend) => {
  it('RFC 8414 §3.2: the metadata is a JSON object whose issuer is the configured issuer', async () => {
    const res = await t.request({ method: 'GET', url: METADATA })
    expect(res.status).toBe(200)
    expect(String(res.headers['content-type'])).toMatch(/^application\/json/)
    expect(res.body.issuer).toBe(ISSUER)
    expect(res.body.issuer).toBe(t.tessera.ctx.config.issuer)
  })

  it('RFC 8414 §2: the token, revocation, introspection and JWKS endpoints are under the issuer', async () => {
    const { body } = await t.request({ method: 'GET', url: METADATA })
    expect(body).toMatchObject({
      token_endpoint: `${ISSUER}/v2/oauth/token`,
      revocation_endpoint: `${ISSUER}/v2/oauth/revoke`,
      introspection_endpoint: `${ISSUER}/v2/oauth/introspect`,
      jwks_uri: `${ISSUER}/.well-known/jwks.json`,
    })
    // the advertised endpoints are served here: an unauthenticated POST meets the client check
    for (const name of ['token_endpoint', 'revocation_endpoint', 'introspection_endpoint']) {
      const url = (body[name] as string).slice(ISSUER.length)
      const res = await t.request({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'grant_type=refresh_token&refresh_token=x&token=x',
      })
      expect(res.status).toBe(401)
      expect(res.body.error).toBe('invalid_client')
    }
    const jwks = await t.request({
      method: 'GET',
      url: (body.jwks_uri as string).slice(ISSUER.length),
    })
    expect(jwks.status).toBe(200)
    expect(Array.isArray(jwks.body.keys)).toBe(true)
  })

  it('RFC 8414 §2: grant_types_supported includes refresh_token and the client authentication methods are listed', async () => {
    const { body } = await t.request({ method: 'GET', url: METADATA })
    expect(body.grant_types_supported).toContain('refresh_token')
    expect(Array.isArray(body.response_types_supported)).toBe(true)
    for (const field of [
      'token_endpoint_auth_methods_supported',
      'revocation_endpoint_auth_methods_supported',
      'introspection_endpoint_auth_methods_supported',
    ]) {
      expect([...body[field]].sort()).toEqual(CLIENT_AUTH)
    }
    // §2: password grant is forbidden by RFC 9700 §2.4; no unauthenticated clients exist
    expect(body.grant_types_supported).not.toContain('password')
    expect(body.token_endpoint_auth_methods_supported).not.toContain('none')
  })

  it('RFC 7517 §5: the JWKS publishes the public key that signs access tokens, and no private material', async () => {
    const { client, user } = await t.createClientWithUser()
    const res = await t.request({ method: 'GET', url: JWKS })
    expect(res.status).toBe(200)
    expect(String(res.headers['content-type'])).toMatch(/^application\/json/)
    const { header } = decodeJwt(user.accessToken)
    const key = (res.body.keys as Record<string, unknown>[]).find((k) => k.kid === header.kid)
    expect(key).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' })
    expect(header.alg).toBe('EdDSA')
    for (const k of res.body.keys as Record<string, unknown>[]) {
      for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'])
        expect(k).not.toHaveProperty(secret)
    }
    // the refresh-token key is never published
    expect(res.body.keys.map((k: { kid: string }) => k.kid)).not.toContain(
      decodeJwt(user.refreshToken).header.kid,
    )
    expect((await introspect(t, client, user.accessToken)).body.active).toBe(true)
  })

  describe(`RFC 8414 with another issuer and audience`, () => {
    const issuer = 'https://auth.example.com'
    const audience = 'https://api.example.com'

    const t = useApp(backend, {
      env: { TESSERA_ISSUER: issuer, TESSERA_AUDIENCE: audience },
    })

    it('RFC 8414 §3.3: the issuer and endpoints follow TESSERA_ISSUER, and so do the tokens', async () => {
      const { body } = await t.request({ method: 'GET', url: METADATA })
      expect(body.issuer).toBe(issuer)
      expect(body.token_endpoint).toBe(`${issuer}/v2/oauth/token`)
      expect(body.jwks_uri).toBe(`${issuer}/.well-known/jwks.json`)

      const { client, user } = await t.createClientWithUser()
      expect(decodeJwt(user.accessToken).payload).toMatchObject({ iss: issuer, aud: audience })
      expect((await t.me(user.accessToken)).status).toBe(200)
      const res = await introspect(t, client, user.accessToken)
      expect(res.body).toMatchObject({ active: true, iss: issuer, aud: audience })
    })
  })
})
