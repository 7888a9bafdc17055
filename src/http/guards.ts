import type { FastifyRequest } from 'fastify'
import type { OrganizationRole } from '../db/schema.js'
import {
  CLIENT_NOT_FOUND,
  credentialsInvalid,
  credentialsMissing,
  DomainError,
  forbidden,
  notFound,
} from '../errors.js'
import type { ClientAuthRecord } from '../domain/clients/client.model.js'
import type { ClientService } from '../domain/clients/client.service.js'
import { isPlausibleClientId } from '../domain/clients/client-id.js'
import { hasPermission, type Permission } from '../domain/clients/permissions.js'
import type { Metrics } from '../domain/metrics.js'
import type {
  ApiKeyPrincipal,
  OrganizationService,
} from '../domain/organizations/organization.service.js'
import type { OperatorKey } from '../domain/organizations/operator-key.js'
import type { RateLimitDecision, RateLimiter } from '../domain/rate-limit/rate-limiter.js'
import { decodeCompact } from '../domain/keys/jws.js'
import type { AccessTokenVerifier, VerifiedAccessToken } from '../domain/tokens/access-verifier.js'
import type { ManagedUserService } from '../domain/users/managed-user.service.js'
import type { UserRow } from '../domain/users/user.model.js'
import { SECRET_PREFIX } from '../crypto/secrets.js'
import { isOriginAllowed } from './origin.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** The brute-force decision of this request, for the RateLimit-* response headers. */
    rateLimit?: RateLimitDecision
  }
}

// Cal.com's messages, kept so integrations that log or match them see the same text.
const NO_CREDENTIALS =
  "ApiAuthStrategy - No authentication method provided. Either pass an API key as 'Bearer' header or OAuth client credentials as 'x-cal-secret-key' and 'x-cal-client-id' headers"
export const ONLY_CLIENT_ID =
  "ApiAuthStrategy - Only 'x-cal-client-id' header provided. Please also provide 'x-cal-secret-key' header or Auth bearer token as 'Authentication' header"
const INVALID_API_KEY = 'ApiAuthStrategy - api key - Your api key is not valid'
const INVALID_SECRET = 'ApiAuthStrategy - oAuth client - Invalid client secret'
const rolesMessage = (roles: readonly OrganizationRole[]) =>
  `OrganizationRolesGuard - User must have one of the roles: ${roles.join(', ')}.`

/** Cal.com's refusal of a client id it does not know (a 401: the id is a credential here). */
export const unknownClient = (clientId: string, detail?: string) =>
  credentialsInvalid(
    `ApiAuthStrategy - oAuth client - Client with ID ${clientId} not found`,
    detail,
  )

export type ClientAccess =
  | { readonly kind: 'client'; readonly client: ClientAuthRecord; readonly actor: string }
  | {
      readonly kind: 'api_key'
      readonly key: ApiKeyPrincipal
      readonly client: ClientAuthRecord
      readonly actor: string
    }

export interface UserAccess {
  readonly user: UserRow
  readonly client: ClientAuthRecord
  readonly token: VerifiedAccessToken
}

export interface GuardDeps {
  readonly operatorKey: OperatorKey
  readonly organizations: OrganizationService
  readonly clients: ClientService
  readonly users: ManagedUserService
  readonly verifier: AccessTokenVerifier
  readonly limiter: RateLimiter
  readonly metrics: Metrics
}

/**
 * Who is calling, and may they: every credential check of the API, each behind brute-force
 * protection (a refused attempt costs more than a successful one; see domain/rate-limit).
 */
export class Guards {
  constructor(private readonly deps: GuardDeps) {}

  async operator(request: FastifyRequest): Promise<void> {
    const bearer = bearerToken(request)
    if (bearer === undefined) {
      throw credentialsMissing(
        'Missing operator key: send Authorization: Bearer <TESSERA_ADMIN_KEY>',
      )
    }
    await this.#limited(request, 'operator', async () => {
      if (!(await this.deps.operatorKey.verify(bearer)))
        throw credentialsInvalid('Invalid operator key')
    })
  }

  /** An organization API key with one of `roles`. */
  async apiKey(
    request: FastifyRequest,
    roles: readonly OrganizationRole[],
  ): Promise<ApiKeyPrincipal> {
    const bearer = bearerToken(request)
    if (bearer === undefined) throw credentialsMissing(NO_CREDENTIALS)
    const key = await this.#limited(request, apiKeyCredential(bearer), async () => {
      const found = await this.deps.organizations.authenticate(bearer)
      if (!found) throw credentialsInvalid(INVALID_API_KEY)
      return found
    })
    if (!roles.includes(key.role)) throw forbidden(rolesMessage(roles))
    return key
  }

  /**
   * Cal.com's guard chain for one client with an API key: the key (401), its role (403), then
   * OAuthClientGuard: the client exists (404) and belongs to the key's organization (403). Roles
   * come first, so a key without the role learns nothing about which clients exist.
   */
  async apiKeyForClient(
    request: FastifyRequest,
    clientId: string,
    roles: readonly OrganizationRole[],
  ): Promise<{ key: ApiKeyPrincipal; client: ClientAuthRecord }> {
    const key = await this.apiKey(request, roles)
    const client = isPlausibleClientId(clientId)
      ? await this.deps.clients.authRecord(clientId)
      : null
    if (!client) throw notFound(CLIENT_NOT_FOUND)
    if (client.organizationId !== key.organizationId) {
      throw forbidden(
        `OAuthClientGuard - forbidden. oAuth client with id=${clientId} does not belong to the organization with id=${key.organizationId}.`,
      )
    }
    return { key, client }
  }

  /** `x-cal-secret-key` for the client named in the path; never replaced by another credential. */
  async clientSecret(request: FastifyRequest, clientId: string): Promise<ClientAuthRecord> {
    const secret = header(request, 'x-cal-secret-key')
    if (secret === undefined) throw credentialsMissing(ONLY_CLIENT_ID)
    return this.verifyClientSecret(request, clientId, secret)
  }

  /** Checks a client secret however it was sent (header, Basic, form), under the limits. */
  verifyClientSecret(
    request: FastifyRequest,
    clientId: string,
    secret: string,
  ): Promise<ClientAuthRecord> {
    return this.#limited(request, `client:${clientId}`, () => this.#checkSecret(clientId, secret))
  }

  /** Managed-user routes: the client's secret, or an OWNER/ADMIN API key of its organization. */
  async clientOrApiKey(request: FastifyRequest, clientId: string): Promise<ClientAccess> {
    if (header(request, 'x-cal-secret-key') !== undefined) {
      const client = await this.clientSecret(request, clientId)
      return { kind: 'client', client, actor: `client:${client.id}` }
    }
    if (bearerToken(request) !== undefined) {
      const { key, client } = await this.apiKeyForClient(request, clientId, ['ADMIN', 'OWNER'])
      return { kind: 'api_key', key, client, actor: `api_key:${key.keyId}` }
    }
    throw credentialsMissing(ONLY_CLIENT_ID)
  }

  /** A managed user's access token, checked against its client and user on every request. */
  async accessToken(request: FastifyRequest, permission?: Permission): Promise<UserAccess> {
    const bearer = bearerToken(request)
    if (bearer === undefined) throw credentialsMissing(NO_CREDENTIALS)
    if (bearer.startsWith(SECRET_PREFIX.apiKey)) {
      throw forbidden(
        "This endpoint acts as a managed user: send that user's access token, not an API key.",
      )
    }
    const credential = accessTokenCredential(bearer, this.deps.verifier.knownSession(bearer))
    const access = await this.#limited(request, credential, async () => {
      const token = await this.deps.verifier.verify(bearer)
      const client = await this.deps.clients.authRecord(token.clientId)
      if (!client) {
        throw credentialsInvalid(
          'ApiAuthStrategy - access token - OAuth client not found given the access token',
        )
      }
      const origin = header(request, 'origin')
      if (origin !== undefined && !isOriginAllowed(origin, client.redirectUris)) {
        throw credentialsInvalid(
          `ApiAuthStrategy - access token - Invalid request origin - please add the origin '${origin}' to the 'redirectUris' of your OAuth client with ID '${client.id}'`,
        )
      }
      const user = await this.deps.users.findForAccess(token.userId)
      if (!user || user.client_id !== client.id) {
        throw credentialsInvalid(
          'ApiAuthStrategy - access token - User associated with the access token not found.',
        )
      }
      return { user, client, token }
    })
    if (permission && !hasPermission(access.client.permissions, permission)) {
      throw forbidden(
        `PermissionsGuard - oAuth client with id=${access.client.id} does not have the required permissions=${permission}. Update the OAuth client's permissions to include it.`,
      )
    }
    return access
  }

  async #checkSecret(clientId: string, secret: string): Promise<ClientAuthRecord> {
    if (!isPlausibleClientId(clientId)) {
      throw unknownClient(clientId, 'client id is not well-formed')
    }
    const result = await this.deps.clients.checkSecret(clientId, secret)
    if (result.ok) return result.client
    if (result.reason === 'unknown-client') {
      throw unknownClient(clientId)
    }
    throw credentialsInvalid(INVALID_SECRET)
  }

  /**
   * Runs a credential check under the brute-force limits. Only `credentials_invalid` is a failed
   * attempt; anything else (an expired access token, whose signature was right; a database
   * failure) counts as a success, so an outage never locks honest callers out.
   */
  async #limited<T>(
    request: FastifyRequest,
    credential: string,
    check: () => Promise<T>,
  ): Promise<T> {
    const { limiter, metrics } = this.deps
    const address = request.ip
    const decision = await limiter.admit(credential, address)
    request.rateLimit = decision
    if (!decision.allowed) {
      metrics.inc('tessera_rate_limit_decisions_total', REFUSED)
      throw tooManyRequests(decision)
    }
    metrics.inc('tessera_rate_limit_decisions_total', ALLOWED)
    try {
      const value = await check()
      void limiter.record(credential, address, 'success', decision)
      return value
    } catch (err) {
      const failed = err instanceof DomainError && err.code === 'credentials_invalid'
      void limiter.record(credential, address, failed ? 'failure' : 'success', decision)
      throw err
    }
  }
}

const ALLOWED = { decision: 'allowed' }
const REFUSED = { decision: 'refused' }

export function rateLimitHeaders(decision: RateLimitDecision): Record<string, string> {
  return {
    'ratelimit-limit': String(decision.limit),
    'ratelimit-remaining': String(decision.remaining),
    'ratelimit-reset': String(decision.resetSeconds),
  }
}

function tooManyRequests(decision: RateLimitDecision): DomainError {
  return new DomainError('rate_limited', 'Too Many Requests', {
    headers: {
      ...rateLimitHeaders(decision),
      'retry-after': String(decision.retryAfterSeconds ?? 1),
    },
  })
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name]
  const text = Array.isArray(value) ? value[0] : value
  return text === undefined || text === '' ? undefined : text
}

export function bearerToken(request: FastifyRequest): string | undefined {
  const auth = header(request, 'authorization')
  if (auth === undefined) return undefined
  const match = /^Bearer\s+(\S+)\s*$/i.exec(auth)
  return match?.[1]
}

/**
 * Bucket of an API key: the first 12 characters of the presented key's body (after its prefix),
 * so repeated tries of one wrong key share a bucket without a hash per request. Too short to
 * stand in for the key: the rest of its 256 bits stays unknown to whoever reads the bucket names.
 */
function apiKeyCredential(presented: string): string {
  return `api_key:${presented.slice(SECRET_PREFIX.apiKey.length, SECRET_PREFIX.apiKey.length + 12)}`
}

/**
 * Bucket of an access token: its session (decoded, unverified: only a bucket name; taken from the
 * verifier when it already checked this token). Not the client: a backend replaying its users'
 * stale tokens must not use up its own refresh budget.
 */
function accessTokenCredential(token: string, known: string | undefined): string {
  if (known !== undefined) return `session:${known}`
  const sid = decodeCompact(token)?.payload.sid
  return typeof sid === 'string' && /^[0-9a-f-]{36}$/.test(sid)
    ? `session:${sid}`
    : 'token:malformed'
}
