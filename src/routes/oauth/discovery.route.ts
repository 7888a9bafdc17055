import { Type, type Static } from 'typebox'
import type { OAuthRouteDeps } from './common.js'
import { RFC6749_PATHS } from './paths.js'

const strings = Type.Array(Type.String())

/** What the metadata document holds (RFC 8414 §2); `response_types_supported` is empty. */
const ServerMetadata = Type.Object({
  issuer: Type.String(),
  token_endpoint: Type.String(),
  revocation_endpoint: Type.String(),
  introspection_endpoint: Type.String(),
  jwks_uri: Type.String(),
  grant_types_supported: strings,
  response_types_supported: strings,
  token_endpoint_auth_methods_supported: strings,
  revocation_endpoint_auth_methods_supported: strings,
  introspection_endpoint_auth_methods_supported: strings,
  service_documentation: Type.String(),
})

/** A public signing key (RFC 7517): RSA (`n`, `e`) or EC / OKP (`crv`, `x`, `y`). */
const PublicJwk = Type.Object({
  kty: Type.String({ examples: ['RSA', 'EC', 'OKP'] }),
  kid: Type.String(),
  alg: Type.String(),
  use: Type.Literal('sig'),
  n: Type.Optional(Type.String()),
  e: Type.Optional(Type.String()),
  crv: Type.Optional(Type.String()),
  x: Type.Optional(Type.String()),
  y: Type.Optional(Type.String()),
})

/** RFC 8414 metadata and the JWKS (RFC 7517) that verifies access tokens. */
export function discoveryRoutes({ app, tessera }: OAuthRouteDeps): void {
  const { issuer } = tessera.ctx.config
  const metadata = {
    issuer,
    token_endpoint: `${issuer}${RFC6749_PATHS.token}`,
    revocation_endpoint: `${issuer}${RFC6749_PATHS.revocation}`,
    introspection_endpoint: `${issuer}${RFC6749_PATHS.introspection}`,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    grant_types_supported: ['refresh_token'],
    response_types_supported: [],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    revocation_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    introspection_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    service_documentation: `${issuer}/v2/docs`,
  }
  // The same document under OpenID Connect Discovery's name too: openid-client, oauth4webapi and
  // most resource-server libraries look there by default (docs/adr/0010-discovery-for-oauth-libraries.md).
  // It claims nothing OpenID-specific: no ID tokens, no userinfo, no authorization endpoint.
  const paths = [
    [
      '/.well-known/oauth-authorization-server',
      'getAuthorizationServerMetadata',
      'Authorization server metadata (RFC 8414)',
    ],
    [
      '/.well-known/openid-configuration',
      'getOpenIdConfiguration',
      'The same metadata where OpenID Connect Discovery clients look for it',
    ],
  ] as const
  for (const [path, operationId, summary] of paths) {
    app.get(
      path,
      {
        schema: {
          tags: ['Standard OAuth'],
          operationId,
          summary,
          response: { 200: ServerMetadata },
        },
      },
      async (_request, reply) => {
        reply.header('cache-control', 'public, max-age=300')
        return metadata
      },
    )
  }

  app.get(
    '/.well-known/jwks.json',
    {
      schema: {
        tags: ['Standard OAuth'],
        operationId: 'getJwks',
        summary: 'Public keys of access-token signatures (empty in HS256 mode)',
        response: {
          200: Type.Object({ keys: Type.Array(PublicJwk) }),
        },
      },
    },
    async (_request, reply) => {
      // short: a rotated key must reach verifiers well before tokens it signed are common
      reply.header('cache-control', 'public, max-age=60')
      // the key ring's public JWKs always carry kid, alg and use (domain/keys/signing-key.ts)
      return tessera.keyRing.jwks() as { keys: Static<typeof PublicJwk>[] }
    },
  )
}
