import {
  createHmac,
  sign as cryptoSign,
  timingSafeEqual,
  verify as cryptoVerify,
  type KeyObject,
} from 'node:crypto'

/**
 * Compact JWS (RFC 7515) over node:crypto, synchronously. jose goes through WebCrypto and the
 * thread pool: a hand-off and a wake-up per token, which cost more CPU than the signature itself
 * on a busy machine (docs/performance.md). jose still generates, imports and exports every key and
 * serves the JWKS, and the test suite verifies our tokens with jose to prove interoperability
 * (docs/adr/0006-jws-on-node-crypto.md).
 */
export type JwsAlg = 'EdDSA' | 'ES256' | 'HS256'

export interface JwsHeader {
  readonly alg: JwsAlg
  readonly typ: string
  readonly kid: string
}

export function b64url(json: unknown): string {
  return Buffer.from(JSON.stringify(json), 'utf8').toString('base64url')
}

/** Signs `header.payload` with HMAC-SHA-256 (refresh tokens), inline. */
export function signCompactHs256(header: JwsHeader, payload: object, key: KeyObject): string {
  const input = `${b64url(header)}.${b64url(payload)}`
  return `${input}.${createHmac('sha256', key).update(input, 'ascii').digest('base64url')}`
}

/** The signature of a JWS input; exposed so an ES256 signature can be stored and reused. */
export function signature(alg: JwsAlg, input: string, key: KeyObject): Buffer {
  const data = Buffer.from(input, 'ascii')
  switch (alg) {
    case 'HS256':
      return createHmac('sha256', key).update(data).digest()
    case 'EdDSA':
      return cryptoSign(null, data, key)
    case 'ES256':
      return cryptoSign('sha256', data, { key, dsaEncoding: 'ieee-p1363' })
  }
}

export function verifySignature(alg: JwsAlg, input: string, sig: Buffer, key: KeyObject): boolean {
  const data = Buffer.from(input, 'ascii')
  switch (alg) {
    case 'HS256': {
      const expected = createHmac('sha256', key).update(data).digest()
      return sig.length === expected.length && timingSafeEqual(sig, expected)
    }
    case 'EdDSA':
      return cryptoVerify(null, data, key, sig)
    case 'ES256':
      return (
        sig.length === 64 && cryptoVerify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, sig)
      )
  }
}

export interface DecodedJws {
  readonly header: Record<string, unknown>
  readonly payload: Record<string, unknown>
  /** `base64url(header).base64url(payload)`, the signed bytes. */
  readonly input: string
  readonly signature: Buffer
}

const SEGMENT = /^[A-Za-z0-9_-]+$/
const MAX_TOKEN_LENGTH = 4096

/** Splits and parses a compact JWS without trusting anything in it; null when malformed. */
export function decodeCompact(token: string): DecodedJws | null {
  if (token.length > MAX_TOKEN_LENGTH) return null
  const first = token.indexOf('.')
  const second = token.indexOf('.', first + 1)
  if (first <= 0 || second <= first + 1 || token.indexOf('.', second + 1) !== -1) return null
  const h = token.slice(0, first)
  const p = token.slice(first + 1, second)
  const s = token.slice(second + 1)
  if (!SEGMENT.test(h) || !SEGMENT.test(p) || !SEGMENT.test(s)) return null
  const header = parseObject(h)
  const payload = parseObject(p)
  if (!header || !payload) return null
  return { header, payload, input: `${h}.${p}`, signature: Buffer.from(s, 'base64url') }
}

function parseObject(segment: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'))
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null
  } catch {
    return null
  }
}
