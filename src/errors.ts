/**
 * Errors a request can end with. Cal.com-compatible endpoints serialise them in Cal.com's envelope
 * (`{status:"error", timestamp, path, error:{code, message, details}}`); the standard OAuth
 * endpoints use `OAuthError` instead. Domain code throws these; it never touches HTTP objects.
 */
export class ApiError extends Error {
  override name = 'ApiError'
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** Headers the response must carry (Retry-After, WWW-Authenticate…). */
    readonly headers?: Readonly<Record<string, string>>,
  ) {
    super(message)
  }
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  498: 'Token Expired',
}

/** Nest's standard `details` for an exception built from a message, as Cal.com sends it. */
function nestDetails(status: number, message: string) {
  return { message, error: REASONS[status] ?? 'Error', statusCode: status }
}

export const badRequest = (message: string, details?: unknown) =>
  new ApiError(400, 'BadRequestException', message, details ?? nestDetails(400, message))
export const unauthorized = (message: string) =>
  new ApiError(401, 'UnauthorizedException', message, nestDetails(401, message))
export const forbidden = (message: string) =>
  new ApiError(403, 'ForbiddenException', message, nestDetails(403, message))
export const notFound = (message: string) =>
  new ApiError(404, 'NotFoundException', message, nestDetails(404, message))
export const conflict = (message: string) =>
  new ApiError(409, 'ConflictException', message, nestDetails(409, message))
export const accessTokenExpired = () =>
  new ApiError(498, 'TokenExpiredException', 'ACCESS_TOKEN_IS_EXPIRED', 'ACCESS_TOKEN_IS_EXPIRED')

/** Cal.com's OAuthClientGuard message for a client that does not exist (or is not plausible). */
export const CLIENT_NOT_FOUND = 'OAuthClientGuard - OAuth client not found.'

/** Cal.com's message for any refresh token it will not honour. */
export const INVALID_REFRESH_TOKEN = 'Invalid refresh token'
export const invalidRefreshToken = () => badRequest(INVALID_REFRESH_TOKEN)

/** One failed field check, in the shape of Cal.com's validation `details.errors[]` items. */
export interface FieldProblem {
  property: string
  constraints: Record<string, string>
}

export function validationFailed(problems: readonly FieldProblem[]): ApiError {
  const first = problems[0]
  const message = first ? Object.values(first.constraints)[0]! : 'Bad Request Exception'
  return new ApiError(400, 'BadRequestException', message, { errors: problems })
}

/** RFC 6749 §5.2 / RFC 7009 / RFC 7662 errors: `{error, error_description}`. */
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
