import type { components, paths } from './generated/openapi.js'

/**
 * Public names for the shapes of Tessera's API, all derived from the generated OpenAPI types so
 * they change when the server's document does (`npm run sdk:types`).
 */
type Method = 'get' | 'post' | 'patch' | 'delete' | 'put'
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>

/** The `data` of a `{status:"success", data}` answer. */
export type ResponseData<P extends keyof paths, M extends Method, S extends number = 200> =
  Operation<P, M> extends {
    responses: { [K in S]: { content: { 'application/json': { data: infer D } } } }
  }
    ? D
    : never

/** The JSON body of an operation. */
export type RequestBody<P extends keyof paths, M extends Method> =
  Operation<P, M> extends {
    requestBody?: { content: { 'application/json': infer B } }
  }
    ? B
    : never

/** The query parameters of an operation. */
export type QueryParams<P extends keyof paths, M extends Method> =
  Operation<P, M> extends {
    parameters: { query?: infer Q }
  }
    ? NonNullable<Q>
    : never

type Schemas = components['schemas']

/** A managed user as the API returns it. */
export type ManagedUser = Schemas['ManagedUser']
/** An OAuth client (never with its secret). */
export type OAuthClient = Schemas['OAuthClient']
/** A token pair; both expiries are epoch milliseconds. */
export type TokenPair = Schemas['Keys']

export type CreateManagedUserInput = RequestBody<'/v2/oauth-clients/{clientId}/users', 'post'>
export type UpdateManagedUserInput = RequestBody<
  '/v2/oauth-clients/{clientId}/users/{userId}',
  'patch'
>
/** A new managed user and its first token pair. */
export type CreatedManagedUser = ResponseData<'/v2/oauth-clients/{clientId}/users', 'post', 201>
export type ListManagedUsersQuery = QueryParams<'/v2/oauth-clients/{clientId}/users', 'get'>

/** A session (token family) of a managed user. */
export type Session = ResponseData<
  '/v2/oauth-clients/{clientId}/users/{userId}/sessions',
  'get'
>[number]

export type CreateOAuthClientInput = RequestBody<'/v2/oauth-clients', 'post'>
export type UpdateOAuthClientInput = RequestBody<'/v2/oauth-clients/{clientId}', 'patch'>
/** The id and secret of a new OAuth client: the secret is shown only here. */
export type CreatedOAuthClient = ResponseData<'/v2/oauth-clients', 'post', 201>
/** A rotated client secret, shown once, and when the previous one stops working. */
export type RotatedSecret = ResponseData<'/v2/oauth-clients/{clientId}/secret', 'post'>

/** One page of audit events, newest first. */
export type AuditPage = ResponseData<'/v2/oauth-clients/{clientId}/events', 'get'>
export type AuditEvent = AuditPage['events'][number]
export type AuditQuery = QueryParams<'/v2/oauth-clients/{clientId}/events', 'get'>
export type OperatorAuditQuery = QueryParams<'/v2/admin/audit', 'get'>
export type AuditVerification = ResponseData<'/v2/admin/audit/verify', 'post'>

export type Organization = ResponseData<'/v2/admin/organizations', 'get'>[number]
/** A new organization and its first OWNER API key (shown only here). */
export type CreatedOrganization = ResponseData<'/v2/admin/organizations', 'post', 201>
export type CreateApiKeyInput = RequestBody<'/v2/admin/organizations/{orgId}/api-keys', 'post'>
/** A new API key: `key` is shown only here. */
export type CreatedApiKey = ResponseData<'/v2/admin/organizations/{orgId}/api-keys', 'post', 201>
/** What `tessera import` sends: Cal.com-shaped clients (with their secrets) and their users. */
export type ImportDocument = RequestBody<'/v2/admin/organizations/{orgId}/import', 'post'>
export type ImportReport = ResponseData<'/v2/admin/organizations/{orgId}/import', 'post'>
export type SigningKeyRotation = ResponseData<'/v2/admin/signing-keys/rotate', 'post'>

/** The managed user behind an access token (`GET /v2/me`). */
export type Me = ResponseData<'/v2/me', 'get'>
/** RFC 7662 introspection answer. */
export type Introspection = NonNullable<
  paths['/v2/oauth/introspect']['post']
>['responses'][200]['content']['application/json']

export type { components, paths }
