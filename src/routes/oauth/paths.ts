/**
 * The endpoints that answer errors in RFC 6749 §5.2 form (`errorFormat: 'oauth'`): the routes,
 * the discovery document and the start-up handler (http/starting.ts) take them from here.
 */
export const RFC6749_PATHS = {
  token: '/v2/oauth/token',
  revocation: '/v2/oauth/revoke',
  introspection: '/v2/oauth/introspect',
} as const
