import { Type } from 'typebox'
import { credentialsMissing, forbidden } from '../../errors.js'
import { bearerToken, ONLY_CLIENT_ID } from '../../http/guards.js'
import { ClientIdParams, secretHeader } from '../../http/schemas/common.js'
import { Delivery, Webhook } from '../../http/schemas/webhooks.js'
import { pathParam } from '../auth-hook.js'
import type { App, RouteDeps } from '../types.js'
import { webhookRoutes } from './webhook-routes.js'

// In the order of Cal.com's `@MembershipRoles` decorators: the 403 message lists them this way.
const MANAGE = ['ADMIN', 'OWNER'] as const
const READ = ['ADMIN', 'OWNER', 'MEMBER'] as const
const OrgParams = Type.Object({ orgId: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) })

/**
 * Webhooks at three levels, one API shape:
 * - `/v2/oauth-clients/{clientId}/webhooks`: Cal.com's, with the client secret (or an API key of
 *   its organization); the client's events.
 * - `/v2/organizations/{orgId}/webhooks`: an API key; the events of every client of the
 *   organization and of its keys.
 * - `/v2/admin/webhooks`: the operator key; every event of the instance.
 */
export function registerWebhookRoutes(app: App, deps: RouteDeps): void {
  const { guards } = deps
  app.addSchema(Webhook)
  app.addSchema(Delivery)

  webhookRoutes(app, deps, {
    path: '/v2/oauth-clients/:clientId/webhooks',
    params: ClientIdParams,
    headers: Type.Object(secretHeader),
    name: 'Client',
    tags: ['Webhooks'],
    security: [{ clientSecret: [] }, { apiKey: [] }],
    async authorize(request, write) {
      const clientId = pathParam(request, ClientIdParams, 'clientId')
      if (request.headers['x-cal-secret-key'] !== undefined) {
        const client = await guards.clientSecret(request, clientId)
        return {
          owner: { scope: 'client', clientId: client.id, organizationId: client.organizationId },
          actor: `client:${client.id}`,
        }
      }
      if (bearerToken(request) !== undefined) {
        const { key, client } = await guards.apiKeyForClient(
          request,
          clientId,
          write ? MANAGE : READ,
        )
        return {
          owner: { scope: 'client', clientId: client.id, organizationId: client.organizationId },
          actor: `api_key:${key.keyId}`,
        }
      }
      throw credentialsMissing(ONLY_CLIENT_ID)
    },
  })

  webhookRoutes(app, deps, {
    path: '/v2/organizations/:orgId/webhooks',
    params: OrgParams,
    name: 'Organization',
    tags: ['Webhooks'],
    security: [{ apiKey: [] }],
    async authorize(request, write) {
      const key = await guards.apiKey(request, write ? MANAGE : READ)
      const orgId = pathParam(request, OrgParams, 'orgId')
      if (key.organizationId !== Number(orgId)) {
        throw forbidden(`This API key belongs to organization ${key.organizationId}, not ${orgId}`)
      }
      return {
        owner: { scope: 'organization', organizationId: key.organizationId },
        actor: `api_key:${key.keyId}`,
      }
    },
  })

  webhookRoutes(app, deps, {
    path: '/v2/admin/webhooks',
    params: Type.Object({}),
    name: 'Operator',
    tags: ['Operator'],
    security: [{ operatorKey: [] }],
    async authorize(request) {
      await guards.operator(request)
      return { owner: { scope: 'instance' }, actor: 'operator' }
    },
  })
}
