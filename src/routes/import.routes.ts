import { Type } from 'typebox'
import { errors, success } from '../http/schemas/common.js'
import { ImportBody, ImportReport } from '../http/schemas/import.js'
import { ok, type App, type RouteDeps } from './types.js'

/** `POST /v2/admin/organizations/{orgId}/import`: the operator moves a Cal.com organization in. */
export function importRoutes(root: App, { tessera, guards }: RouteDeps): void {
  // Encapsulated: the operator check runs first, before the body is even read.
  void root.register(async (app: App) => {
    app.addHook('onRequest', (request) => guards.operator(request))
    app.post(
      '/v2/admin/organizations/:orgId/import',
      {
        schema: {
          tags: ['Operator'],
          operationId: 'importOrganization',
          summary: 'Import OAuth clients and managed users keeping their ids and secrets',
          description:
            'Idempotent: an identical record is skipped, a different one is reported as a conflict and left alone. ' +
            'With dryRun=true nothing is written and the report says what would happen. One audit event per imported record. ' +
            'Bodies up to 1 MiB (a few thousand users): import a large organization in several requests, as `tessera import` does.',
          security: [{ operatorKey: [] }],
          params: Type.Object({ orgId: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }),
          querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean({ default: false })) }),
          body: ImportBody,
          response: { 200: success(ImportReport), ...errors(400, 401, 404, 413, 429) },
        },
      },
      async (request) =>
        ok(
          await tessera.imports.run(request.params.orgId, request.body, {
            dryRun: request.query.dryRun ?? false,
            actor: 'operator',
          }),
        ),
    )
  })
}
