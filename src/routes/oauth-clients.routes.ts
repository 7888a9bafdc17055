import { Type } from 'typebox'
import { CLIENT_NOT_FOUND, notFound } from '../errors.js'
import type { OrganizationRole } from '../db/schema.js'
import { toClientView } from '../domain/clients/client.model.js'
import type { Permission } from '../domain/clients/permissions.js'
import {
  CreateClientBody,
  CreatedClient,
  OAuthClient,
  RotatedSecret,
  UpdateClientBody,
} from '../http/schemas/clients.js'
import { ClientIdParams, errors, success } from '../http/schemas/common.js'
import { authorize, pathParam } from './auth-hook.js'
import { ok, type App, type RouteDeps } from './types.js'

const security = [{ apiKey: [] }]
const tags = ['OAuth clients']
// In the order of Cal.com's `@MembershipRoles` decorators: the 403 message lists them this way.
const MANAGE = ['ADMIN', 'OWNER'] as const
const READ = ['ADMIN', 'OWNER', 'MEMBER'] as const

/** `/v2/oauth-clients`: an organization's OAuth clients, managed with its API keys. */
export function oauthClientRoutes(app: App, { tessera, guards }: RouteDeps): void {
  const { clients } = tessera
  const manageAny = authorize((r) => guards.apiKey(r, MANAGE))
  const readAny = authorize((r) => guards.apiKey(r, READ))
  /** One client: the guard chain runs before the body is validated (no 400 leaks past a 403). */
  const forClient = (roles: readonly OrganizationRole[]) =>
    authorize((r) => guards.apiKeyForClient(r, pathParam(r, ClientIdParams, 'clientId'), roles))
  const readOne = forClient(READ)
  const manageOne = forClient(MANAGE)

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
      preValidation: manageAny.hook,
    },
    async (request, reply) => {
      const key = manageAny.of(request)
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
      preValidation: readAny.hook,
    },
    async (request) => ok(await clients.list(readAny.of(request).organizationId)),
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
      preValidation: readOne.hook,
    },
    async (request) => {
      // the guard read the cached auth record; the view needs the whole row
      const row = await clients.find(readOne.of(request).client.id)
      if (!row) throw notFound(CLIENT_NOT_FOUND)
      return ok(toClientView(row))
    },
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
      preValidation: manageOne.hook,
    },
    async (request) => {
      const { key } = manageOne.of(request)
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
      preValidation: manageOne.hook,
    },
    async (request) => {
      const { key } = manageOne.of(request)
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
      preValidation: manageOne.hook,
    },
    async (request) => {
      const { key } = manageOne.of(request)
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
      preValidation: manageOne.hook,
    },
    async (request) => {
      const { key } = manageOne.of(request)
      await clients.revokePreviousSecret(request.params.clientId, `api_key:${key.keyId}`)
      return ok({ previousSecretRevoked: true })
    },
  )
}
