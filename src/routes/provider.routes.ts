import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { credentialsInvalid, credentialsMissing } from '../errors.js'
import { isPlausibleClientId } from '../domain/clients/client-id.js'
import { SECRET_PREFIX } from '../crypto/secrets.js'
import { bearerToken, ONLY_CLIENT_ID, unknownClient, type Guards } from '../http/guards.js'
import { ClientIdParams, errors, secretHeader, success } from '../http/schemas/common.js'
import { authorize, pathParam } from './auth-hook.js'
import { ok, type App, type RouteDeps } from './types.js'

const tags = ['Provider']

/**
 * `/v2/provider/{clientId}…`: the two calls Cal.com's React atoms make before anything else
 * (`useOAuthClient` checks the client id, `useOAuthFlow` checks the stored access token and
 * refreshes it on 498 or 401).
 */
export function providerRoutes(app: App, { tessera, guards }: RouteDeps): void {
  app.get(
    '/v2/provider/:clientId',
    {
      schema: {
        operationId: 'CalProviderController_verifyClientId',
        tags,
        summary: 'Check that an OAuth client exists (no authentication; used by the atoms)',
        description:
          'Reveals only the id, organization and name of a client. An unknown id gets 401, as in Cal.com.',
        security: [],
        params: ClientIdParams,
        response: {
          200: success(
            Type.Object({
              clientId: Type.String(),
              organizationId: Type.Integer(),
              name: Type.String(),
            }),
          ),
          ...errors(401),
        },
      },
    },
    async (request) => {
      const { clientId } = request.params
      const client = isPlausibleClientId(clientId) ? await tessera.clients.find(clientId) : null
      // Cal.com answers an unknown client id here with a bare 401; the atoms show "Invalid oAuth Client"
      if (!client) throw unknownClient(clientId)
      return ok({ clientId: client.id, organizationId: client.organization_id, name: client.name })
    },
  )

  app.get(
    '/v2/provider/:clientId/access-token',
    {
      schema: {
        operationId: 'CalProviderController_verifyAccessToken',
        tags,
        summary: "Check an access token of this client's managed users, or the client's secret",
        description:
          '200 when `Authorization: Bearer` carries a live access token issued to this client (its Origin, if sent, must match a redirect URI), or `x-cal-secret-key` carries its secret. 498 when the access token has expired: the atoms refresh on 498 or 401.',
        security: [{ accessToken: [] }, { clientSecret: [] }],
        headers: Type.Object(secretHeader),
        params: ClientIdParams,
        response: {
          200: Type.Object({ status: Type.Literal('success') }),
          ...errors(401, 429, 498),
        },
      },
      preValidation: authorize((r) => providerAccess(guards, r)).hook,
    },
    async () => ({ status: 'success' as const }),
  )
}

/**
 * The client's secret if one is sent (Cal.com tries client credentials first), otherwise a managed
 * user's access token that belongs to the client in the path. An API key is not a credential
 * here: it would say nothing about the token the atoms hold.
 */
async function providerAccess(guards: Guards, request: FastifyRequest): Promise<void> {
  const clientId = pathParam(request, ClientIdParams, 'clientId')
  if (request.headers['x-cal-secret-key']) {
    await guards.clientSecret(request, clientId)
    return
  }
  const bearer = bearerToken(request)
  if (bearer === undefined) throw credentialsMissing(ONLY_CLIENT_ID)
  if (bearer.startsWith(SECRET_PREFIX.apiKey)) {
    throw credentialsInvalid(
      "This endpoint checks a managed user's access token or the client's secret, not an API key.",
    )
  }
  const access = await guards.accessToken(request)
  if (access.client.id !== clientId) {
    throw credentialsInvalid(`The access token was not issued to the OAuth client ${clientId}.`)
  }
}
