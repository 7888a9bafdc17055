import type { ErrorCode, OAuthError } from '../errors.js'

/** Basic challenge of the RFC endpoints' client authentication (RFC 6749 §5.2 invalid_client). */
export const WWW_AUTHENTICATE_BASIC = {
  'www-authenticate': 'Basic realm="tessera", charset="UTF-8"',
}

/**
 * What `error.details` holds in Cal.com's envelope: Nest's standard object built from the message
 * (`{message, error, statusCode}`), nothing, the failed fields (`{errors}`), or the message itself.
 */
export type DetailsForm = 'nest' | 'none' | 'fields' | 'message'

/** How an error code reads on the RFC endpoints; `description` replaces the message when set. */
export interface OAuthForm {
  readonly status: number
  readonly error: OAuthError['error']
  readonly description?: string
  /** Replace the error's own headers (a challenge instead of rate-limit headers). */
  readonly headers?: Readonly<Record<string, string>>
}

export interface WireForm {
  readonly status: number
  /** `error.code` of Cal.com's envelope. */
  readonly calcom: string
  readonly details: DetailsForm
  /** On /v2/oauth/token, /revoke and /introspect. */
  readonly oauth: OAuthForm
}

const INVALID_REQUEST: OAuthForm = { status: 400, error: 'invalid_request' }

/** A wire form; on the RFC endpoints a plain 400 invalid_request unless `oauth` says otherwise. */
const form = (
  status: number,
  calcom: string,
  details: DetailsForm,
  oauth: OAuthForm = INVALID_REQUEST,
): WireForm => ({ status, calcom, details, oauth })

/**
 * The registry of wire forms, one per error code: the only place that decides statuses, Cal.com
 * codes and RFC 6749 errors. `docs/errors.md` is rendered from it (`npm run docs:errors`).
 */
export const WIRE: Readonly<Record<ErrorCode, WireForm>> = {
  bad_request: form(400, 'BadRequestException', 'nest'),
  validation_failed: form(400, 'BadRequestException', 'fields'),
  malformed_request: form(400, 'BadRequestException', 'none'),
  refresh_token_invalid: form(400, 'BadRequestException', 'nest', {
    status: 400,
    error: 'invalid_grant',
    description: 'The refresh token is invalid, expired or revoked',
  }),
  credentials_missing: form(401, 'UnauthorizedException', 'nest'),
  credentials_invalid: form(401, 'UnauthorizedException', 'nest', {
    status: 401,
    error: 'invalid_client',
    description: 'Client authentication failed',
    headers: WWW_AUTHENTICATE_BASIC,
  }),
  challenge_required: form(401, 'UnauthorizedException', 'none'),
  access_token_expired: form(498, 'TokenExpiredException', 'message'),
  forbidden: form(403, 'ForbiddenException', 'nest'),
  not_found: form(404, 'NotFoundException', 'nest'),
  route_not_found: form(404, 'NotFoundException', 'nest'),
  conflict: form(409, 'ConflictException', 'nest'),
  // Cal.com answers a duplicate managed user with Prisma's error, not a Nest exception
  record_exists: form(409, 'CONFLICT', 'none'),
  rate_limited: form(429, 'ThrottlerException', 'none', {
    status: 429,
    error: 'temporarily_unavailable',
  }),
  payload_too_large: form(413, 'PayloadTooLargeException', 'none', {
    status: 413,
    error: 'invalid_request',
  }),
  unsupported_media_type: form(415, 'UnsupportedMediaTypeException', 'none', {
    status: 415,
    error: 'invalid_request',
    description: 'Send the body as application/x-www-form-urlencoded or application/json',
  }),
  uri_too_long: form(414, 'URITooLongException', 'none'),
  internal: form(500, 'InternalServerErrorException', 'none', {
    status: 500,
    error: 'server_error',
    description: 'Internal server error',
  }),
  service_unavailable: form(503, 'ServiceUnavailableException', 'nest', {
    status: 503,
    error: 'temporarily_unavailable',
  }),
}
