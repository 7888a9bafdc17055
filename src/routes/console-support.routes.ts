import { Type } from 'typebox'
import { verifyAuditChains } from '../domain/audit/verify.js'
import { searchUsers } from '../domain/users/user-search.js'
import { forbidden } from '../errors.js'
import { ClientIdParams, errors, secretHeader, success } from '../http/schemas/common.js'
import { AuditVerification } from '../http/schemas/audit.js'
import { authorize, pathParam } from './auth-hook.js'
import { ok, type App, type RouteDeps } from './types.js'

const READ = ['ADMIN', 'OWNER', 'MEMBER'] as const
const MANAGE = ['ADMIN', 'OWNER'] as const

/**
 * Tessera's own reads that a console needs and Cal.com's API lacks: user search with a total,
 * a client secret's rotation state, and an organization's audit-chain verification.
 */
export function consoleSupportRoutes(app: App, { tessera, guards }: RouteDeps): void {
  const { db } = tessera.ctx.database
  const OrgParams = Type.Object({ orgId: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) })
  // the client's secret or an OWNER/ADMIN key of its organization, as the managed-user list
  const usersOfClient = authorize((r) =>
    guards.clientOrApiKey(r, pathParam(r, ClientIdParams, 'clientId')),
  )
  const clientForAnyRole = authorize((r) =>
    guards.apiKeyForClient(r, pathParam(r, ClientIdParams, 'clientId'), READ),
  )
  const organizationManager = authorize(async (r) => {
    const key = await guards.apiKey(r, MANAGE)
    const orgId = pathParam(r, OrgParams, 'orgId')
    if (String(key.organizationId) !== orgId) {
      throw forbidden(`This API key belongs to organization ${key.organizationId}, not ${orgId}`)
    }
    return key
  })

  app.get(
    '/v2/oauth-clients/:clientId/users/search',
    {
      schema: {
        tags: ['Managed users'],
        operationId: 'searchManagedUsers',
        summary: 'Search managed users by part of their email or name, one page and the total',
        description:
          'Case-insensitive substring match on the stored email and the name; oldest first, like the list. `total` counts every match, so a page of thousands is reached without loading them.',
        security: [{ clientSecret: [] }, { apiKey: [] }],
        headers: Type.Object(secretHeader),
        params: ClientIdParams,
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 255 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 250, default: 50 })),
          offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000, default: 0 })),
        }),
        response: {
          200: success(
            Type.Object({ users: Type.Array(Type.Ref('ManagedUser')), total: Type.Integer() }),
          ),
          ...errors(400, 401, 403, 404, 429),
        },
      },
      preValidation: usersOfClient.hook,
    },
    async (request) => {
      const { client } = usersOfClient.of(request)
      const { q, limit = 50, offset = 0 } = request.query
      return ok(await searchUsers(db, client.id, { limit, offset, ...(q ? { q } : {}) }))
    },
  )

  app.get(
    '/v2/oauth-clients/:clientId/secret',
    {
      schema: {
        tags: ['OAuth clients'],
        operationId: 'getOAuthClientSecretState',
        summary: 'Rotation state of the client secret (never the secret itself)',
        security: [{ apiKey: [] }],
        params: ClientIdParams,
        response: {
          200: success(
            Type.Object({
              previousSecretExpiresAt: Type.Union(
                [Type.String({ format: 'date-time' }), Type.Null()],
                { description: 'Until then the previous secret keeps working; null: none does' },
              ),
            }),
          ),
          ...errors(401, 403, 404, 429),
        },
      },
      preValidation: clientForAnyRole.hook,
    },
    async (request) => {
      const { client } = clientForAnyRole.of(request)
      const until = client.previousSecretExpiresAt
      return ok({
        previousSecretExpiresAt:
          until !== null && until > tessera.ctx.clock() ? new Date(until).toISOString() : null,
      })
    },
  )

  app.post(
    '/v2/organizations/:orgId/audit/verify',
    {
      schema: {
        tags: ['Audit'],
        operationId: 'verifyOrganizationAuditChain',
        summary: "Verify the organization's audit hash chain (OWNER, ADMIN)",
        security: [{ apiKey: [] }],
        params: OrgParams,
        response: { 200: success(AuditVerification), ...errors(400, 401, 403, 429) },
      },
      preValidation: organizationManager.hook,
    },
    async (request) => {
      await tessera.sealAudit()
      return ok(await verifyAuditChains(db, { chainId: request.params.orgId }))
    },
  )
}
