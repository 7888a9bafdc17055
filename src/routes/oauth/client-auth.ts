import type { FastifyRequest } from 'fastify'
import { OAuthError } from '../../errors.js'
import { WWW_AUTHENTICATE_BASIC as WWW_AUTHENTICATE } from '../../http/error-wire.js'
import type { ClientAuthRecord } from '../../domain/clients/client.model.js'
import type { Guards } from '../../http/guards.js'

export type OAuthParams = Record<string, string | string[] | undefined>

/** A single-valued parameter; a repeated one is an invalid_request (RFC 6749 §3.2). */
export function param(params: OAuthParams, name: string): string | undefined {
  const value = params[name]
  if (Array.isArray(value)) {
    throw new OAuthError(400, 'invalid_request', `Parameter ${name} must not be repeated`)
  }
  return value === '' ? undefined : value
}

export function bodyParams(request: FastifyRequest): OAuthParams {
  const body = request.body
  if (body === undefined || body === null) return {}
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new OAuthError(400, 'invalid_request', 'The request body must be a form or a JSON object')
  }
  const out: OAuthParams = {}
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (
      typeof value === 'string' ||
      (Array.isArray(value) && value.every((v) => typeof v === 'string'))
    ) {
      out[key] = value as string | string[]
    } else if (value !== undefined && value !== null) {
      // the key is the caller's: named only when it fits RFC 6749 §5.2's error_description charset
      const name = /^[A-Za-z0-9_.-]{1,64}$/.test(key) ? `Parameter ${key}` : 'Every parameter'
      throw new OAuthError(400, 'invalid_request', `${name} must be a string`)
    }
  }
  return out
}

/**
 * Client authentication of the RFC endpoints: `client_secret_basic` or `client_secret_post`,
 * exactly one of them (RFC 6749 §2.3.1). The secret is checked by the same guard as Cal.com's
 * `x-cal-secret-key`, so it shares the brute-force limits.
 */
export async function authenticateClient(
  request: FastifyRequest,
  params: OAuthParams,
  guards: Guards,
): Promise<ClientAuthRecord> {
  const basic = parseBasic(request.headers.authorization)
  const postId = param(params, 'client_id')
  const postSecret = param(params, 'client_secret')
  if (basic && postSecret !== undefined) {
    throw new OAuthError(400, 'invalid_request', 'Use one client authentication method, not two')
  }
  if (basic === 'malformed') {
    throw new OAuthError(401, 'invalid_client', 'Malformed Basic credentials', WWW_AUTHENTICATE)
  }
  const clientId = basic ? basic.id : postId
  const secret = basic ? basic.secret : postSecret
  if (basic && postId !== undefined && postId !== basic.id) {
    throw new OAuthError(
      400,
      'invalid_request',
      'client_id does not match the authenticated client',
    )
  }
  if (clientId === undefined || secret === undefined) {
    throw new OAuthError(
      401,
      'invalid_client',
      'Client authentication is required',
      WWW_AUTHENTICATE,
    )
  }
  // a refused secret is `credentials_invalid`: the error mapper writes it as invalid_client
  return guards.verifyClientSecret(request, clientId, secret)
}

export function parseBasic(
  header: string | undefined,
): { id: string; secret: string } | 'malformed' | null {
  if (!header || !/^basic\s/i.test(header)) return null
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) return 'malformed'
  try {
    // RFC 6749 §2.3.1: both parts are form-urlencoded before they are joined
    return {
      id: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' ')),
      secret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' ')),
    }
  } catch {
    return 'malformed'
  }
}
