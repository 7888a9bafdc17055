export { TesseraClient, REFRESH_REUSE_HEADER } from './clients/tessera-client.js'
export type { TesseraClientOptions, RefreshResult } from './clients/tessera-client.js'
export { OrganizationClient, OAuthClients } from './clients/organization-client.js'
export type { OrganizationClientOptions } from './clients/organization-client.js'
export { OperatorClient } from './clients/operator-client.js'
export type { OperatorClientOptions, OperatorAuditOptions } from './clients/operator-client.js'
export { ManagedUsers } from './resources/managed-users.js'
export type { CallOptions, ListManagedUsersOptions } from './resources/managed-users.js'
export { Sessions } from './resources/sessions.js'
export type { AuditListOptions } from './resources/audit.js'
export type { TransportOptions } from './http/transport.js'
export type { RetryOptions } from './http/retry.js'
export * from './errors.js'
export type * from './types.js'
export { TokenManager } from './tokens/token-manager.js'
export type { TokenManagerOptions } from './tokens/token-manager.js'
export { MemoryTokenStore } from './tokens/token-store.js'
export type { TokenStore } from './tokens/token-store.js'
export { PostgresTokenStore } from './tokens/postgres-store.js'
export type { PostgresTokenStoreOptions, SqlClient } from './tokens/postgres-store.js'
export { RedisTokenStore } from './tokens/redis-store.js'
export type { RedisTokenStoreOptions, RedisClient } from './tokens/redis-store.js'
export { createVerifier } from './verify/verifier.js'
export type {
  Verifier,
  VerifierOptions,
  VerifyOptions,
  VerifiedAccessToken,
} from './verify/verifier.js'
export type { IntrospectionOptions } from './verify/introspection.js'
export {
  InvalidTokenError,
  VerifierUnavailableError,
  VerifierConfigurationError,
} from './verify/errors.js'
export type { InvalidTokenReason } from './verify/errors.js'
export { tesseraFastify, tesseraToken } from './verify/fastify.js'
export type { TesseraRouteConfig } from './verify/fastify.js'
export { tesseraExpress } from './verify/express.js'
export type { HttpAuthOptions } from './verify/http-auth.js'
