import { Type } from 'typebox'
import { checkedInDomain } from './documented.js'

/**
 * The parameters of the RFC endpoints, sent form-encoded as the RFCs define (JSON is accepted
 * too). The routes read them by hand (routes/oauth/client-auth.ts), so that errors come in RFC
 * 6749 §5.2's order and shape; these schemas document them.
 */
const clientCredentials = {
  client_id: Type.Optional(
    Type.String({ description: 'client_secret_post; omit when using HTTP Basic' }),
  ),
  client_secret: Type.Optional(
    Type.String({ description: 'client_secret_post; omit when using HTTP Basic' }),
  ),
}

const tokenTypeHint = Type.Optional(
  Type.Union([Type.Literal('access_token'), Type.Literal('refresh_token')]),
)

export const TokenRequest = checkedInDomain(
  Type.Object({
    grant_type: Type.Literal('refresh_token', { description: 'The only grant supported' }),
    refresh_token: Type.String(),
    ...clientCredentials,
  }),
)

export const RevocationRequest = checkedInDomain(
  Type.Object({ token: Type.String(), token_type_hint: tokenTypeHint, ...clientCredentials }),
)

export const IntrospectionRequest = checkedInDomain(
  Type.Object({ token: Type.String(), token_type_hint: tokenTypeHint, ...clientCredentials }),
)
