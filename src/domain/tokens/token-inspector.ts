import type { Context } from '../../context.js'
import { decodeCompact, verifySignature } from '../keys/jws.js'
import type { KeyRing } from '../keys/key-ring.js'
import { findFamily } from './family.repository.js'
import { ACCESS_TOKEN_TYP, readRefreshToken } from './token-format.js'

/** What introspection and revocation learn about a presented token that is one of ours. */
export interface TokenInspection {
  readonly tokenType: 'access_token' | 'refresh_token'
  readonly familyId: string
  readonly clientId: string
  readonly userId: number
  /** Valid right now: signature, expiry, session not revoked, and for refresh tokens the current generation. */
  readonly active: boolean
  readonly expiresAt: number
  readonly issuedAt: number
  readonly jti: string
}

/**
 * Reads any token Tessera issued, checking it against the database (these endpoints are not hot
 * paths, so they see the authoritative state, not caches). Null for anything that is not ours.
 */
export class TokenInspector {
  constructor(
    private readonly ctx: Context,
    private readonly keyRing: KeyRing,
  ) {}

  async inspect(token: string, hint?: string): Promise<TokenInspection | null> {
    const order =
      hint === 'refresh_token' ? [this.#refresh, this.#access] : [this.#access, this.#refresh]
    for (const read of order) {
      const found = await read.call(this, token)
      if (found) return found
    }
    return null
  }

  async #access(token: string): Promise<TokenInspection | null> {
    const jws = decodeCompact(token)
    if (!jws || jws.header.typ !== ACCESS_TOKEN_TYP || typeof jws.header.kid !== 'string')
      return null
    const key = await this.keyRing.findFresh(jws.header.kid)
    if (!key || jws.header.alg !== key.alg) return null
    if (!verifySignature(key.alg, jws.input, jws.signature, key.verifyKey)) return null
    const { type, sid, clientId, ownerId, expiresAt, iat, jti, iss, aud } = jws.payload
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
    const family = await findFamily(this.ctx.database.sql, sid)
    const active =
      family !== null && family.revoked_at === null && (expiresAt as number) > this.ctx.clock()
    return {
      tokenType: 'access_token',
      familyId: sid,
      clientId,
      userId: ownerId as number,
      active,
      expiresAt: expiresAt as number,
      issuedAt: Number(iat),
      jti: String(jti),
    }
  }

  async #refresh(token: string): Promise<TokenInspection | null> {
    const presented = readRefreshToken(this.ctx.keys.refreshToken, token)
    if (!presented) return null
    const family = await findFamily(this.ctx.database.sql, presented.familyId)
    const now = this.ctx.clock()
    const active =
      family !== null &&
      family.revoked_at === null &&
      family.generation === presented.generation &&
      family.refresh_expires_at.getTime() > now &&
      presented.expiresAt > now
    const payload = decodeCompact(token)!.payload
    return {
      tokenType: 'refresh_token',
      familyId: presented.familyId,
      clientId: presented.clientId,
      userId: presented.userId,
      active,
      expiresAt: presented.expiresAt,
      issuedAt: Number(payload.iat),
      jti: String(payload.jti),
    }
  }
}
