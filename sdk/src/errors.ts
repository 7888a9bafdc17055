/**
 * Every error the SDK throws is a `TesseraError`. Answers from the server become a
 * `TesseraApiError` subclass chosen by status, carrying the wire `code`, `message` and the
 * `requestId` to quote to an operator. No error ever carries a token or a secret.
 */
export class TesseraError extends Error {
  override name = 'TesseraError'
}

export interface ApiErrorInit {
  readonly status: number
  /** The wire code: Cal.com's `error.code` (e.g. `NotFoundException`) or RFC 6749's `error`. */
  readonly code: string
  readonly message: string
  /** `x-request-id` of the answer: what the server logged this request under. */
  readonly requestId: string | null
  readonly details?: unknown
  /** From `Retry-After`, in milliseconds, when the server sent one. */
  readonly retryAfterMs?: number | null
  /** The answer's headers (rate-limit state, `x-tessera-refresh-reuse`…). */
  readonly headers?: Headers | null
}

/** The server answered with an error status. */
export class TesseraApiError extends TesseraError {
  override name = 'TesseraApiError'
  readonly status: number
  readonly code: string
  readonly requestId: string | null
  readonly details: unknown
  readonly retryAfterMs: number | null
  readonly headers: Headers | null

  constructor(init: ApiErrorInit) {
    super(init.message)
    this.status = init.status
    this.code = init.code
    this.requestId = init.requestId
    this.details = init.details
    this.retryAfterMs = init.retryAfterMs ?? null
    this.headers = init.headers ?? null
  }
}

/** 400: the request was malformed or refused as invalid. `details` holds field problems. */
export class BadRequestError extends TesseraApiError {
  override name = 'BadRequestError'
}
/** 401: missing or wrong credentials (secret, API key, operator key, access token). */
export class AuthenticationError extends TesseraApiError {
  override name = 'AuthenticationError'
}
/** 403: authenticated, but not allowed (role, permission, another organization's client). */
export class PermissionDeniedError extends TesseraApiError {
  override name = 'PermissionDeniedError'
}
/** 404: no such resource (or not one this principal may know about). */
export class NotFoundError extends TesseraApiError {
  override name = 'NotFoundError'
}
/** 409: conflicts with existing state (a managed user with that email already exists…). */
export class ConflictError extends TesseraApiError {
  override name = 'ConflictError'
}
/** 429: rate limited; `retryAfterMs` says when to try again. */
export class RateLimitedError extends TesseraApiError {
  override name = 'RateLimitedError'
}
/** 498: the access token has expired (Cal.com's `TokenExpiredException`). */
export class TokenExpiredError extends TesseraApiError {
  override name = 'TokenExpiredError'
}
/** 5xx: the server failed or is unavailable (503 carries `retryAfterMs`). */
export class ServerError extends TesseraApiError {
  override name = 'ServerError'
}

const BY_STATUS: Record<number, new (init: ApiErrorInit) => TesseraApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  429: RateLimitedError,
  498: TokenExpiredError,
}

export function apiError(init: ApiErrorInit): TesseraApiError {
  const Class = BY_STATUS[init.status] ?? (init.status >= 500 ? ServerError : TesseraApiError)
  return new Class(init)
}

/** No answer: the connection failed or was cut before a response arrived. */
export class ConnectionError extends TesseraError {
  override name = 'ConnectionError'
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
  }
}

/** No answer within the configured timeout. */
export class TimeoutError extends ConnectionError {
  override name = 'TimeoutError'
}

/**
 * Tessera refused a refresh: the session is over (revoked, expired, or ended because an older
 * refresh token was replayed — `reason: 'replay'`, a security signal worth logging). The user must
 * get a new session: a force-refresh by the platform backend, or signing in again.
 */
export class SessionRevokedError extends TesseraError {
  override name = 'SessionRevokedError'
  constructor(
    readonly userId: number,
    readonly reason: 'replay' | 'refused',
    readonly requestId: string | null,
  ) {
    super(
      reason === 'replay'
        ? `The session of managed user ${userId} was revoked: an already used refresh token was presented again`
        : `Tessera refused to refresh the session of managed user ${userId} (revoked, expired or unknown)`,
    )
  }
}

/** `getAccessToken` for a user whose tokens the store does not hold. */
export class NoStoredTokensError extends TesseraError {
  override name = 'NoStoredTokensError'
  constructor(readonly userId: number) {
    super(`No tokens stored for managed user ${userId}: create the user or force-refresh first`)
  }
}
