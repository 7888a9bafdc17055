import { Type } from 'typebox'
import { OAuthError } from '../../errors.js'
import { REUSE_HEADER } from '../../domain/tokens/refresh.js'
import { TokenRequest } from '../../http/schemas/oauth.js'
import { authenticateClient, bodyParams, param } from './client-auth.js'
import { RFC6749_PATHS } from './paths.js'
import { NO_STORE, oauthErrors, type OAuthRouteDeps } from './common.js'

/**
 * RFC 6749 §6 refresh at the standard token endpoint, on the same token families as Cal.com's
 * refresh: a token rotated here is spent there, and the same exactly-once rules apply.
 */
export function tokenRoute({ app, tessera, guards }: OAuthRouteDeps): void {
  app.post(
    RFC6749_PATHS.token,
    {
      config: { errorFormat: 'oauth' },
      schema: {
        tags: ['Standard OAuth'],
        operationId: 'requestToken',
        summary: 'Token endpoint (RFC 6749 §6): grant_type=refresh_token',
        description:
          'Form-encoded or JSON. Client authentication: client_secret_basic or client_secret_post.',
        security: [{ clientBasic: [] }, {}],
        consumes: ['application/x-www-form-urlencoded', 'application/json'],
        body: TokenRequest,
        response: {
          200: Type.Object({
            access_token: Type.String(),
            token_type: Type.Literal('Bearer'),
            expires_in: Type.Integer(),
            refresh_token: Type.String(),
            refresh_token_expires_in: Type.Integer(),
          }),
          ...oauthErrors(400, 401, 429),
        },
      },
    },
    async (request, reply) => {
      const params = bodyParams(request)
      const grantType = param(params, 'grant_type')
      if (grantType === undefined)
        throw new OAuthError(400, 'invalid_request', 'grant_type is required')
      const client = await authenticateClient(request, params, guards)
      if (grantType !== 'refresh_token') {
        throw new OAuthError(
          400,
          'unsupported_grant_type',
          'Only grant_type=refresh_token is supported',
        )
      }
      const refreshToken = param(params, 'refresh_token')
      if (refreshToken === undefined)
        throw new OAuthError(400, 'invalid_request', 'refresh_token is required')
      // No scopes exist here; asking for any exceeds the original grant (§6).
      if (param(params, 'scope') !== undefined) {
        throw new OAuthError(400, 'invalid_scope', 'This server issues tokens without scopes')
      }
      // a refused token is `refresh_token_invalid`: the error mapper writes it as invalid_grant
      const result = await tessera.refresh.refresh(client.id, refreshToken, request.deadline)
      if (result.reuse) reply.header(REUSE_HEADER, result.reuse)
      const now = tessera.ctx.clock()
      reply.headers(NO_STORE)
      return {
        access_token: result.pair.accessToken,
        token_type: 'Bearer' as const,
        expires_in: Math.max(0, Math.round((result.pair.accessTokenExpiresAt - now) / 1000)),
        refresh_token: result.pair.refreshToken,
        refresh_token_expires_in: Math.max(
          0,
          Math.round((result.pair.refreshTokenExpiresAt - now) / 1000),
        ),
      }
    },
  )
}
