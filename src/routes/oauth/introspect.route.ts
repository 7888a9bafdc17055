import { Type } from 'typebox'
import { OAuthError } from '../../errors.js'
import { IntrospectionRequest } from '../../http/schemas/oauth.js'
import { authenticateClient, bodyParams, param } from './client-auth.js'
import { RFC6749_PATHS } from './paths.js'
import { NO_STORE, oauthErrors, type OAuthRouteDeps } from './common.js'

/**
 * RFC 7662. Client-authenticated; a client sees only its own tokens. Anything inactive, unknown
 * or another client's gets exactly `{"active": false}` (§2.2).
 */
export function introspectRoute({ app, tessera, guards }: OAuthRouteDeps): void {
  app.post(
    RFC6749_PATHS.introspection,
    {
      config: { errorFormat: 'oauth' },
      schema: {
        tags: ['Standard OAuth'],
        operationId: 'introspectToken',
        summary: 'Token introspection (RFC 7662)',
        security: [{ clientBasic: [] }, {}],
        consumes: ['application/x-www-form-urlencoded', 'application/json'],
        body: IntrospectionRequest,
        response: {
          200: Type.Object({
            active: Type.Boolean(),
            token_type: Type.Optional(
              Type.Literal('Bearer', { description: 'RFC 6749 §7.1 type, for access tokens only' }),
            ),
            token_use: Type.Optional(
              Type.Union([Type.Literal('access_token'), Type.Literal('refresh_token')], {
                description: 'Which of the two tokens this is (as Ory Hydra names it)',
              }),
            ),
            client_id: Type.Optional(Type.String()),
            sub: Type.Optional(Type.String()),
            exp: Type.Optional(Type.Integer()),
            iat: Type.Optional(Type.Integer()),
            iss: Type.Optional(Type.String()),
            aud: Type.Optional(Type.String()),
            jti: Type.Optional(Type.String()),
            sid: Type.Optional(Type.String()),
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
      reply.headers(NO_STORE)
      const found = await tessera.inspector.inspect(token, param(params, 'token_type_hint'))
      if (!found || !found.active || found.clientId !== client.id) return { active: false }
      const { config } = tessera.ctx
      const access = found.tokenType === 'access_token'
      return {
        active: true,
        // RFC 7662 §2.2: token_type is the RFC 6749 §5.1 / §7.1 type (`Bearer`), which only an
        // access token has; which kind of token it is goes in token_use.
        ...(access ? { token_type: 'Bearer' as const } : {}),
        token_use: found.tokenType,
        client_id: found.clientId,
        sub: String(found.userId),
        exp: Math.floor(found.expiresAt / 1000),
        iat: found.issuedAt,
        iss: config.issuer,
        ...(access ? { aud: config.audience } : {}),
        jti: found.jti,
        sid: found.familyId,
      }
    },
  )
}
