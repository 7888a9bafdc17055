import type { Context } from '../../context.js'
import { accessTokenExpired, unauthorized } from '../../errors.js'
import { decodeCompact, verifySignature } from '../keys/jws.js'
import type { KeyRing } from '../keys/key-ring.js'
import type { Metrics } from '../metrics.js'
import { ACCESS_TOKEN_TYP } from './token-format.js'
import type { RevokedFamilies } from './revoked-families.js'

export const INVALID_ACCESS_TOKEN = 'Invalid Access Token.'

export interface VerifiedAccessToken {
  readonly familyId: string
  readonly clientId: string
  readonly userId: number
  readonly expiresAt: number
}

const ALLOWED_ALGS = new Set(['EdDSA', 'ES256', 'HS256'])

/**
 * Checks an access token on every use, without a database query in the steady state: signature
 * (RFC 8725: the algorithm must be the one its key is for, from an allow-list; `typ` must be
 * `at+jwt`, so a refresh token never passes), issuer, audience, revocation, expiry.
 */
export class AccessTokenVerifier {
  constructor(
    private readonly ctx: Context,
    private readonly keyRing: KeyRing,
    private readonly revoked: RevokedFamilies,
    private readonly metrics: Metrics,
  ) {}

  async verify(token: string): Promise<VerifiedAccessToken> {
    const jws = decodeCompact(token)
    const kid = jws?.header.kid
    if (!jws || typeof kid !== 'string' || jws.header.typ !== ACCESS_TOKEN_TYP)
      return this.#invalid()
    const key = this.keyRing.find(kid) ?? (await this.keyRing.findFresh(kid))
    const alg = jws.header.alg
    if (!key || typeof alg !== 'string' || !ALLOWED_ALGS.has(alg) || alg !== key.alg)
      return this.#invalid()
    if (!verifySignature(key.alg, jws.input, jws.signature, key.verifyKey)) return this.#invalid()

    const { type, iss, aud, sid, clientId, ownerId, expiresAt } = jws.payload
    if (
      type !== 'access_token' ||
      iss !== this.ctx.config.issuer ||
      aud !== this.ctx.config.audience ||
      typeof sid !== 'string' ||
      typeof clientId !== 'string' ||
      !Number.isSafeInteger(ownerId) ||
      !Number.isSafeInteger(expiresAt)
    ) {
      return this.#invalid()
    }
    if (await this.revoked.isRevoked(sid)) {
      this.metrics.inc('tessera_access_token_checks_total', { outcome: 'revoked' })
      throw unauthorized(INVALID_ACCESS_TOKEN)
    }
    if ((expiresAt as number) <= this.ctx.clock()) {
      this.metrics.inc('tessera_access_token_checks_total', { outcome: 'expired' })
      throw accessTokenExpired()
    }
    this.metrics.inc('tessera_access_token_checks_total', { outcome: 'valid' })
    return { familyId: sid, clientId, userId: ownerId as number, expiresAt: expiresAt as number }
  }

  #invalid(): never {
    this.metrics.inc('tessera_access_token_checks_total', { outcome: 'invalid' })
    throw unauthorized(INVALID_ACCESS_TOKEN)
  }
}
