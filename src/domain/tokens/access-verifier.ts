import type { Context } from '../../context.js'
import { accessTokenExpired, credentialsInvalid } from '../../errors.js'
import { decodeCompact, verifySignature } from '../keys/jws.js'
import type { KeyRing } from '../keys/key-ring.js'
import type { Metrics } from '../metrics.js'
import { ACCESS_TOKEN_TYP } from './token-format.js'
import type { RevokedFamilies } from './revoked-families.js'

const INVALID_ACCESS_TOKEN = 'Invalid Access Token.'

export interface VerifiedAccessToken {
  readonly familyId: string
  readonly clientId: string
  readonly userId: number
  readonly expiresAt: number
}

interface CheckedSignature extends VerifiedAccessToken {
  readonly kid: string
}

const ALLOWED_ALGS = new Set(['EdDSA', 'ES256', 'HS256'])
/** Tokens whose signature this process has checked; a platform reuses one for up to an hour. */
const VERIFIED_CACHE_SIZE = 10_000

/**
 * Checks an access token on every use, without a database query in the steady state: signature
 * (RFC 8725: the algorithm must be the one its key is for, from an allow-list; `typ` must be
 * `at+jwt`, so a refresh token never passes), issuer, audience, revocation, expiry.
 *
 * What a signature proves never changes, so a token whose signature was checked is remembered
 * (keyed by the exact token string, until it expires) and not checked again; its revocation,
 * expiry and signing key are still checked on every use.
 */
export class AccessTokenVerifier {
  readonly #verified = new Map<string, CheckedSignature>()

  constructor(
    private readonly ctx: Context,
    private readonly keyRing: KeyRing,
    private readonly revoked: RevokedFamilies,
    private readonly metrics: Metrics,
  ) {}

  /** The session of a token whose signature this process has already checked, without parsing it. */
  knownSession(token: string): string | undefined {
    return this.#verified.get(token)?.familyId
  }

  async verify(token: string): Promise<VerifiedAccessToken> {
    const checked = this.#verified.get(token) ?? (await this.#checkSignature(token))
    if (!checked || !this.keyRing.find(checked.kid)) return this.#invalid()
    if (await this.revoked.isRevoked(checked.familyId)) {
      this.metrics.inc('tessera_access_token_checks_total', { outcome: 'revoked' })
      throw credentialsInvalid(INVALID_ACCESS_TOKEN, 'access token of a revoked session')
    }
    if (checked.expiresAt <= this.ctx.clock()) {
      this.#verified.delete(token)
      this.metrics.inc('tessera_access_token_checks_total', { outcome: 'expired' })
      throw accessTokenExpired()
    }
    this.metrics.inc('tessera_access_token_checks_total', { outcome: 'valid' })
    return checked
  }

  async #checkSignature(token: string): Promise<CheckedSignature | null> {
    const jws = decodeCompact(token)
    const kid = jws?.header.kid
    if (!jws || typeof kid !== 'string' || jws.header.typ !== ACCESS_TOKEN_TYP) return null
    const key = this.keyRing.find(kid) ?? (await this.keyRing.findFresh(kid))
    const alg = jws.header.alg
    if (!key || typeof alg !== 'string' || !ALLOWED_ALGS.has(alg) || alg !== key.alg) return null
    if (!verifySignature(key.alg, jws.input, jws.signature, key.verifyKey)) return null
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
      return null
    }
    const checked: CheckedSignature = {
      kid,
      familyId: sid,
      clientId,
      userId: ownerId as number,
      expiresAt: expiresAt as number,
    }
    if (this.#verified.size >= VERIFIED_CACHE_SIZE) {
      this.#verified.delete(this.#verified.keys().next().value as string)
    }
    this.#verified.set(token, checked)
    return checked
  }

  #invalid(): never {
    this.metrics.inc('tessera_access_token_checks_total', { outcome: 'invalid' })
    throw credentialsInvalid(INVALID_ACCESS_TOKEN, 'access token unreadable, forged or unknown key')
  }
}
