import { Type } from 'typebox'
import { notFound, forbidden } from '../errors.js'
import type { OrganizationRole } from '../db/schema.js'
import type { ApiKeyPrincipal } from '../domain/organizations/organization.service.js'
import { isPlausibleClientId } from '../domain/clients/client-id.js'
import { toClientView, type ClientRow } from '../domain/clients/client.model.js'
import type { Permission } from '../domain/clients/permissions.js'
import {
  CreateClientBody,
  CreatedClient,
  OAuthClient,
  RotatedSecret,
  UpdateClientBody,
} from '../http/schemas/clients.js'
import { ClientIdParams, errors, success } from '../http/schemas/common.js'
import { authorize, principal } from './auth-hook.js'
import { ok, type App, type RouteDeps } from './types.js'

const security = [{ apiKey: [] }]
const tags = ['OAuth clients']
// In the order of Cal.com's `@MembershipRoles` decorators: the 403 message lists them this way.
const MANAGE = ['ADMIN', 'OWNER'] as const
const READ = ['ADMIN', 'OWNER', 'MEMBER'] as const
const CLIENT_NOT_FOUND = 'OAuthClientGuard - OAuth client not found.'

interface OwnedClient {
  readonly key: ApiKeyPrincipal
  readonly client: ClientRow
}

/** `/v2/oauth-clients`: an organization's OAuth clients, managed with its API keys. */
export function oauthClientRoutes(app: App, { tessera, guards }: RouteDeps): void {
  const { clients } = tessera

  /** Cal.com's OAuthClientGuard: the client must exist (404) and be the caller's (403). */
  async function ownedClient(key: ApiKeyPrincipal, clientId: string) {
    const row = isPlausibleClientId(clientId) ? await clients.find(clientId) : null
    if (!row) throw notFound(CLIENT_NOT_FOUND)
    if (row.organization_id !== key.organizationId) {
      throw forbidden(
        `OAuthClientGuard - forbidden. oAuth client with id=${clientId} does not belong to the organization with id=${key.organizationId}.`,
      )
    }
    return row
  }

  /**
   * Cal.com's guard chain for one client: the key and its role (401/403), then OAuthClientGuard
   * (404/403). It runs before the body is validated, so a caller who may not touch the client
   * learns nothing from a 400 about its body.
   */
  const forClient = (roles: readonly OrganizationRole[]) =>
    authorize(async (request): Promise<OwnedClient> => {
      const key = await guards.apiKey(request, roles)
      const client = await ownedClient(key, (request.params as { clientId: string }).clientId)
      return { key, client }
    })

  app.post(
    '/v2/oauth-clients',
    {
      schema: {
        tags,
        operationId: 'OAuthClientsController_createOAuthClient',
        summary: 'Create an OAuth client (OWNER, ADMIN)',
        description: 'The secret is in this response only; Tessera keeps just a keyed hash of it.',
        security,
        body: CreateClientBody,
        response: { 201: success(CreatedClient), ...errors(400, 401, 403, 429) },
      },
      preValidation: authorize((r) => guards.apiKey(r, MANAGE)),
    },
    async (request, reply) => {
      const key = principal<ApiKeyPrincipal>(request)
      const body = request.body
      const created = await clients.create(
        key.organizationId,
        { ...body, permissions: body.permissions as (Permission | '*')[] },
        `api_key:${key.keyId}`,
      )
      return reply.status(201).send(ok(created))
    },
  )

  app.get(
    '/v2/oauth-clients',
    {
      schema: {
        tags,
        operationId: 'OAuthClientsController_getOAuthClients',
        summary: "List the organization's OAuth clients (any role)",
        security,
        response: { 200: success(Type.Array(Type.Ref('OAuthClient'))), ...errors(401, 403, 429) },
      },
      preValidation: authorize((r) => guards.apiKey(r, READ)),
    },
    async (request) => ok(await clients.list(principal<ApiKeyPrincipal>(request).organizationId)),
  )

  app.get(
    '/v2/oauth-clients/:clientId',
    {
      schema: {
        tags,
        operationId: 'OAuthClientsController_getOAuthClientById',
        summary: 'Get an OAuth client (any role)',
        security,
        params: ClientIdParams,
        response: { 200: success(OAuthClient), ...errors(401, 403, 404, 429) },
      },
      preValidation: forClient(READ),
    },
    async (request) => ok(toClientView(principal<OwnedClient>(request).client)),
  )

  app.patch(
    '/v2/oauth-clients/:clientId',
    {
      schema: {
        tags,
        operationId: 'OAuthClientsController_updateOAuthClient',
        summary: 'Update an OAuth client (OWNER, ADMIN)',
        description: 'Unlike Cal.com, `permissions` can be changed here (there is no dashboard).',
        security,
        params: ClientIdParams,
        body: UpdateClientBody,
        response: { 200: success(OAuthClient), ...errors(400, 401, 403, 404, 429) },
      },
      preValidation: forClient(MANAGE),
    },
    async (request) => {
      const { key } = principal<OwnedClient>(request)
      const body = request.body
      return ok(
        await clients.update(
          request.params.clientId,
          { ...body, permissions: body.permissions as (Permission | '*')[] | undefined },
          `api_key:${key.keyId}`,
        ),
      )
    },
  )

  app.delete(
    '/v2/oauth-clients/:clientId',
    {
      schema: {
        tags,
        operationId: 'OAuthClientsController_deleteOAuthClient',
        summary: 'Delete an OAuth client, its managed users and their tokens (OWNER, ADMIN)',
        security,
        params: ClientIdParams,
        response: { 200: success(OAuthClient), ...errors(401, 403, 404, 429) },
      },
      preValidation: forClient(MANAGE),
    },
    async (request) => {
      const { key } = principal<OwnedClient>(request)
      return ok(await clients.delete(request.params.clientId, `api_key:${key.keyId}`))
    },
  )

  app.post(
    '/v2/oauth-clients/:clientId/secret',
    {
      schema: {
        tags,
        operationId: 'rotateClientSecret',
        summary: 'Rotate the client secret without downtime (OWNER, ADMIN)',
        description:
          'Returns the new secret once. The previous secret keeps working for TESSERA_SECRET_ROTATION_GRACE_SECONDS, or until DELETE …/secret/previous.',
        security,
        params: ClientIdParams,
        response: { 200: success(RotatedSecret), ...errors(401, 403, 404, 429) },
      },
      preValidation: forClient(MANAGE),
    },
    async (request) => {
      const { key } = principal<OwnedClient>(request)
      const rotated = await clients.rotateSecret(request.params.clientId, `api_key:${key.keyId}`)
      return ok({
        clientSecret: rotated.secret,
        previousSecretExpiresAt: rotated.previousSecretExpiresAt.toISOString(),
      })
    },
  )

  app.delete(
    '/v2/oauth-clients/:clientId/secret/previous',
    {
      schema: {
        tags,
        operationId: 'revokePreviousClientSecret',
        summary: 'End the grace period of the previous secret now (OWNER, ADMIN)',
        security,
        params: ClientIdParams,
        response: {
          200: success(Type.Object({ previousSecretRevoked: Type.Boolean() })),
          ...errors(401, 403, 404, 429),
        },
      },
      preValidation: forClient(MANAGE),
    },
    async (request) => {
      const { key } = principal<OwnedClient>(request)
      await clients.revokePreviousSecret(request.params.clientId, `api_key:${key.keyId}`)
      return ok({ previousSecretRevoked: true })
    },
  )
}
