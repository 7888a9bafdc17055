import { TesseraError } from '../errors.js'

export type InvalidTokenReason =
  'malformed' | 'algorithm' | 'signature' | 'unknown-key' | 'expired' | 'claims' | 'revoked'

/** The token is not acceptable: answer 401 (or 498 when `reason` is `expired`). */
export class InvalidTokenError extends TesseraError {
  override name = 'InvalidTokenError'
  constructor(
    readonly reason: InvalidTokenReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

/**
 * The verifier could not decide: discovery, the key set or introspection did not answer. Not
 * the token's fault: answer 503, not 401.
 */
export class VerifierUnavailableError extends TesseraError {
  override name = 'VerifierUnavailableError'
}

/** The verifier cannot work as configured (e.g. HS256 tokens without introspection). */
export class VerifierConfigurationError extends TesseraError {
  override name = 'VerifierConfigurationError'
}
