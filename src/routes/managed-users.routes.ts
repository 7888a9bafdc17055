import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { badRequest } from '../errors.js'
import { normaliseFilterEmail, parseEmailsFilter } from '../domain/users/rules/managed-email.js'
import { notPartOfClient } from '../domain/users/managed-user.service.js'
import { toUserView } from '../domain/users/user.model.js'
import type { ProfileInput } from '../domain/users/rules/profile-fields.js'
import {
  errors,
  Keys,
  success,
  UserParams,
  ClientIdParams,
  secretHeader,
} from '../http/schemas/common.js'
import {
  CreatedUser,
  CreateUserBody,
  ListUsersQuery,
  ManagedUser,
  UpdateUserBody,
} from '../http/schemas/users.js'
import { authorize, pathParam } from './auth-hook.js'
import { ok, type App, type RouteDeps } from './types.js'

const tags = ['Managed users']
const security: Record<string, string[]>[] = [{ clientSecret: [] }, { apiKey: [] }]
const headers = Type.Object(secretHeader)

/** A numeric path id, as Nest's ParseIntPipe reads it; out-of-range ids cannot exist. */
export function parseUserId(raw: string): number {
  if (!/^-?\d+$/.test(raw)) throw badRequest('Validation failed (numeric string is expected)')
  const id = Number(raw)
  if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) throw notPartOfClient(raw)
  return id
}

/**
 * PATCH with no body at all changes nothing, as in Cal.com (Express hands Nest `{}`). Runs after
 * authorization and before schema validation, which would otherwise refuse the missing object.
 */
export async function absentBodyIsEmpty(request: FastifyRequest): Promise<void> {
  if (request.body === undefined) request.body = {}
}

/**
 * `/v2/oauth-clients/{clientId}/users…`: managed users, reachable with the client's secret or with
 * an OWNER/ADMIN API key of the client's organization.
 */
export function managedUserRoutes(app: App, { tessera, guards }: RouteDeps): void {
  const { users } = tessera
  const access = authorize((r) =>
    guards.clientOrApiKey(r, pathParam(r, ClientIdParams, 'clientId')),
  )

  app.get(
    '/v2/oauth-clients/:clientId/users',
    {
      schema: {
        tags,
        operationId: 'OAuthClientUsersController_getManagedUsers',
        summary: 'List managed users, oldest first',
        security,
        headers,
        params: ClientIdParams,
        querystring: ListUsersQuery,
        response: {
          200: success(Type.Array(Type.Ref('ManagedUser'))),
          ...errors(400, 401, 403, 404, 429),
        },
      },
      preValidation: access.hook,
    },
    async (request) => {
      const { client } = access.of(request)
      const { limit = 50, offset = 0, emails } = request.query
      let filter: string[] | undefined
      if (emails !== undefined) {
        const parsed = parseEmailsFilter(emails)
        if ('empty' in parsed) throw badRequest('emails cannot be empty.')
        if ('invalid' in parsed) throw badRequest(`Invalid email ${parsed.invalid}`)
        filter = parsed.map((e) => normaliseFilterEmail(e, client.id))
      }
      return ok(
        await users.list(client.id, { limit, offset, ...(filter ? { emails: filter } : {}) }),
      )
    },
  )

  app.post(
    '/v2/oauth-clients/:clientId/users',
    {
      schema: {
        tags,
        operationId: 'OAuthClientUsersController_createUser',
        summary: 'Create a managed user and its first tokens (one transaction)',
        security,
        headers,
        params: ClientIdParams,
        body: CreateUserBody,
        response: { 201: success(CreatedUser), ...errors(400, 401, 403, 404, 409, 429) },
      },
      preValidation: access.hook,
    },
    async (request, reply) => {
      const { client, actor } = access.of(request)
      const { user, pair } = await users.create(client, request.body as ProfileInput, actor)
      return reply.status(201).send(
        ok({
          user,
          accessToken: pair.accessToken,
          accessTokenExpiresAt: pair.accessTokenExpiresAt,
          refreshToken: pair.refreshToken,
          refreshTokenExpiresAt: pair.refreshTokenExpiresAt,
        }),
      )
    },
  )

  app.get(
    '/v2/oauth-clients/:clientId/users/:userId',
    {
      schema: {
        tags,
        operationId: 'OAuthClientUsersController_getUserById',
        summary: 'Get a managed user',
        security,
        headers,
        params: UserParams,
        response: { 200: success(ManagedUser), ...errors(400, 401, 403, 404, 429) },
      },
      preValidation: access.hook,
    },
    async (request) => {
      const { client } = access.of(request)
      return ok(await users.get(client.id, parseUserId(request.params.userId)))
    },
  )

  app.patch(
    '/v2/oauth-clients/:clientId/users/:userId',
    {
      schema: {
        tags,
        operationId: 'OAuthClientUsersController_updateUser',
        summary: 'Update a managed user',
        security,
        headers,
        params: UserParams,
        body: UpdateUserBody,
        response: { 200: success(ManagedUser), ...errors(400, 401, 403, 404, 409, 429) },
      },
      preValidation: [access.hook, absentBodyIsEmpty],
    },
    async (request) => {
      const { client, actor } = access.of(request)
      const userId = parseUserId(request.params.userId)
      const row = await users.update(client.id, userId, request.body as ProfileInput, actor)
      return ok(toUserView(row))
    },
  )

  app.delete(
    '/v2/oauth-clients/:clientId/users/:userId',
    {
      schema: {
        tags,
        operationId: 'OAuthClientUsersController_deleteUser',
        summary: 'Delete a managed user and revoke its tokens; returns the user as it was',
        security,
        headers,
        params: UserParams,
        response: { 200: success(ManagedUser), ...errors(400, 401, 403, 404, 429) },
      },
      preValidation: access.hook,
    },
    async (request) => {
      const { client, actor } = access.of(request)
      return ok(await users.delete(client.id, parseUserId(request.params.userId), actor))
    },
  )

  app.post(
    '/v2/oauth-clients/:clientId/users/:userId/force-refresh',
    {
      schema: {
        tags,
        operationId: 'OAuthClientUsersController_forceRefresh',
        summary: "Revoke all of the user's tokens under this client and issue a new pair",
        security,
        headers,
        params: UserParams,
        response: { 200: success(Keys), ...errors(400, 401, 403, 404, 429) },
      },
      preValidation: access.hook,
    },
    async (request) => {
      const { client, actor } = access.of(request)
      return ok(await users.forceRefresh(client.id, parseUserId(request.params.userId), actor))
    },
  )
}
