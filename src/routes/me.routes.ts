import { toMeView } from '../domain/users/user.model.js'
import type { ProfileInput } from '../domain/users/rules/profile-fields.js'
import { errors, success } from '../http/schemas/common.js'
import { Me, UpdateUserBody } from '../http/schemas/users.js'
import { authorize } from './auth-hook.js'
import { absentBodyIsEmpty } from './managed-users.routes.js'
import { ok, type App, type RouteDeps } from './types.js'

const security = [{ accessToken: [] }]

/** `/v2/me`: the managed user behind an access token. */
export function meRoutes(app: App, { tessera, guards }: RouteDeps): void {
  const reader = authorize((r) => guards.accessToken(r, 'PROFILE_READ'))
  const writer = authorize((r) => guards.accessToken(r, 'PROFILE_WRITE'))
  app.get(
    '/v2/me',
    {
      schema: {
        tags: ['Me'],
        operationId: 'MeController_getMe',
        summary: 'The managed user of the access token (client needs PROFILE_READ)',
        security,
        response: { 200: success(Me), ...errors(401, 403, 429, 498) },
      },
      preValidation: reader.hook,
    },
    async (request) => ok(toMeView(reader.of(request).user)),
  )

  app.patch(
    '/v2/me',
    {
      schema: {
        tags: ['Me'],
        operationId: 'MeController_updateMe',
        summary: 'Update the managed user of the access token (client needs PROFILE_WRITE)',
        description:
          'Same rules as PATCH on the client route: a new email gets the +clientId suffix and a new username (Cal.com wrote it raw here).',
        security,
        body: UpdateUserBody,
        response: { 200: success(Me), ...errors(400, 401, 403, 409, 429, 498) },
      },
      preValidation: [writer.hook, absentBodyIsEmpty],
    },
    async (request) => {
      const { user } = writer.of(request)
      const row = await tessera.users.updateSelf(user, request.body as ProfileInput)
      return ok(toMeView(row))
    },
  )
}
