import {
  createPrivateKey,
  createPublicKey,
  createSecretKey,
  randomBytes,
  type KeyObject,
} from 'node:crypto'
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose'
import { open, seal } from '../../crypto/sealed-box.js'
import type { JwsAlg } from './jws.js'

/** A signing key ready for use: node:crypto key objects for the hot path, a JWK for the JWKS. */
export interface SigningKey {
  readonly kid: string
  readonly alg: JwsAlg
  readonly privateKey: KeyObject
  /** For HS256 the same secret as `privateKey`. */
  readonly verifyKey: KeyObject
  /** Published in the JWKS; null for HS256, whose key is secret. */
  readonly publicJwk: JWK | null
  /** When it stops (or stopped) signing: in the future while a rotation is pending. */
  readonly retiredAt: number | null
  /** After this instant no unexpired token can carry this key's signature. */
  readonly verifyUntil: number | null
}

/** Signatures of EdDSA and HMAC are deterministic; ES256's are not (see token-families). */
export const isDeterministic = (alg: JwsAlg) => alg !== 'ES256'

export interface NewKeyMaterial {
  readonly kid: string
  readonly alg: JwsAlg
  readonly publicJwk: JWK | null
  /** The private key as a JWK, sealed under the master-derived key encryption key. */
  readonly sealedPrivateKey: Buffer
}

export async function generateSigningKey(
  alg: JwsAlg,
  keyEncryptionKey: Buffer,
): Promise<NewKeyMaterial> {
  if (alg === 'HS256') {
    const kid = `hs-${randomBytes(12).toString('base64url')}`
    const jwk: JWK = { kty: 'oct', k: randomBytes(32).toString('base64url'), alg, kid }
    return { kid, alg, publicJwk: null, sealedPrivateKey: sealJwk(jwk, kid, keyEncryptionKey) }
  }
  const pair =
    alg === 'EdDSA'
      ? await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true })
      : await generateKeyPair('ES256', { extractable: true })
  const publicJwk = await exportJWK(pair.publicKey)
  const kid = await calculateJwkThumbprint(publicJwk)
  const privateJwk = await exportJWK(pair.privateKey)
  return {
    kid,
    alg,
    publicJwk: { ...publicJwk, kid, alg, use: 'sig' },
    sealedPrivateKey: sealJwk({ ...privateJwk, kid, alg }, kid, keyEncryptionKey),
  }
}

export interface StoredKeyRow {
  kid: string
  alg: string
  public_jwk: Record<string, unknown> | null
  private_key: Uint8Array
  retired_at: Date | null
  verify_until: Date | null
}

export function loadSigningKey(row: StoredKeyRow, keyEncryptionKey: Buffer): SigningKey {
  const alg = row.alg as JwsAlg
  const jwk = JSON.parse(open(keyEncryptionKey, row.private_key, row.kid).toString('utf8')) as JWK
  let privateKey: KeyObject
  let verifyKey: KeyObject
  if (alg === 'HS256') {
    privateKey = createSecretKey(Buffer.from(jwk.k!, 'base64url'))
    verifyKey = privateKey
  } else {
    privateKey = createPrivateKey({ key: jwk as never, format: 'jwk' })
    verifyKey = createPublicKey(privateKey)
  }
  return {
    kid: row.kid,
    alg,
    privateKey,
    verifyKey,
    publicJwk: (row.public_jwk as JWK | null) ?? null,
    retiredAt: row.retired_at?.getTime() ?? null,
    verifyUntil: row.verify_until?.getTime() ?? null,
  }
}

function sealJwk(jwk: JWK, kid: string, keyEncryptionKey: Buffer): Buffer {
  return seal(keyEncryptionKey, Buffer.from(JSON.stringify(jwk), 'utf8'), kid)
}
