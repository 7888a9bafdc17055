import type { FastifyReply, FastifyRequest } from 'fastify'

const ALLOWED_HEADERS = [
  'x-cal-client-id',
  'x-cal-secret-key',
  'x-cal-platform-embed',
  'cal-api-version',
  'accept',
  'authorization',
  'content-type',
  'origin',
].join(', ')

/**
 * CORS as Cal.com answers it (any origin, no credentials mode): browser embeds call `/v2/me`
 * directly, and which origins may use a token is decided by the client's `redirectUris`, not here.
 * True when this answered a preflight (the request goes no further).
 */
export function answerCors(request: FastifyRequest, reply: FastifyReply): boolean {
  if (!applyCorsHeaders(request, reply)) return false
  if (request.method !== 'OPTIONS' || !request.headers['access-control-request-method'])
    return false
  void reply
    .header('access-control-allow-methods', 'GET, PATCH, DELETE, HEAD, POST, PUT, OPTIONS')
    .header('access-control-allow-headers', ALLOWED_HEADERS)
    .header('access-control-max-age', '86400')
    .status(204)
    .send()
  return true
}

/**
 * The headers every response to a cross-origin request carries, so a browser can read errors too
 * (also used where Fastify answers before any hook runs). False when the request has no Origin.
 */
export function applyCorsHeaders(request: FastifyRequest, reply: FastifyReply): boolean {
  if (request.headers.origin === undefined) return false
  reply.header('access-control-allow-origin', '*')
  reply.header(
    'access-control-expose-headers',
    'x-request-id, x-tessera-refresh-reuse, retry-after, ratelimit-limit, ratelimit-remaining, ratelimit-reset',
  )
  return true
}
