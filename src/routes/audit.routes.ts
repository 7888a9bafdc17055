import { Type } from 'typebox'
import { listAuditEvents, type AuditEventFilter } from '../domain/audit/list.js'
import { verifyAuditChains } from '../domain/audit/verify.js'
import { AuditVerification } from '../http/schemas/audit.js'
import { ClientIdParams, errors, secretHeader, success } from '../http/schemas/common.js'
import { authorize, pathParam } from './auth-hook.js'
import { ok, type App, type RouteDeps } from './types.js'

/** Scalars, or a list of ids or field names; never secrets or tokens (docs/events.md lists them). */
const AuditData = Type.Record(
  Type.String(),
  Type.Union([
    Type.String(),
    Type.Number(),
    Type.Boolean(),
    Type.Null(),
    Type.Array(Type.String()),
  ]),
  { description: 'What the event is about, per type (docs/events.md), e.g. {"changed": ["name"]}' },
)

const AuditEvent = Type.Object({
  id: Type.Integer(),
  organizationId: Type.Union([Type.Integer(), Type.Null()]),
  occurredAt: Type.String({ format: 'date-time' }),
  type: Type.String(),
  actor: Type.String(),
  clientId: Type.Union([Type.String(), Type.Null()]),
  userId: Type.Union([Type.Integer(), Type.Null()]),
  familyId: Type.Union([Type.String(), Type.Null()]),
  data: AuditData,
  sealed: Type.Boolean({ description: 'Linked into the hash chain (within about a second)' }),
  chainSeq: Type.Union([Type.Integer(), Type.Null()]),
  hash: Type.Union([Type.String(), Type.Null()]),
})

const Page = success(
  Type.Object({
    events: Type.Array(AuditEvent),
    nextCursor: Type.Union([Type.String(), Type.Null()], {
      description: 'Pass as `cursor` for the next (older) page',
    }),
  }),
)

const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  cursor: Type.Optional(Type.String({ maxLength: 64 })),
  types: Type.Optional(
    Type.String({ description: 'Comma-separated event types, e.g. token.reuse_detected' }),
  ),
  userId: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'Only this managed user' }),
  ),
  since: Type.Optional(
    Type.String({ format: 'date-time', description: 'Only events at or after this time' }),
  ),
  until: Type.Optional(
    Type.String({ format: 'date-time', description: 'Only events before this time' }),
  ),
}

/** The filters every audit listing shares, from its query. */
const commonFilter = (query: {
  types?: string
  userId?: number
  since?: string
  until?: string
}): AuditEventFilter => {
  const types = splitTypes(query.types)
  return {
    ...(types ? { types } : {}),
    ...(query.userId !== undefined ? { userId: query.userId } : {}),
    ...(query.since !== undefined ? { since: new Date(query.since) } : {}),
    ...(query.until !== undefined ? { until: new Date(query.until) } : {}),
  }
}

const splitTypes = (types: string | undefined) =>
  types
    ?.split(',')
    .map((t) => t.trim())
    .filter(Boolean)

/** The tamper-evident audit log: per client, for the operator, and its verification. */
export function auditRoutes(app: App, { tessera, guards }: RouteDeps): void {
  const clientEvents = authorize((r) =>
    guards.clientOrApiKey(r, pathParam(r, ClientIdParams, 'clientId')),
  )
  const { db } = tessera.ctx.database

  app.get(
    '/v2/oauth-clients/:clientId/events',
    {
      schema: {
        tags: ['Audit'],
        operationId: 'listClientAuditEvents',
        summary: 'Security events of a client and its users, newest first',
        security: [{ clientSecret: [] }, { apiKey: [] }],
        headers: Type.Object(secretHeader),
        params: ClientIdParams,
        querystring: Type.Object(PageQuery),
        response: { 200: Page, ...errors(400, 401, 403, 404, 429) },
      },
      preValidation: clientEvents.hook,
    },
    async (request) => {
      const { client } = clientEvents.of(request)
      const { limit = 100, cursor } = request.query
      return ok(
        await listAuditEvents(
          db,
          { clientId: client.id, ...commonFilter(request.query) },
          { limit, ...(cursor ? { cursor } : {}) },
        ),
      )
    },
  )

  void app.register(async (scope: App) => {
    scope.addHook('onRequest', (request) => guards.operator(request))

    scope.get(
      '/v2/admin/audit',
      {
        schema: {
          tags: ['Operator'],
          operationId: 'listAuditEvents',
          summary: 'All security events, newest first',
          security: [{ operatorKey: [] }],
          querystring: Type.Object({
            ...PageQuery,
            organizationId: Type.Optional(
              Type.Integer({
                minimum: 0,
                maximum: 2_147_483_647,
                description: '0: instance events',
              }),
            ),
            clientId: Type.Optional(Type.String({ maxLength: 200 })),
          }),
          response: { 200: Page, ...errors(400, 401, 429) },
        },
      },
      async (request) => {
        const { limit = 100, cursor, organizationId, clientId } = request.query
        return ok(
          await listAuditEvents(
            db,
            {
              ...(organizationId !== undefined
                ? { organizationId: organizationId === 0 ? null : organizationId }
                : {}),
              ...(clientId ? { clientId } : {}),
              ...commonFilter(request.query),
            },
            { limit, ...(cursor ? { cursor } : {}) },
          ),
        )
      },
    )

    scope.post(
      '/v2/admin/audit/verify',
      {
        schema: {
          tags: ['Operator'],
          operationId: 'verifyAuditChains',
          summary: 'Verify the audit hash chains; pinpoints the first altered or missing row',
          security: [{ operatorKey: [] }],
          querystring: Type.Object({
            organizationId: Type.Optional(
              Type.Integer({
                minimum: 0,
                maximum: 2_147_483_647,
                description: '0: instance chain',
              }),
            ),
          }),
          response: {
            200: success(AuditVerification),
            ...errors(401, 429),
          },
        },
      },
      async (request) => {
        await tessera.sealAudit()
        const { organizationId } = request.query
        return ok(
          await verifyAuditChains(
            db,
            organizationId !== undefined ? { chainId: organizationId } : {},
          ),
        )
      },
    )
  })
}
