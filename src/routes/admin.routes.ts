import { Type } from 'typebox'
import { metricsAccess } from '../http/metrics-access.js'
import { errors, success } from '../http/schemas/common.js'
import { ok, type App, type RouteDeps } from './types.js'

const Role = Type.Enum(['OWNER', 'ADMIN', 'MEMBER'])
const OrgParams = Type.Object({ orgId: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) })
const Organization = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
})
const security = [{ operatorKey: [] }]

/** Tessera's own operator API (Cal.com has a dashboard for this). */
export function adminRoutes(root: App, deps: RouteDeps): void {
  const { tessera, guards } = deps
  root.get(
    '/metrics',
    {
      schema: {
        tags: ['Operations'],
        operationId: 'getMetrics',
        summary:
          'Prometheus metrics (operator key, or TESSERA_METRICS_TOKEN): requests, refreshes, token checks, rate limiting, pool, change feed, deliveries, faults, Node.js runtime',
        security: [{ operatorKey: [] }, { metricsToken: [] }],
        produces: ['text/plain'],
      },
      onRequest: metricsAccess(guards, tessera.ctx.config.metricsToken),
    },
    async (_request, reply) =>
      reply.type(tessera.metrics.contentType).send(await tessera.metrics.render()),
  )
  // Encapsulated: the operator check runs first, before the body is even read.
  void root.register(async (app: App) => {
    app.addHook('onRequest', (request) => guards.operator(request))
    operatorRoutes(app, deps)
  })
}

function operatorRoutes(app: App, { tessera }: RouteDeps): void {
  app.post(
    '/v2/admin/organizations',
    {
      schema: {
        tags: ['Operator'],
        operationId: 'createOrganization',
        summary: 'Create an organization and its first OWNER API key',
        security,
        body: Type.Object(
          { name: Type.String({ minLength: 1, maxLength: 255 }) },
          { additionalProperties: false },
        ),
        response: {
          201: success(
            Type.Object({
              ...Organization.properties,
              apiKey: Type.String({ description: 'Shown once' }),
            }),
          ),
          ...errors(400, 401, 429),
        },
      },
    },
    async (request, reply) => {
      const { organization, apiKey } = await tessera.organizations.create(
        request.body.name,
        'operator',
      )
      return reply.status(201).send(
        ok({
          id: organization.id,
          name: organization.name,
          createdAt: organization.createdAt.toISOString(),
          apiKey,
        }),
      )
    },
  )

  app.get(
    '/v2/admin/organizations',
    {
      schema: {
        tags: ['Operator'],
        operationId: 'listOrganizations',
        summary: 'List organizations',
        security,
        response: { 200: success(Type.Array(Organization)), ...errors(401, 429) },
      },
    },
    async () =>
      ok(
        (await tessera.organizations.list()).map((o) => ({
          id: o.id,
          name: o.name,
          createdAt: o.createdAt.toISOString(),
        })),
      ),
  )

  app.post(
    '/v2/admin/organizations/:orgId/api-keys',
    {
      schema: {
        tags: ['Operator'],
        operationId: 'createOrganizationApiKey',
        summary: 'Issue an organization API key',
        security,
        params: OrgParams,
        body: Type.Object(
          { role: Role, name: Type.Optional(Type.String({ maxLength: 255 })) },
          { additionalProperties: false },
        ),
        response: {
          201: success(
            Type.Object({
              id: Type.String(),
              key: Type.String({ description: 'Shown once' }),
              role: Role,
              name: Type.Union([Type.String(), Type.Null()]),
              createdAt: Type.String({ format: 'date-time' }),
            }),
          ),
          ...errors(400, 401, 404, 429),
        },
      },
    },
    async (request, reply) => {
      const key = await tessera.organizations.createApiKey(
        request.params.orgId,
        request.body.role as 'OWNER' | 'ADMIN' | 'MEMBER',
        request.body.name ?? null,
        'operator',
      )
      return reply.status(201).send(
        ok({
          id: key.id,
          key: key.key,
          role: key.role,
          name: key.name,
          createdAt: key.createdAt.toISOString(),
        }),
      )
    },
  )

  app.delete(
    '/v2/admin/organizations/:orgId/api-keys/:keyId',
    {
      schema: {
        tags: ['Operator'],
        operationId: 'revokeOrganizationApiKey',
        summary: 'Revoke an organization API key (it stops working at once)',
        security,
        params: Type.Object({ ...OrgParams.properties, keyId: Type.String({ format: 'uuid' }) }),
        response: {
          200: success(Type.Object({ id: Type.String(), revoked: Type.Boolean() })),
          ...errors(400, 401, 404, 429),
        },
      },
    },
    async (request) => {
      await tessera.organizations.revokeApiKey(
        request.params.orgId,
        request.params.keyId,
        'operator',
      )
      return ok({ id: request.params.keyId, revoked: true })
    },
  )

  app.post(
    '/v2/admin/signing-keys/rotate',
    {
      schema: {
        tags: ['Operator'],
        operationId: 'rotateSigningKey',
        summary: 'Rotate the access-token signing key',
        description:
          'The new key is published in the JWKS at once and starts signing at `activatesAt` (after TESSERA_SIGNING_KEY_ACTIVATION_DELAY_SECONDS, so verifiers caching the JWKS already know it); the previous key signs until then, and keeps verifying until the last token it signed has expired, then leaves the JWKS. 409 while a rotation is pending.',
        security,
        response: {
          200: success(
            Type.Object({
              kid: Type.String(),
              alg: Type.String(),
              previousKid: Type.Union([Type.String(), Type.Null()]),
              activatesAt: Type.String({
                format: 'date-time',
                description: 'When the new key starts signing access tokens',
              }),
            }),
          ),
          ...errors(401, 409, 429),
        },
      },
    },
    async () => {
      const rotation = await tessera.keyRing.rotate('operator')
      return ok({ ...rotation, activatesAt: rotation.activatesAt.toISOString() })
    },
  )
}
