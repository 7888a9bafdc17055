import { Type } from 'typebox'
import { listSigningKeys } from '../domain/keys/signing-key-list.js'
import { listApiKeys } from '../domain/organizations/api-key-list.js'
import { errors, success } from '../http/schemas/common.js'
import { ok, type App, type RouteDeps } from './types.js'

const security = [{ operatorKey: [] }]
const nullableDate = Type.Union([Type.String({ format: 'date-time' }), Type.Null()])

/** Read-only operator listings the console shows (API keys of an organization, signing keys). */
export function operatorViewRoutes(root: App, deps: RouteDeps): void {
  const { tessera, guards } = deps
  const { db } = tessera.ctx.database
  void root.register(async (app: App) => {
    app.addHook('onRequest', (request) => guards.operator(request))

    app.get(
      '/v2/admin/organizations/:orgId/api-keys',
      {
        schema: {
          tags: ['Operator'],
          operationId: 'listApiKeys',
          summary:
            'API keys of an organization (names and roles; key values are never shown again)',
          security,
          params: Type.Object({ orgId: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }),
          response: {
            200: success(
              Type.Array(
                Type.Object({
                  id: Type.String(),
                  role: Type.Enum(['OWNER', 'ADMIN', 'MEMBER']),
                  name: Type.Union([Type.String(), Type.Null()]),
                  createdAt: Type.String({ format: 'date-time' }),
                  revokedAt: nullableDate,
                }),
              ),
            ),
            ...errors(400, 401, 404, 429),
          },
        },
      },
      async (request) =>
        ok(
          (await listApiKeys(db, request.params.orgId)).map((k) => ({
            id: k.id,
            role: k.role,
            name: k.name,
            createdAt: k.createdAt.toISOString(),
            revokedAt: k.revokedAt?.toISOString() ?? null,
          })),
        ),
    )

    app.get(
      '/v2/admin/signing-keys',
      {
        schema: {
          tags: ['Operator'],
          operationId: 'listSigningKeys',
          summary: 'Signing keys, newest first: the active one and retired ones still verifying',
          security,
          response: {
            200: success(
              Type.Array(
                Type.Object({
                  kid: Type.String(),
                  alg: Type.String(),
                  state: Type.Enum(['active', 'verifying', 'expired']),
                  createdAt: Type.String({ format: 'date-time' }),
                  retiredAt: nullableDate,
                  verifyUntil: nullableDate,
                }),
              ),
            ),
            ...errors(401, 429),
          },
        },
      },
      async () =>
        ok(
          (await listSigningKeys(db, tessera.ctx.clock())).map((k) => ({
            kid: k.kid,
            alg: k.alg,
            state: k.state,
            createdAt: k.createdAt.toISOString(),
            retiredAt: k.retiredAt?.toISOString() ?? null,
            verifyUntil: k.verifyUntil?.toISOString() ?? null,
          })),
        ),
    )
  })
}
