import type { AddressInfo } from 'node:net'
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose'
import { afterEach, expect, it, vi } from 'vitest'
import { describeApp, startApp } from '../../helpers/fixture.js'
import { ISSUER, OPERATOR } from '../../helpers/http.js'
import { decodeJwt } from '../../helpers/jwt.js'
import type { TestApp } from '../../helpers/test-app.js'

/**
 * A service verifying Tessera's access tokens the way most do: jose's `createRemoteJWKSet` with
 * its defaults (key set cached 10 minutes, refetched for an unknown kid at most every 30 s), held
 * across a rotation. jose reads `Date.now()`, so the test moves jose's time (`vi.setSystemTime`)
 * and the app's clock together instead of waiting.
 */
async function outsideVerifier(t: TestApp) {
  await t.app.listen({ host: '127.0.0.1', port: 0 })
  const { port } = t.app.server.address() as AddressInfo
  vi.useFakeTimers({ toFake: ['Date'], now: t.clock() })
  const jwks: JWTVerifyGetKey = createRemoteJWKSet(
    new URL(`http://127.0.0.1:${port}/.well-known/jwks.json`),
  )
  return {
    /** Moves both clocks. */
    advance(ms: number) {
      t.clock.advance(ms)
      vi.setSystemTime(t.clock())
    },
    async verify(token: string) {
      const { protectedHeader } = await jwtVerify(token, jwks, {
        issuer: ISSUER,
        audience: ISSUER,
        typ: 'at+jwt',
      })
      return protectedHeader.kid!
    },
  }
}

const rotate = (t: TestApp) =>
  t.request({ method: 'POST', url: '/v2/admin/signing-keys/rotate', headers: OPERATOR })

afterEach(() => {
  vi.useRealTimers()
})

describeApp('key rotation seen by an outside jose verifier', { clock: true }, (t, backend) => {
  it('never fails a verification: the next key is published first and signs only after the activation delay', async () => {
    const verifier = await outsideVerifier(t)
    const client = await t.createClient()
    const user = await t.createUser(client)
    const before = await verifier.verify(user.accessToken)
    // the verifier's cached key set is 5 minutes old when the operator rotates
    verifier.advance(5 * 60_000)
    const rotation = await rotate(t)
    expect(rotation.status).toBe(200)
    const { kid: after, activatesAt } = rotation.body.data
    expect(Date.parse(activatesAt)).toBe(t.clock() + 900_000)

    // a user refreshing every 15 s from the rotation until 2 minutes past the switch
    const seen: { at: number; kid: string }[] = []
    const failures: string[] = []
    let refreshToken = user.refreshToken
    const end = Date.parse(activatesAt) + 120_000
    while (t.clock() <= end) {
      const res = await t.refresh(client, refreshToken)
      expect(res.status).toBe(200)
      refreshToken = res.body.data.refreshToken
      try {
        seen.push({ at: t.clock(), kid: await verifier.verify(res.body.data.accessToken) })
      } catch (err) {
        failures.push(`${new Date(t.clock()).toISOString()}: ${(err as Error).message}`)
      }
      verifier.advance(15_000)
    }
    expect(failures).toEqual([])
    expect(seen.filter((s) => s.at < Date.parse(activatesAt)).map((s) => s.kid)).toEqual(
      expect.arrayContaining([before]),
    )
    for (const s of seen) expect(s.kid).toBe(s.at < Date.parse(activatesAt) ? before : after)
    expect(seen.at(-1)!.kid).toBe(after)
  })

  it('without the delay (0) the same verifier rejects new tokens: the failure the delay prevents', async () => {
    const app = await startApp(backend, {
      clock: true,
      env: { TESSERA_SIGNING_KEY_ACTIVATION_DELAY_SECONDS: '0' },
    })
    const verifier = await outsideVerifier(app)
    const client = await app.createClient()
    const user = await app.createUser(client)
    await verifier.verify(user.accessToken)
    verifier.advance(5_000)
    const rotation = await rotate(app)
    expect(Date.parse(rotation.body.data.activatesAt)).toBe(app.clock())
    const res = await app.refresh(client, user.refreshToken)
    expect(decodeJwt(res.body.data.accessToken).header.kid).toBe(rotation.body.data.kid)
    await expect(verifier.verify(res.body.data.accessToken)).rejects.toMatchObject({
      code: 'ERR_JWKS_NO_MATCHING_KEY',
    })
  })
})
