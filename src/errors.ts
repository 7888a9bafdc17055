/**
 * The errors a request can end with, in domain terms: a stable `code` (the registry below), the
 * public `message` (Cal.com's text where Cal.com has one) and an internal `detail` for logs and
 * audit only. Domain code throws these and never touches HTTP; `src/http/error-wire.ts` is the one
 * mapping to the wire (Cal.com's envelope, or RFC 6749 bodies on the standard OAuth endpoints),
 * and `docs/errors.md` lists every code (a test keeps it in sync).
 */

/**
 * Every error code. Adding one: add it here with a line saying when it is thrown, then give it
 * its wire form in `src/http/error-wire.ts` (the compiler insists) and run `npm run docs:errors`.
 */
export const ERROR_CODES = {
  bad_request:
    'A request the service refuses as it stands (a bad cursor, a state that forbids it).',
  validation_failed: 'Fields that fail their checks; `details.errors` names each one.',
  malformed_request:
    'A body or request that cannot be read at all (malformed JSON, a wrong Content-Length).',
  refresh_token_invalid:
    'A refresh token that is unknown, malformed, expired, revoked, already used or another client’s.',
  credentials_missing: 'No credential where one is required.',
  credentials_invalid:
    'A credential that does not authenticate (unknown or wrong key, secret or access token, origin not allowed). Counts as a failed attempt for brute-force protection.',
  challenge_required: 'No credential on an endpoint that asks for HTTP Basic (WWW-Authenticate).',
  access_token_expired: 'An access token whose signature is right but whose lifetime has ended.',
  forbidden: 'Authenticated, but not allowed (role, permission, another organization).',
  not_found: 'The resource does not exist, or is not the caller’s to see.',
  route_not_found: 'No route for this method and path.',
  conflict: 'The change conflicts with the current state (a duplicate, a limit).',
  record_exists: 'A managed user with this email already exists for the client.',
  rate_limited: 'Too many requests or failed attempts (Retry-After says when to come back).',
  payload_too_large: 'A request body over 1 MiB.',
  unsupported_media_type: 'A body in a content type the endpoint does not read.',
  uri_too_long: 'A path parameter over the router’s length limit.',
  internal: 'A failure inside the service; the cause is logged with the request id, never sent.',
  service_unavailable:
    'The database is unreachable or too slow right now, or the request missed its deadline (TESSERA_REQUEST_TIMEOUT_MS); safe to retry after Retry-After.',
} as const

export type ErrorCode = keyof typeof ERROR_CODES

/** One failed field check, in the shape of Cal.com's validation `details.errors[]` items. */
export interface FieldProblem {
  property: string
  constraints: Record<string, string>
}

export interface DomainErrorOptions {
  /** Why, for logs and audit only (never on the wire): "refresh refused: family revoked". */
  readonly detail?: string
  /** The failed fields of a `validation_failed`. */
  readonly fields?: readonly FieldProblem[]
  /** Headers the response must carry (Retry-After, RateLimit-*, x-tessera-refresh-reuse…). */
  readonly headers?: Readonly<Record<string, string>>
}

export class DomainError extends Error {
  override name = 'DomainError'
  readonly detail: string | undefined
  readonly fields: readonly FieldProblem[] | undefined
  readonly headers: Readonly<Record<string, string>> | undefined

  constructor(
    readonly code: ErrorCode,
    /** The text the caller sees. */
    message: string,
    options: DomainErrorOptions = {},
  ) {
    super(message)
    this.detail = options.detail
    this.fields = options.fields
    this.headers = options.headers
  }
}

export const badRequest = (message: string, detail?: string) =>
  new DomainError('bad_request', message, { ...(detail ? { detail } : {}) })
export const credentialsMissing = (message: string) =>
  new DomainError('credentials_missing', message)
export const credentialsInvalid = (message: string, detail?: string) =>
  new DomainError('credentials_invalid', message, { ...(detail ? { detail } : {}) })
export const forbidden = (message: string) => new DomainError('forbidden', message)
export const notFound = (message: string) => new DomainError('not_found', message)
export const conflict = (message: string) => new DomainError('conflict', message)
export const accessTokenExpired = () =>
  new DomainError('access_token_expired', 'ACCESS_TOKEN_IS_EXPIRED')

/** Cal.com's OAuthClientGuard message for a client that does not exist (or is not plausible). */
export const CLIENT_NOT_FOUND = 'OAuthClientGuard - OAuth client not found.'

/** Cal.com's message for any refresh token it will not honour. */
export const INVALID_REFRESH_TOKEN = 'Invalid refresh token'

export function validationFailed(problems: readonly FieldProblem[]): DomainError {
  const first = problems[0]
  const message = first
    ? (Object.values(first.constraints)[0] ?? 'Bad Request Exception')
    : 'Bad Request Exception'
  return new DomainError('validation_failed', message, { fields: problems })
}

/** RFC 6749 §5.2 / RFC 7009 / RFC 7662 errors of the standard OAuth endpoints' own parameters. */
export class OAuthError extends Error {
  override name = 'OAuthError'
  constructor(
    readonly status: number,
    readonly error:
      | 'invalid_request'
      | 'invalid_client'
      | 'invalid_grant'
      | 'unauthorized_client'
      | 'unsupported_grant_type'
      | 'invalid_scope'
      | 'unsupported_token_type'
      | 'server_error'
      | 'temporarily_unavailable',
    readonly description: string,
    readonly headers?: Readonly<Record<string, string>>,
  ) {
    super(description)
  }
}
