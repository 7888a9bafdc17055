import { Type } from 'typebox'
import { SECRET_PREFIX } from '../crypto/secrets.js'
import { describeApiKey } from '../domain/organizations/api-key-list.js'
import { bearerToken } from '../http/guards.js'
import { errors, success } from '../http/schemas/common.js'
import { ok, type App, type RouteDeps } from './types.js'

const Whoami = Type.Union([
  Type.Object({ kind: Type.Literal('operator') }),
  Type.Object({
    kind: Type.Literal('api_key'),
    keyId: Type.String(),
    keyName: Type.Union([Type.String(), Type.Null()]),
    role: Type.Enum(['OWNER', 'ADMIN', 'MEMBER']),
    organizationId: Type.Integer(),
    organizationName: Type.String(),
  }),
])

/**
 * Who a bearer key is: the operator, or an organization API key with its role. The console asks
 * this once at sign-in to show what the key may do; any script may ask it too.
 */
export function whoamiRoutes(app: App, { tessera, guards }: RouteDeps): void {
  app.get(
    '/v2/whoami',
    {
      schema: {
        tags: ['Operator', 'Organization'],
        operationId: 'whoami',
        summary: 'What the presented key is: the operator key, or an API key (role, organization)',
        security: [{ operatorKey: [] }, { apiKey: [] }],
        response: { 200: success(Whoami), ...errors(401, 429) },
      },
    },
    async (request) => {
      if (bearerToken(request)?.startsWith(SECRET_PREFIX.apiKey)) {
        const key = await guards.apiKey(request, ['OWNER', 'ADMIN', 'MEMBER'])
        const owner = await describeApiKey(tessera.ctx.database.db, key.keyId)
        return ok({
          kind: 'api_key' as const,
          keyId: key.keyId,
          keyName: owner.keyName,
          role: key.role,
          organizationId: key.organizationId,
          organizationName: owner.organizationName,
        })
      }
      await guards.operator(request)
      return ok({ kind: 'operator' as const })
    },
  )
}
