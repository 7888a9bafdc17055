import { registerFormBody } from '../../http/form-body.js'
import type { App, RouteDeps } from '../types.js'
import { discoveryRoutes } from './discovery.route.js'
import { introspectRoute } from './introspect.route.js'
import { revokeRoute } from './revoke.route.js'
import { tokenRoute } from './token.route.js'

/** The standard OAuth surface (RFC 6749 §6, 7009, 7662, 8414) over the same token families. */
export async function standardOAuthRoutes(app: App, deps: RouteDeps): Promise<void> {
  await app.register(async (scope: App) => {
    registerFormBody(scope)
    const routeDeps = { ...deps, app: scope }
    tokenRoute(routeDeps)
    revokeRoute(routeDeps)
    introspectRoute(routeDeps)
    discoveryRoutes(routeDeps)
  })
}
