import { generateKeyPairSync } from 'node:crypto'
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose'
import { describe, expect, it } from 'vitest'
import { describeApp, startApp } from '../helpers/fixture.js'
import { type TestApp } from '../helpers/test-app.js'
import { signJwt, tokenGrant, unsignedJwt } from './oauth.js'
import { ISSUER } from '../helpers/http.js'
import { decodeJwt } from '../helpers/jwt.js'

const REUSE = 'x-tessera-refresh-reuse'

/** /v2/me refuses the token as unknown or forged (the contract's 401, not the expiry 498). */
async function expectRefused(t: TestApp, token: string) {
  const res = await t.me(token)
  expect(res.status).toBe(401)
  expect(res.body.status).toBe('error')
  expect(res.body.error.code).toBe('UnauthorizedException')
}

async function fetchJwks(t: TestApp): Promise<JSONWebKeySet> {
  const res = await t.request({ method: 'GET', url: '/.well-known/jwks.json' })
  expect(res.status).toBe(200)
  return res.body as JSONWebKeySet
}

/** What a relying party that knows nothing of Tessera does: JWKS + issuer + audience + typ. */
async function verifyWithJose(t: TestApp, token: string) {
  const jwks = createLocalJWKSet(await fetchJwks(t))
  return jwtVerify(token, jwks, { issuer: ISSUER, audience: ISSUER, typ: 'at+jwt' })
}

describeApp(`RFC 8725 JWT best practice on /v2/me`, (t, backend) => {
  /** Re-signs header and payload with the instance's real access-token key. */
  function resign(header: Record<string, unknown>, payload: Record<string, unknown>) {
    const { alg, privateKey } = t.tessera.keyRing.active
    return signJwt(header, payload, { alg, key: privateKey })
  }

  it('control: a token re-signed with the real key and an extra claim is accepted', async () => {
    const { user } = await t.createClientWithUser()
    const { header, payload } = decodeJwt(user.accessToken)
    const token = resign(header, { ...payload, extra: 'ignored' })
    expect(token).not.toBe(user.accessToken)
    const res = await t.me(token)
    expect(res.status).toBe(200)
    expect(res.body.data.id).toBe(user.user.id)
  })

  it('RFC 8725 §3.1: an alg "none" token is refused with 401', async () => {
    const { user } = await t.createClientWithUser()
    const { header, payload } = decodeJwt(user.accessToken)
    const [, , signature] = user.accessToken.split('.')
    const unsigned = unsignedJwt({ ...header, alg: 'none' }, payload)
    await expectRefused(t, unsigned)
    // with the original signature bytes left in place
    await expectRefused(t, `${unsigned}${signature}`)
    for (const alg of ['None', 'NONE', 'nOnE']) {
      await expectRefused(t, unsignedJwt({ ...header, alg }, payload))
    }
    expect((await t.me(user.accessToken)).status).toBe(200)
  })

  it('RFC 8725 §2.1 / §3.1: a token re-signed with HS256 using the public key bytes (alg confusion) is refused', async () => {
    const { user } = await t.createClientWithUser()
    const { header, payload } = decodeJwt(user.accessToken)
    const active = t.tessera.keyRing.active
    expect(active.alg).toBe('EdDSA')
    const jwk = active.publicJwk as { x: string }
    const publicForms: Buffer[] = [
      Buffer.from(active.verifyKey.export({ type: 'spki', format: 'pem' }) as string),
      active.verifyKey.export({ type: 'spki', format: 'der' }),
      Buffer.from(jwk.x, 'base64url'),
      Buffer.from(JSON.stringify(active.publicJwk)),
    ]
    for (const key of publicForms) {
      await expectRefused(t, signJwt({ ...header, alg: 'HS256' }, payload, { alg: 'HS256', key }))
    }
  })

  it('RFC 8725 §3.1: a header alg other than the key’s own is refused even with a valid signature', async () => {
    const { user } = await t.createClientWithUser()
    const { header, payload } = decodeJwt(user.accessToken)
    // an EdDSA signature by the real key over a header that claims another algorithm
    for (const alg of ['ES256', 'RS256', 'EdDSA ']) {
      await expectRefused(t, resign({ ...header, alg }, payload))
    }
  })

  it('RFC 8725 §3.11: a token whose typ is not at+jwt is refused, even when properly signed', async () => {
    const { user } = await t.createClientWithUser()
    const { header, payload } = decodeJwt(user.accessToken)
    for (const typ of ['JWT', 'rt+jwt', 'application/at+jwt', undefined]) {
      const h = { ...header, typ }
      if (typ === undefined) delete h.typ
      await expectRefused(t, resign(h, payload))
    }
  })

  it('RFC 8725 §3.12: a refresh token presented as an access token is refused with 401', async () => {
    const { client, user } = await t.createClientWithUser()
    await expectRefused(t, user.refreshToken)
    // and a properly signed at+jwt whose payload says refresh_token
    const { header, payload } = decodeJwt(user.accessToken)
    await expectRefused(t, resign(header, { ...payload, type: 'refresh_token' }))
    // presenting it there did not touch the family
    expect((await tokenGrant(t, client, user.refreshToken)).status).toBe(200)
  })

  it('RFC 8725 §3.12: an access-token payload MACed with the refresh-token key is refused (disjoint keys)', async () => {
    const { user } = await t.createClientWithUser()
    const { header, payload } = decodeJwt(user.accessToken)
    const refreshKey = t.tessera.ctx.keys.refreshToken
    const refreshKid = decodeJwt(user.refreshToken).header.kid
    for (const kid of [refreshKid, header.kid]) {
      await expectRefused(
        t,
        signJwt({ alg: 'HS256', typ: 'at+jwt', kid }, payload, { alg: 'HS256', key: refreshKey }),
      )
    }
  })

  it('RFC 8725 §3.12: an access token presented as a refresh token is 400 Invalid refresh token / invalid_grant', async () => {
    const { client, user } = await t.createClientWithUser()
    const calcom = await t.refresh(client, user.accessToken)
    expect(calcom.status).toBe(400)
    expect(calcom.body.error.message).toBe('Invalid refresh token')
    expect(calcom.headers[REUSE]).toBeUndefined()

    const rfc = await tokenGrant(t, client, user.accessToken)
    expect(rfc.status).toBe(400)
    expect(rfc.body.error).toBe('invalid_grant')
    expect(rfc.headers[REUSE]).toBeUndefined()

    // the family is unharmed: its refresh token still rotates, its access token still works
    expect((await t.me(user.accessToken)).status).toBe(200)
    const next = await tokenGrant(t, client, user.refreshToken)
    expect(next.status).toBe(200)
    expect(next.headers[REUSE]).toBeUndefined()
  })

  it('RFC 8725 §3.8: a token with another iss, signed with the real key, is refused', async () => {
    const { user } = await t.createClientWithUser()
    const { header, payload } = decodeJwt(user.accessToken)
    for (const iss of ['https://evil.example', `${ISSUER}/`, undefined]) {
      await expectRefused(t, resign(header, { ...payload, iss }))
    }
  })

  it('RFC 8725 §3.9: a token with another aud, signed with the real key, is refused', async () => {
    const { user } = await t.createClientWithUser()
    const { header, payload } = decodeJwt(user.accessToken)
    for (const aud of ['https://other-api.example', `${ISSUER}/`, undefined]) {
      await expectRefused(t, resign(header, { ...payload, aud }))
    }
  })

  it('RFC 8725 §3.10: an unknown kid, or a key embedded in the header, is not trusted', async () => {
    const { user } = await t.createClientWithUser()
    const { header, payload } = decodeJwt(user.accessToken)
    const attacker = generateKeyPairSync('ed25519')
    const jwk = attacker.publicKey.export({ format: 'jwk' })
    const signer = { alg: 'EdDSA' as const, key: attacker.privateKey }
    await expectRefused(t, signJwt({ ...header, kid: 'attacker' }, payload, signer))
    await expectRefused(t, signJwt({ ...header, kid: 'attacker', jwk }, payload, signer))
    await expectRefused(t, signJwt({ ...header, jwk }, payload, signer))
    await expectRefused(
      t,
      signJwt(
        { ...header, kid: undefined, jku: 'https://evil.example/jwks.json' },
        payload,
        signer,
      ),
    )
  })

  it('RFC 7517 / RFC 9068: a plain jose verifier checks an EdDSA access token against the JWKS, issuer and audience', async () => {
    const { client, user } = await t.createClientWithUser()
    const { payload, protectedHeader } = await verifyWithJose(t, user.accessToken)
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', typ: 'at+jwt' })
    // RFC 9068 §2.2 claims
    expect(payload).toMatchObject({
      iss: ISSUER,
      aud: ISSUER,
      sub: String(user.user.id),
      client_id: client.clientId,
      exp: Math.floor(user.accessTokenExpiresAt / 1000),
    })
    expect(typeof payload.jti).toBe('string')
    expect(typeof payload.iat).toBe('number')

    // a token from the refresh grant verifies too; a refresh token never does
    const next = await tokenGrant(t, client, user.refreshToken)
    await expect(verifyWithJose(t, next.body.access_token)).resolves.toBeDefined()
    await expect(verifyWithJose(t, user.refreshToken)).rejects.toThrow()
    // and jose enforces the audience it is given
    const jwks = createLocalJWKSet(await fetchJwks(t))
    await expect(
      jwtVerify(user.accessToken, jwks, { issuer: ISSUER, audience: 'https://other.example' }),
    ).rejects.toThrow()
  })

  it('RFC 7515 §5.2: a token whose payload was altered after signing is refused', async () => {
    const { user } = await t.createClientWithUser()
    const other = await t.createUser(await t.createClient())
    const [h, , s] = user.accessToken.split('.')
    const { payload } = decodeJwt(user.accessToken)
    const altered = Buffer.from(
      JSON.stringify({ ...payload, ownerId: other.user.id, sub: String(other.user.id) }),
    ).toString('base64url')
    await expectRefused(t, `${h}.${altered}.${s}`)
  })

  describe(`RFC 7517 JWKS interoperability with jose, ES256 and HS256 modes`, () => {
    it('RFC 7518 §3.4 ES256 (TESSERA_SIGNING_ALG=ES256): jose verifies access tokens; a duplicate refresh returns the same token', async () => {
      const t = await startApp(backend, { env: { TESSERA_SIGNING_ALG: 'ES256' } })
      const jwks = await fetchJwks(t)
      expect(jwks.keys).toHaveLength(1)
      expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' })
      expect(jwks.keys[0]).not.toHaveProperty('d')

      const { client, user } = await t.createClientWithUser()
      const { protectedHeader } = await verifyWithJose(t, user.accessToken)
      expect(protectedHeader).toMatchObject({ alg: 'ES256', kid: jwks.keys[0]!.kid })
      expect((await t.me(user.accessToken)).status).toBe(200)

      // ES256 signatures are randomized; the duplicate must still be byte-identical and valid
      const first = await tokenGrant(t, client, user.refreshToken)
      const again = await tokenGrant(t, client, user.refreshToken)
      expect(again.headers[REUSE]).toBe('duplicate')
      expect(again.body.access_token).toBe(first.body.access_token)
      await expect(verifyWithJose(t, first.body.access_token)).resolves.toBeDefined()
      expect((await t.me(first.body.access_token)).status).toBe(200)

      // alg confusion against the P-256 public key
      const { header, payload } = decodeJwt(user.accessToken)
      const pem = Buffer.from(
        t.tessera.keyRing.active.verifyKey.export({ type: 'spki', format: 'pem' }) as string,
      )
      await expectRefused(
        t,
        signJwt({ ...header, alg: 'HS256' }, payload, { alg: 'HS256', key: pem }),
      )
    })

    it('RFC 7517 §5 HS256 (TESSERA_SIGNING_ALG=HS256): the JWKS is empty and tokens still work on /v2/me', async () => {
      const t = await startApp(backend, { env: { TESSERA_SIGNING_ALG: 'HS256' } })
      expect(await fetchJwks(t)).toEqual({ keys: [] })
      const { client, user } = await t.createClientWithUser()
      expect(decodeJwt(user.accessToken).header).toMatchObject({ alg: 'HS256', typ: 'at+jwt' })
      expect((await t.me(user.accessToken)).status).toBe(200)
      const next = await tokenGrant(t, client, user.refreshToken)
      expect(next.status).toBe(200)
      expect((await t.me(next.body.access_token)).status).toBe(200)
      // nothing public to verify with
      await expect(verifyWithJose(t, user.accessToken)).rejects.toThrow()
      // an unsigned variant is still refused
      const { header, payload } = decodeJwt(user.accessToken)
      await expectRefused(t, unsignedJwt({ ...header, alg: 'none' }, payload))
    })
  })
})
