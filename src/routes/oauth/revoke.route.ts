import { Type } from 'typebox'
import { DomainError, OAuthError } from '../../errors.js'
import { RevocationRequest } from '../../http/schemas/oauth.js'
import { authenticateClient, bodyParams, param } from './client-auth.js'
import { RFC6749_PATHS } from './paths.js'
import { NO_STORE, oauthErrors, type OAuthRouteDeps } from './common.js'

/**
 * RFC 7009. Revoking either token of a session revokes the whole session (its token family): its
 * refresh token and every access token it issued stop working on every process.
 */
export function revokeRoute({ app, tessera, guards }: OAuthRouteDeps): void {
  app.post(
    RFC6749_PATHS.revocation,
    {
      config: { errorFormat: 'oauth' },
      schema: {
        tags: ['Standard OAuth'],
        operationId: 'revokeToken',
        summary: 'Token revocation (RFC 7009)',
        description:
          '200 with an empty body whether or not the token was valid (§2.2). A token of another client is left alone, with the same 200, so its validity is not revealed.',
        security: [{ clientBasic: [] }, {}],
        consumes: ['application/x-www-form-urlencoded', 'application/json'],
        body: RevocationRequest,
        response: {
          // `null` in OpenAPI terms (no content); `undefined` for the handler, which sends no body
          200: Type.Unsafe<undefined>({
            type: 'null',
            description: 'No content: the status code is the whole answer (§2.2)',
          }),
          ...oauthErrors(400, 401, 429),
        },
      },
    },
    async (request, reply) => {
      const params = bodyParams(request)
      const client = await authenticateClient(request, params, guards)
      const token = param(params, 'token')
      if (token === undefined) throw new OAuthError(400, 'invalid_request', 'token is required')
      const found = await tessera.inspector.inspect(token, param(params, 'token_type_hint'))
      if (found && found.clientId === client.id) {
        await tessera.sessions
          .revoke(
            client.organizationId,
            { clientId: client.id, userId: found.userId, familyId: found.familyId },
            'revoked_via_rfc7009',
            `client:${client.id}`,
          )
          .catch((err: unknown) => {
            // a session deleted meanwhile (its user is gone) is as revoked as it gets
            if (!(err instanceof DomainError && err.code === 'not_found')) throw err
          })
      }
      // §2.2: the status code conveys everything; the client ignores any body, so send none
      return reply.code(200).headers(NO_STORE).send()
    },
  )
}
