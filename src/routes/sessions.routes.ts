import { Type } from 'typebox'
import { errors, secretHeader, success, UserParams } from '../http/schemas/common.js'
import { authorize, pathParam } from './auth-hook.js'
import { parseUserId } from './managed-users.routes.js'
import { ok, type App, type RouteDeps } from './types.js'

const tags = ['Sessions']
const security: Record<string, string[]>[] = [{ clientSecret: [] }, { apiKey: [] }]
const headers = Type.Object(secretHeader)

const Session = Type.Object({
  id: Type.String({ description: 'The token family id (`sid` claim of its access tokens)' }),
  origin: Type.Enum(['user_created', 'force_refresh']),
  createdAt: Type.String({ format: 'date-time' }),
  lastRefreshedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  generation: Type.Integer({ description: 'How many times it was refreshed' }),
  refreshTokenExpiresAt: Type.String({ format: 'date-time' }),
  revoked: Type.Boolean(),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  revokedReason: Type.Union([Type.String(), Type.Null()]),
})

/** A managed user's sessions (token families): list, revoke one, revoke all. */
export function sessionRoutes(app: App, { tessera, guards }: RouteDeps): void {
  const access = authorize((r) => guards.clientOrApiKey(r, pathParam(r, UserParams, 'clientId')))

  app.get(
    '/v2/oauth-clients/:clientId/users/:userId/sessions',
    {
      schema: {
        tags,
        operationId: 'listUserSessions',
        summary: "List a managed user's sessions, newest first",
        security,
        headers,
        params: UserParams,
        response: { 200: success(Type.Array(Session)), ...errors(400, 401, 403, 404, 429) },
      },
      preValidation: access.hook,
    },
    async (request) => {
      const { client } = access.of(request)
      const userId = parseUserId(request.params.userId)
      await tessera.users.get(client.id, userId)
      return ok(await tessera.sessions.list(client.id, userId))
    },
  )

  app.delete(
    '/v2/oauth-clients/:clientId/users/:userId/sessions',
    {
      schema: {
        tags,
        operationId: 'revokeUserSessions',
        summary: "Revoke all of a managed user's sessions (its tokens stop working at once)",
        security,
        headers,
        params: UserParams,
        response: {
          200: success(Type.Object({ revoked: Type.Integer() })),
          ...errors(400, 401, 403, 404, 429),
        },
      },
      preValidation: access.hook,
    },
    async (request) => {
      const { client, actor } = access.of(request)
      const userId = parseUserId(request.params.userId)
      await tessera.users.get(client.id, userId)
      const revoked = await tessera.sessions.revoke(
        client.organizationId,
        { clientId: client.id, userId },
        'revoked_by_client',
        actor,
      )
      return ok({ revoked })
    },
  )

  app.delete(
    '/v2/oauth-clients/:clientId/users/:userId/sessions/:sessionId',
    {
      schema: {
        tags,
        operationId: 'revokeUserSession',
        summary: 'Revoke one session',
        security,
        headers,
        params: Type.Object({
          ...UserParams.properties,
          sessionId: Type.String({ format: 'uuid' }),
        }),
        response: {
          200: success(Type.Object({ revoked: Type.Integer() })),
          ...errors(400, 401, 403, 404, 429),
        },
      },
      preValidation: access.hook,
    },
    async (request) => {
      const { client, actor } = access.of(request)
      const userId = parseUserId(request.params.userId)
      await tessera.users.get(client.id, userId)
      const revoked = await tessera.sessions.revoke(
        client.organizationId,
        { clientId: client.id, userId, familyId: request.params.sessionId },
        'revoked_by_client',
        actor,
      )
      return ok({ revoked })
    },
  )
}
