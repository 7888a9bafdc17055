import {
  createRemoteJWKSet,
  customFetch,
  decodeProtectedHeader,
  errors as jose,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyOptions,
} from 'jose'
import {
  InvalidTokenError,
  VerifierConfigurationError,
  VerifierUnavailableError,
} from './errors.js'
import { discover, type ServerMetadata } from './discovery.js'
import { Introspector, type IntrospectionOptions } from './introspection.js'

export interface VerifierOptions {
  /** Tessera's issuer (`TESSERA_ISSUER`), exactly as in its tokens' `iss`. */
  readonly issuer: string
  /** Expected `aud` (`TESSERA_AUDIENCE`). Default: the issuer, which is Tessera's default. */
  readonly audience?: string | readonly string[]
  /** Accepted signature algorithms. Default `['EdDSA', 'ES256']` (never `none` or HMAC). */
  readonly algorithms?: readonly string[]
  /** Leeway for `exp`, `iat` and `nbf` against clock skew, in seconds. Default 5. */
  readonly clockToleranceSeconds?: number
  /** Only tokens of these OAuth clients. Default: any client of the issuer. */
  readonly clientIds?: readonly string[]
  /**
   * Credentials for RFC 7662 introspection; with them, `verify(token, { introspect: true })`
   * also asks Tessera whether the token's session is still alive.
   */
  readonly introspection?: IntrospectionOptions
  /** Introspect on every verification (needs `introspection`). Default false. */
  readonly introspect?: boolean
  /**
   * After a token signed by a key this verifier has not seen, the key set is fetched again —
   * at most once per this interval (bounding what tokens with made-up key ids can cost).
   * Default 5000 ms.
   */
  readonly unknownKeyRefetchMs?: number
  /** Timeout of discovery, key-set and introspection requests. Default 5000 ms. */
  readonly timeoutMs?: number
  readonly fetch?: typeof fetch
}

/** What a verified Tessera access token says. */
export interface VerifiedAccessToken {
  /** The managed user (`sub`, Cal.com's `ownerId`). */
  readonly userId: number
  /** The OAuth client the token was issued to. */
  readonly clientId: string
  /** The session (token family): what force-refresh and revocation end. */
  readonly sessionId: string
  /** `jti`. */
  readonly tokenId: string
  readonly expiresAt: Date
  readonly issuedAt: Date
  /** Every claim, for anything else. */
  readonly payload: JWTPayload
}

export interface VerifyOptions {
  /** Ask Tessera too (RFC 7662): a revoked session is refused at once. */
  readonly introspect?: boolean
}

export interface Verifier {
  verify(token: string, options?: VerifyOptions): Promise<VerifiedAccessToken>
}

interface Resolved {
  readonly metadata: ServerMetadata
  readonly keys: ReturnType<typeof createRemoteJWKSet>
  readonly introspector: Introspector | null
}

/**
 * Verifies Tessera access tokens in your own services: RFC 8414 discovery, the JWKS through
 * jose (algorithm allow-list, `typ: at+jwt`, issuer, audience, expiry with clock tolerance),
 * typed claims. A key set check alone accepts a revoked session's token until it expires (an
 * hour by default); routes that must see a revocation at once verify with `introspect: true`.
 */
export function createVerifier(options: VerifierOptions): Verifier {
  return new TesseraVerifier(options)
}

class TesseraVerifier implements Verifier {
  readonly #options: VerifierOptions
  readonly #fetch: typeof fetch
  readonly #timeoutMs: number
  /** jose's checks, built once: they are the same for every token. */
  readonly #checks: JWTVerifyOptions
  #resolved: Promise<Resolved> | null = null
  #lastUnknownKeyRefetch = -Infinity

  constructor(options: VerifierOptions) {
    new URL(options.issuer) // a typo fails here, not on the first request
    if (options.introspect && !options.introspection) {
      throw new VerifierConfigurationError('introspect: true needs introspection credentials')
    }
    this.#options = options
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
    this.#timeoutMs = options.timeoutMs ?? 5000
    this.#checks = {
      issuer: options.issuer,
      audience: [...(asList(options.audience) ?? [options.issuer])],
      algorithms: [...(options.algorithms ?? ['EdDSA', 'ES256'])],
      typ: 'at+jwt',
      clockTolerance: options.clockToleranceSeconds ?? 5,
      requiredClaims: ['exp', 'iat', 'sub', 'sid', 'jti'],
    }
  }

  async verify(token: string, options: VerifyOptions = {}): Promise<VerifiedAccessToken> {
    const introspect = options.introspect ?? this.#options.introspect ?? false
    const resolved = await this.#resolve()
    if (introspect && !resolved.introspector) {
      throw new VerifierConfigurationError('introspect: true needs introspection credentials')
    }
    // An issuer without published keys signs with HS256: only then is the header read here
    // (jose reads it again below; parsing it twice on every verification costs ~5%).
    if ((resolved.keys.jwks()?.keys.length ?? 0) === 0) {
      let header
      try {
        header = decodeProtectedHeader(token)
      } catch {
        throw new InvalidTokenError('malformed', 'Not a JWT')
      }
      if (header.alg === 'HS256') {
        if (header.typ !== 'at+jwt') throw new InvalidTokenError('claims', 'Not an access token')
        return this.#verifyHs256(token, resolved)
      }
    }
    const verified = await this.#checkSignatureAndClaims(token, resolved)
    if (introspect) await this.#checkAlive(token, verified, resolved.introspector!)
    return verified
  }

  /** Discovery and the key set, once; a failure is retried by the next verification. */
  #resolve(): Promise<Resolved> {
    this.#resolved ??= (async () => {
      const metadata = await discover(this.#options.issuer, this.#fetch, this.#timeoutMs)
      const keys = createRemoteJWKSet(new URL(metadata.jwks_uri), {
        timeoutDuration: this.#timeoutMs,
        [customFetch]: (url, init) => this.#fetch(url, init),
      })
      // fetched now: whether the issuer publishes keys at all (HS256 mode) decides how to verify
      try {
        await keys.reload()
      } catch (err) {
        throw new VerifierUnavailableError('Fetching the key set failed', { cause: err })
      }
      const credentials = this.#options.introspection
      const introspector =
        credentials && metadata.introspection_endpoint
          ? new Introspector(
              metadata.introspection_endpoint,
              credentials,
              this.#fetch,
              this.#timeoutMs,
            )
          : null
      return { metadata, keys, introspector }
    })()
    this.#resolved.catch(() => {
      this.#resolved = null
    })
    return this.#resolved
  }

  async #checkSignatureAndClaims(token: string, resolved: Resolved): Promise<VerifiedAccessToken> {
    try {
      return await this.#jwtVerify(token, resolved)
    } catch (err) {
      if (!(err instanceof jose.JWKSNoMatchingKey)) throw translate(err)
      // a key this verifier has not seen: the server may have rotated since the last fetch
      const interval = this.#options.unknownKeyRefetchMs ?? 5000
      if (Date.now() - this.#lastUnknownKeyRefetch < interval) throw translate(err)
      this.#lastUnknownKeyRefetch = Date.now()
      try {
        await resolved.keys.reload()
      } catch (reloadErr) {
        throw new VerifierUnavailableError('Fetching the key set failed', { cause: reloadErr })
      }
      try {
        return await this.#jwtVerify(token, resolved)
      } catch (retryErr) {
        throw translate(retryErr)
      }
    }
  }

  async #jwtVerify(token: string, resolved: Resolved): Promise<VerifiedAccessToken> {
    const { payload } = await jwtVerify(token, resolved.keys, this.#checks)
    return this.#claims(payload)
  }

  #claims(payload: JWTPayload): VerifiedAccessToken {
    const clientId = payload.client_id ?? payload.clientId
    const userId = Number(payload.sub)
    if (
      payload.type !== 'access_token' ||
      typeof clientId !== 'string' ||
      !Number.isSafeInteger(userId) ||
      typeof payload.sid !== 'string'
    ) {
      throw new InvalidTokenError('claims', 'Not a Tessera access token')
    }
    const allowed = this.#options.clientIds
    if (allowed && !allowed.includes(clientId)) {
      throw new InvalidTokenError('claims', 'Token of another OAuth client')
    }
    return {
      userId,
      clientId,
      sessionId: payload.sid,
      tokenId: String(payload.jti),
      expiresAt: new Date(payload.exp! * 1000),
      issuedAt: new Date(payload.iat! * 1000),
      payload,
    }
  }

  async #checkAlive(
    token: string,
    verified: VerifiedAccessToken,
    introspector: Introspector,
  ): Promise<void> {
    const result = await introspector.introspect(token, verified.expiresAt.getTime())
    if (!result.active || result.sid !== verified.sessionId) {
      throw new InvalidTokenError('revoked', 'The session of this token has ended')
    }
  }

  /**
   * HS256 tokens are signed with a secret only Tessera holds: no key set can check them, so
   * they can only be verified by asking Tessera.
   */
  async #verifyHs256(token: string, resolved: Resolved): Promise<VerifiedAccessToken> {
    if (!resolved.introspector) {
      throw new VerifierConfigurationError(
        'This Tessera signs access tokens with HS256 (TESSERA_SIGNING_ALG), a secret it does not publish: ' +
          'its tokens cannot be verified with the key set. Configure `introspection` (client id and secret) ' +
          'to verify them by introspection, or switch Tessera to EdDSA or ES256.',
      )
    }
    const result = await resolved.introspector.introspect(token, Number.POSITIVE_INFINITY)
    if (!result.active) throw new InvalidTokenError('revoked', 'Token is not active')
    if (result.exp !== undefined && result.exp * 1000 <= Date.now()) {
      throw new InvalidTokenError('expired', 'Token has expired')
    }
    const payload = decodePayload(token)
    const verified = this.#claims(payload)
    if (payload.iss !== this.#options.issuer) throw new InvalidTokenError('claims', 'Wrong issuer')
    return verified
  }
}

function asList(value: string | readonly string[] | undefined): readonly string[] | undefined {
  return value === undefined ? undefined : typeof value === 'string' ? [value] : value
}

/** Payload of a token Tessera has vouched for by introspection. */
function decodePayload(token: string): JWTPayload {
  const part = token.split('.')[1] ?? ''
  const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'))
  return JSON.parse(json) as JWTPayload
}

/** jose's errors as the verifier's: why the token was refused, never the token itself. */
function translate(err: unknown): Error {
  if (err instanceof InvalidTokenError || err instanceof VerifierUnavailableError) return err
  if (err instanceof jose.JWTExpired) return new InvalidTokenError('expired', 'Token has expired')
  if (err instanceof jose.JWTClaimValidationFailed) {
    return new InvalidTokenError('claims', `Claim check failed: ${err.claim} (${err.reason})`)
  }
  if (err instanceof jose.JOSEAlgNotAllowed) {
    return new InvalidTokenError('algorithm', 'Signature algorithm not allowed')
  }
  if (err instanceof jose.JWSSignatureVerificationFailed) {
    return new InvalidTokenError('signature', 'Signature verification failed')
  }
  if (err instanceof jose.JWKSNoMatchingKey || err instanceof jose.JWKSMultipleMatchingKeys) {
    return new InvalidTokenError('unknown-key', 'Signed by a key the issuer does not publish')
  }
  if (err instanceof jose.JWKSTimeout || err instanceof jose.JWKSInvalid) {
    return new VerifierUnavailableError('Fetching the key set failed', { cause: err })
  }
  if (err instanceof jose.JOSEError) {
    return new InvalidTokenError('malformed', 'Malformed token', { cause: err })
  }
  return new VerifierUnavailableError('Verification failed', { cause: err })
}
