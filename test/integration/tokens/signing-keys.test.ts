import { createLocalJWKSet, jwtVerify } from 'jose'
import { describe, expect, it } from 'vitest'
import { expectError } from '../../helpers/expect-error.js'
import { describeApp, useApp } from '../../helpers/fixture.js'
import { ISSUER, OPERATOR } from '../../helpers/http.js'
import { decodeJwt } from '../../helpers/jwt.js'

const header = (jwt: string) => decodeJwt(jwt).header

describeApp('signing keys', { clock: Date.UTC(2026, 1, 1) }, (t, backend) => {
  const jwks = async () => (await t.request({ method: 'GET', url: '/.well-known/jwks.json' })).body

  it('signs access tokens with EdDSA, kid and typ at+jwt, verifiable from the JWKS by plain jose', async () => {
    const client = await t.createClient()
    const created = await t.createUser(client)
    const h = header(created.accessToken)
    expect(h).toEqual({ alg: 'EdDSA', typ: 'at+jwt', kid: t.tessera.keyRing.active.kid })
    const set = createLocalJWKSet(await jwks())
    const { payload } = await jwtVerify(created.accessToken, set, {
      issuer: ISSUER,
      audience: ISSUER,
      typ: 'at+jwt',
      currentDate: new Date(t.clock()),
    })
    expect(payload).toMatchObject({ sub: String(created.user.id), client_id: client.clientId })
  })

  it('rotates without failed requests: the next key is published at once, signs after the activation delay, and old tokens keep working', async () => {
    const client = await t.createClient()
    const users = await Promise.all(Array.from({ length: 5 }, () => t.createUser(client)))
    const before = t.tessera.keyRing.active.kid
    // requests racing the rotation must all succeed
    const traffic = Promise.all(
      users.flatMap((u) => [t.me(u.accessToken), t.refresh(client, u.refreshToken)]),
    )
    const rotation = await t.request({
      method: 'POST',
      url: '/v2/admin/signing-keys/rotate',
      headers: OPERATOR,
    })
    const results = await traffic
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200))
    expect(rotation.status).toBe(200)
    const delayMs = 900_000 // TESSERA_SIGNING_KEY_ACTIVATION_DELAY_SECONDS' default
    expect(rotation.body.data).toEqual({
      kid: expect.any(String),
      alg: 'EdDSA',
      previousKid: before,
      activatesAt: new Date(t.clock() + delayMs).toISOString(),
    })
    const after = rotation.body.data.kid
    expect(after).not.toBe(before)

    // published at once, still not signing
    expect((await jwks()).keys.map((k: { kid: string }) => k.kid)).toEqual([after, before])
    expect(header((await t.createUser(client)).accessToken).kid).toBe(before)
    t.clock.advance(delayMs - 1)
    expect(header((await t.createUser(client)).accessToken).kid).toBe(before)
    // a second rotation while one is pending is refused, naming the pending key
    expectError(
      await t.request({ method: 'POST', url: '/v2/admin/signing-keys/rotate', headers: OPERATOR }),
      409,
      'ConflictException',
      `A rotation is pending: key ${after} starts signing at ${rotation.body.data.activatesAt}. Rotate again after that.`,
    )
    t.clock.advance(1)

    for (const u of users) expect((await t.me(u.accessToken)).status).toBe(200)
    const fresh = await t.createUser(client)
    expect(header(fresh.accessToken).kid).toBe(after)
    expect((await jwks()).keys.map((k: { kid: string }) => k.kid)).toEqual([after, before])

    // once the last token the old key signed (just before the switch) has expired, it leaves
    t.clock.advance((3600 + 30) * 1000 + 5 * 60_000 + 1)
    expect((await jwks()).keys.map((k: { kid: string }) => k.kid)).toEqual([after])
    expect(await t.tessera.keyRing.pruneExpired()).toBe(1)
    const audit = await t.tessera.ctx.database.db
      .selectFrom('audit_events')
      .select(['type', 'actor', 'data'])
      .where('type', '=', 'signing_key.rotated')
      .where('actor', '=', 'operator')
      .execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]!.data).toMatchObject({
      kid: after,
      previousKid: before,
      activatesAt: rotation.body.data.activatesAt,
    })
  })

  it('encrypts private keys at rest: no private JWK component is stored in clear', async () => {
    const rows = await t.tessera.ctx.database.db
      .selectFrom('signing_keys')
      .select(['public_jwk', 'private_key'])
      .execute()
    for (const row of rows) {
      expect(row.public_jwk).not.toHaveProperty('d')
      expect(Buffer.from(row.private_key).toString('latin1')).not.toMatch(/"d"\s*:/)
    }
  })

  for (const alg of ['ES256', 'HS256'] as const) {
    describe(`${alg} mode`, () => {
      const t = useApp(backend, { env: { TESSERA_SIGNING_ALG: alg } })

      it(`signs with ${alg} and returns byte-identical duplicates of the successor pair`, async () => {
        const client = await t.createClient()
        const created = await t.createUser(client)
        expect(header(created.accessToken)).toMatchObject({ alg, typ: 'at+jwt' })
        const results = await Promise.all(
          Array.from({ length: 8 }, () => t.refresh(client, created.refreshToken)),
        )
        expect(results.map((r) => r.status)).toEqual(Array(8).fill(200))
        expect(new Set(results.map((r) => r.body.data.accessToken)).size).toBe(1)
        expect((await t.me(results[0]!.body.data.accessToken)).status).toBe(200)
        const keys = (await t.request({ method: 'GET', url: '/.well-known/jwks.json' })).body.keys
        if (alg === 'HS256') expect(keys).toEqual([])
        else
          expect(keys).toEqual([
            expect.objectContaining({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' }),
          ])
      })
    })
  }
})
