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

/**
 * The registry of wire forms, one per error code: the only place that decides statuses, Cal.com
 * codes and RFC 6749 errors. `docs/errors.md` is rendered from it (`npm run docs:errors`).
 */
export const WIRE: Readonly<Record<ErrorCode, WireForm>> = {
  bad_request: {
    status: 400,
    calcom: 'BadRequestException',
    details: 'nest',
    oauth: INVALID_REQUEST,
  },
  validation_failed: {
    status: 400,
    calcom: 'BadRequestException',
    details: 'fields',
    oauth: INVALID_REQUEST,
  },
  malformed_request: {
    status: 400,
    calcom: 'BadRequestException',
    details: 'none',
    oauth: INVALID_REQUEST,
  },
  refresh_token_invalid: {
    status: 400,
    calcom: 'BadRequestException',
    details: 'nest',
    oauth: {
      status: 400,
      error: 'invalid_grant',
      description: 'The refresh token is invalid, expired or revoked',
    },
  },
  credentials_missing: {
    status: 401,
    calcom: 'UnauthorizedException',
    details: 'nest',
    oauth: INVALID_REQUEST,
  },
  credentials_invalid: {
    status: 401,
    calcom: 'UnauthorizedException',
    details: 'nest',
    oauth: {
      status: 401,
      error: 'invalid_client',
      description: 'Client authentication failed',
      headers: WWW_AUTHENTICATE_BASIC,
    },
  },
  challenge_required: {
    status: 401,
    calcom: 'UnauthorizedException',
    details: 'none',
    oauth: INVALID_REQUEST,
  },
  access_token_expired: {
    status: 498,
    calcom: 'TokenExpiredException',
    details: 'message',
    oauth: INVALID_REQUEST,
  },
  forbidden: { status: 403, calcom: 'ForbiddenException', details: 'nest', oauth: INVALID_REQUEST },
  not_found: { status: 404, calcom: 'NotFoundException', details: 'nest', oauth: INVALID_REQUEST },
  route_not_found: {
    status: 404,
    calcom: 'NotFoundException',
    details: 'none',
    oauth: INVALID_REQUEST,
  },
  conflict: { status: 409, calcom: 'ConflictException', details: 'nest', oauth: INVALID_REQUEST },
  // Cal.com answers a duplicate managed user with Prisma's error, not a Nest exception
  record_exists: { status: 409, calcom: 'CONFLICT', details: 'none', oauth: INVALID_REQUEST },
  rate_limited: {
    status: 429,
    calcom: 'ThrottlerException',
    details: 'none',
    oauth: { status: 429, error: 'temporarily_unavailable' },
  },
  payload_too_large: {
    status: 413,
    calcom: 'PayloadTooLargeException',
    details: 'none',
    oauth: { status: 413, error: 'invalid_request' },
  },
  unsupported_media_type: {
    status: 415,
    calcom: 'UnsupportedMediaTypeException',
    details: 'none',
    oauth: {
      status: 415,
      error: 'invalid_request',
      description: 'Send the body as application/x-www-form-urlencoded or application/json',
    },
  },
  uri_too_long: {
    status: 414,
    calcom: 'URITooLongException',
    details: 'none',
    oauth: INVALID_REQUEST,
  },
  internal: {
    status: 500,
    calcom: 'InternalServerErrorException',
    details: 'none',
    oauth: { status: 500, error: 'server_error', description: 'Internal server error' },
  },
}
