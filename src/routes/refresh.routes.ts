import { Type } from 'typebox'
import { REUSE_HEADER } from '../domain/tokens/refresh.js'
import { ClientIdParams, errors, Keys, secretHeader, success } from '../http/schemas/common.js'
import { authorize, pathParam } from './auth-hook.js'
import { ok, type App, type RouteDeps } from './types.js'

/** `POST /v2/oauth/{clientId}/refresh`: Cal.com's refresh, always with the client secret. */
export function refreshRoutes(app: App, { tessera, guards }: RouteDeps): void {
  const client = authorize((r) => guards.clientSecret(r, pathParam(r, ClientIdParams, 'clientId')))
  app.post(
    '/v2/oauth/:clientId/refresh',
    {
      schema: {
        tags: ['Tokens'],
        operationId: 'OAuthFlowController_refreshTokens',
        summary: 'Refresh a managed user’s tokens (rotation, exactly once)',
        description:
          'The first use of a refresh token rotates it. Presenting it again within TESSERA_REFRESH_REUSE_INTERVAL_SECONDS returns the same successor pair (header `x-tessera-refresh-reuse: duplicate`); an older token revokes the whole session (`x-tessera-refresh-reuse: replay`, 400).',
        security: [{ clientSecret: [] }],
        headers: Type.Object(secretHeader),
        params: ClientIdParams,
        body: Type.Object({ refreshToken: Type.String({ minLength: 1, maxLength: 4096 }) }),
        response: { 200: success(Keys), ...errors(400, 401, 429) },
      },
      preValidation: client.hook,
    },
    async (request, reply) => {
      const { id } = client.of(request)
      const result = await tessera.refresh.refresh(id, request.body.refreshToken, request.deadline)
      if (result.reuse) reply.header(REUSE_HEADER, result.reuse)
      return ok(result.pair)
    },
  )
}
