import { createHmac, hash, timingSafeEqual, type KeyObject } from 'node:crypto'
import { b64url, decodeCompact, signature, signCompactHs256, type JwsAlg } from '../keys/jws.js'

/**
 * The two JWTs Tessera issues. Both carry Cal.com's payload (`type`, `clientId`, `ownerId`,
 * `expiresAt` in ms, `iat` in s, `jti`) plus standard claims. Every claim of a pair is a function
 * of the family row (id, generation, rotation instant, expiries, key id), so the same pair can be
 * rebuilt byte for byte when a refresh is retried (see docs/adr/0003-token-families.md).
 */

/** Access tokens: signed with the instance signing key (EdDSA, ES256 or HS256), verifiable via JWKS. */
export const ACCESS_TOKEN_TYP = 'at+jwt'
/** Refresh tokens: HS256 under a master-derived key that is never published; only Tessera reads them. */
const REFRESH_TOKEN_TYP = 'rt+jwt'
const REFRESH_TOKEN_KID = 'rt-1'

export interface TokenPair {
  readonly accessToken: string
  readonly refreshToken: string
  readonly accessTokenExpiresAt: number
  readonly refreshTokenExpiresAt: number
}

/** One generation of a family: what a pair is computed from. */
export interface Generation {
  readonly familyId: string
  readonly generation: number
  readonly clientId: string
  readonly userId: number
  /** Issue instant of this generation, epoch ms. */
  readonly issuedAt: number
  readonly accessExpiresAt: number
  readonly refreshExpiresAt: number
}

export interface AccessSigner {
  readonly kid: string
  readonly alg: JwsAlg
  readonly privateKey: KeyObject
}

export interface TokenContext {
  readonly issuer: string
  readonly audience: string
  /** Master-derived HMAC key of refresh tokens. */
  readonly refreshKey: KeyObject
}

/**
 * Stable UUID-shaped ids (RFC 9562 version 8: custom) for the two tokens of a generation, from one
 * SHA-256: the first half names the access token, the second the refresh token. Not secret (the
 * session and generation are in the tokens anyway), only unique and stable.
 */
function tokenIds(familyId: string, generation: number) {
  const h = hash('sha256', `jti:${familyId}:${generation}`, 'buffer')
  return { access: asUuid(h.subarray(0, 16)), refresh: asUuid(h.subarray(16, 32)) }
}

function asUuid(bytes: Buffer): string {
  bytes[6] = (bytes[6]! & 0x0f) | 0x80
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  const x = bytes.toString('hex')
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`
}

function accessPayload(ctx: TokenContext, g: Generation, jti: string) {
  return {
    type: 'access_token',
    clientId: g.clientId,
    ownerId: g.userId,
    expiresAt: g.accessExpiresAt,
    iat: Math.floor(g.issuedAt / 1000),
    jti,
    iss: ctx.issuer,
    aud: ctx.audience,
    sub: String(g.userId),
    client_id: g.clientId,
    // never later than expiresAt: a verifier with second resolution must not accept a stale token
    exp: Math.floor(g.accessExpiresAt / 1000),
    sid: g.familyId,
  }
}

/**
 * Builds the access token. `storedSignature` (ES256 only, whose signatures are randomized) makes
 * a rebuilt token identical to the one first handed out.
 */
function buildAccessToken(
  ctx: TokenContext,
  g: Generation,
  jti: string,
  signer: AccessSigner,
  storedSignature?: Uint8Array | null,
): { token: string; signature: Buffer } {
  const header = { alg: signer.alg, typ: ACCESS_TOKEN_TYP, kid: signer.kid }
  const input = `${b64url(header)}.${b64url(accessPayload(ctx, g, jti))}`
  const sig = storedSignature
    ? Buffer.from(storedSignature)
    : signature(signer.alg, input, signer.privateKey)
  return { token: `${input}.${sig.toString('base64url')}`, signature: sig }
}

function buildRefreshToken(ctx: TokenContext, g: Generation, jti: string): string {
  const header = { alg: 'HS256', typ: REFRESH_TOKEN_TYP, kid: REFRESH_TOKEN_KID } as const
  const payload = {
    type: 'refresh_token',
    clientId: g.clientId,
    ownerId: g.userId,
    expiresAt: g.refreshExpiresAt,
    iat: Math.floor(g.issuedAt / 1000),
    jti,
    sid: g.familyId,
    gen: g.generation,
  }
  return signCompactHs256(header, payload, ctx.refreshKey)
}

export function buildPair(
  ctx: TokenContext,
  g: Generation,
  signer: AccessSigner,
  storedSignature?: Uint8Array | null,
): { pair: TokenPair; accessSignature: Buffer } {
  const ids = tokenIds(g.familyId, g.generation)
  const access = buildAccessToken(ctx, g, ids.access, signer, storedSignature)
  return {
    pair: {
      accessToken: access.token,
      refreshToken: buildRefreshToken(ctx, g, ids.refresh),
      accessTokenExpiresAt: g.accessExpiresAt,
      refreshTokenExpiresAt: g.refreshExpiresAt,
    },
    accessSignature: access.signature,
  }
}

/** What a refresh token claims; trustworthy only because its MAC verified. */
export interface PresentedRefreshToken {
  readonly familyId: string
  readonly generation: number
  readonly clientId: string
  readonly userId: number
  readonly expiresAt: number
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/**
 * Verifies a refresh token's MAC and shape (RFC 8725 §3.12: refresh and access tokens have
 * disjoint `typ`, `type` and keys, so neither passes for the other). Null when it is not one of ours.
 */
export function readRefreshToken(
  refreshKey: KeyObject,
  token: string,
): PresentedRefreshToken | null {
  const jws = decodeCompact(token)
  if (!jws) return null
  const { header, payload } = jws
  if (
    header.alg !== 'HS256' ||
    header.typ !== REFRESH_TOKEN_TYP ||
    header.kid !== REFRESH_TOKEN_KID
  ) {
    return null
  }
  const expected = createHmac('sha256', refreshKey).update(jws.input, 'ascii').digest()
  if (jws.signature.length !== expected.length || !timingSafeEqual(jws.signature, expected)) {
    return null
  }
  const { type, sid, gen, clientId, ownerId, expiresAt } = payload
  if (
    type !== 'refresh_token' ||
    typeof sid !== 'string' ||
    !UUID.test(sid) ||
    !Number.isSafeInteger(gen) ||
    (gen as number) < 0 ||
    typeof clientId !== 'string' ||
    !Number.isSafeInteger(ownerId) ||
    !Number.isSafeInteger(expiresAt)
  ) {
    return null
  }
  return {
    familyId: sid,
    generation: gen as number,
    clientId,
    userId: ownerId as number,
    expiresAt: expiresAt as number,
  }
}
