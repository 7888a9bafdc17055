import { randomUUID } from 'node:crypto'
import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import {
  DomainError,
  OAuthError,
  badRequest,
  validationFailed,
  type FieldProblem,
} from '../errors.js'
import { WIRE } from './error-wire.js'
import { safeError } from '../db/errors.js'
import { applyCorsHeaders } from './cors.js'
import { unavailableError } from './unavailable.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `oauth`: errors in RFC 6749 form (`{error, error_description}`) instead of Cal.com's envelope. */
    errorFormat?: 'calcom' | 'oauth'
  }
}

interface AjvError {
  instancePath?: string
  keyword?: string
  message?: string
  params?: Record<string, unknown>
}

/**
 * The one place where errors become responses: every error is first a `DomainError` (framework
 * and validation errors are translated), then written in the form of its code (`error-wire.ts`):
 * Cal.com's envelope everywhere, except on the standard OAuth endpoints (RFC 6749 §5.2 bodies).
 * A 5xx never carries internals: its cause is logged with the request id. A refusal's internal
 * detail is logged too, never sent.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | DomainError | OAuthError, request, reply) => {
    if (error instanceof OAuthError) return sendOAuth(reply, error)
    const domain = toDomainError(error)
    // a 503 is a fault the whole instance meets at once: reported once per interval (unavailable.ts)
    if (WIRE[domain.code].status >= 500 && domain.code !== 'service_unavailable') {
      request.log.error({ err: loggedCause(error) }, 'request failed')
    } else if (domain.detail !== undefined) {
      request.log.info({ code: domain.code, detail: domain.detail }, 'request refused')
    }
    if (request.routeOptions.config?.errorFormat === 'oauth') {
      return sendOAuth(reply, toOAuthError(domain))
    }
    return sendEnvelope(request, reply, domain)
  })

  app.setNotFoundHandler((request, reply) =>
    sendEnvelope(
      request,
      reply,
      new DomainError('route_not_found', `Cannot ${request.method} ${request.url.split('?')[0]}`),
    ),
  )
}

function toDomainError(error: FastifyError | DomainError): DomainError {
  if (error instanceof DomainError) return error
  if (error.validation) return fromValidation(error)
  return unavailableError(error) ?? fromFastify(error)
}

/**
 * The cause of a 5xx for the log: message and code as `safeError` keeps them (never parameters or
 * connection strings), plus the stack, without which an operator cannot find where it failed.
 */
function loggedCause(err: unknown): { message: string; code?: string; stack?: string } {
  const stack = err instanceof Error ? err.stack : undefined
  return { ...safeError(err), ...(stack ? { stack } : {}) }
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  503: 'Service Unavailable',
}

/** `error.details` of the envelope, in the form the code's registry entry names. */
function envelopeDetails(error: DomainError, status: number): unknown {
  switch (WIRE[error.code].details) {
    case 'nest':
      // Nest's standard details for an exception built from a message, as Cal.com sends them
      return { message: error.message, error: REASONS[status] ?? 'Error', statusCode: status }
    case 'fields':
      return { errors: error.fields ?? [] }
    case 'message':
      return error.message
    case 'none':
      return undefined
  }
}

/** An error as it goes on the wire; also written without Fastify while starting (starting.ts). */
export interface WireAnswer {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: object
}

/** A domain error in Cal.com's envelope, for a request to `path` (its URL, query included). */
export function envelopeAnswer(error: DomainError, path: string): WireAnswer {
  const { status, calcom } = WIRE[error.code]
  const details = envelopeDetails(error, status)
  return {
    status,
    headers: error.headers ?? {},
    body: {
      status: 'error',
      timestamp: new Date().toISOString(),
      path,
      error: {
        code: calcom,
        message: error.message,
        ...(details !== undefined ? { details } : {}),
      },
    },
  }
}

/** An RFC 6749 §5.2 error body, never cached. */
export function oauthAnswer(error: OAuthError): WireAnswer {
  return {
    status: error.status,
    headers: { ...error.headers, 'cache-control': 'no-store', pragma: 'no-cache' },
    body: { error: error.error, error_description: rfc6749Text(error.description) },
  }
}

function send(reply: FastifyReply, answer: WireAnswer) {
  return reply.status(answer.status).headers(answer.headers).send(answer.body)
}

function sendEnvelope(request: FastifyRequest, reply: FastifyReply, error: DomainError) {
  return send(reply, envelopeAnswer(error, request.url))
}

function sendOAuth(reply: FastifyReply, error: OAuthError) {
  return send(reply, oauthAnswer(error))
}

/** RFC 6749 §5.2: `error_description` is printable ASCII without `"` and `\`. */
function rfc6749Text(text: string): string {
  return text.replace(/["\\]/g, "'").replace(/[^\x20-\x7E]/g, '?')
}

/** A domain error met on an RFC endpoint, in the RFC 6749 §5.2 form its code names. */
export function toOAuthError(error: DomainError): OAuthError {
  const form = WIRE[error.code].oauth
  return new OAuthError(
    form.status,
    form.error,
    form.description ?? error.message,
    form.headers ?? error.headers,
  )
}

/** Schema validation failures in Cal.com's `details.errors[]` shape (no echo of the input). */
function fromValidation(error: FastifyError): DomainError {
  const context =
    (error as FastifyError & { validationContext?: string }).validationContext ?? 'body'
  const problems: FieldProblem[] = ((error.validation ?? []) as AjvError[]).map((e) => {
    const path = (e.instancePath ?? '').split('/').filter(Boolean)
    const missing = e.params?.missingProperty
    const property =
      typeof missing === 'string' ? [...path, missing].join('.') : path.join('.') || context
    const allowed = e.params?.allowedValues
    const message =
      e.keyword === 'required'
        ? `${property} should not be empty`
        : Array.isArray(allowed)
          ? `${property} must be one of the following values: ${allowed.join(', ')}`
          : `${property} ${e.message ?? 'is invalid'}`
    return { property, constraints: { [e.keyword ?? 'invalid']: message } }
  })
  return validationFailed(problems)
}

function fromFastify(error: FastifyError): DomainError {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new DomainError('payload_too_large', 'Request body is larger than 1 MiB')
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new DomainError('unsupported_media_type', 'Send the body as application/json')
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new DomainError('malformed_request', 'Malformed JSON in request body')
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new DomainError('malformed_request', 'Content-Length does not match the body')
  }
  // every other 4xx Fastify raises at request time is a 400 (lib/errors.js)
  const status = error.statusCode
  if (status !== undefined && status >= 400 && status < 500) {
    return new DomainError('malformed_request', 'The request could not be understood')
  }
  return new DomainError('internal', 'Internal server error')
}

/**
 * Fastify's `frameworkErrors`: a URL that cannot be decoded or a path parameter over the router's
 * limit is refused before routing, so no hook runs. The envelope, request id and CORS headers are
 * set here instead of Fastify's own body.
 */
export function handleFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  reply.header('x-request-id', request.id)
  reply.header('x-content-type-options', 'nosniff')
  applyCorsHeaders(request, reply)
  let refused: DomainError
  if (error.code === 'FST_ERR_BAD_URL') refused = badRequest('The request path is not a valid URL')
  else if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    refused = new DomainError('uri_too_long', 'A path parameter is too long')
  } else {
    request.log.error({ err: loggedCause(error) }, 'request failed before routing')
    refused = new DomainError('internal', 'Internal server error')
  }
  request.log.info(
    { method: request.method, path: request.url.split('?')[0], status: WIRE[refused.code].status },
    'request',
  )
  return sendEnvelope(request, reply, refused)
}

export const CLIENT_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'RequestHeaderFieldsTooLargeException',
    message: 'Request headers are too large',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    code: 'RequestTimeoutException',
    message: 'The request took too long to arrive',
  },
}

/**
 * Fastify's `clientErrorHandler`: requests Node's HTTP parser refused (headers over the size
 * limit, malformed HTTP, timeouts) answered in the envelope with a request id. Unlike Fastify's
 * default, the error object is never logged: its raw packet holds the request's headers, secrets
 * included.
 */
export function handleClientError(
  this: FastifyInstance,
  err: NodeJS.ErrnoException,
  socket: Socket,
) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return
  const known = (err.code && CLIENT_ERRORS[err.code]) || {
    status: 400,
    code: 'BadRequestException',
    message: 'Malformed HTTP request',
  }
  const id = randomUUID()
  this.log.debug({ reqId: id, code: err.code, status: known.status }, 'client error')
  if (socket.writable) {
    const body = JSON.stringify({
      status: 'error',
      timestamp: new Date().toISOString(),
      path: requestTarget(err),
      error: { code: known.code, message: known.message },
    })
    socket.write(
      `HTTP/1.1 ${known.status} ${STATUS_CODES[known.status]}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Request-Id: ${id}\r\n` +
        'X-Content-Type-Options: nosniff\r\n' +
        'Connection: close\r\n\r\n' +
        body,
    )
  }
  socket.destroy()
}

/** The request target of a refused request, when its request line arrived whole. */
function requestTarget(err: NodeJS.ErrnoException): string {
  const raw = (err as { rawPacket?: unknown }).rawPacket
  if (!Buffer.isBuffer(raw)) return ''
  const line = raw.subarray(0, 8192).toString('latin1').split('\r\n', 1)[0] ?? ''
  return /^[A-Z]+ (\S+) HTTP\/1\.[01]$/.exec(line)?.[1] ?? ''
}
