import { authenticate, type HttpAuthOptions } from './http-auth.js'
import type { VerifiedAccessToken } from './verifier.js'

/** The parts of Fastify the plugin uses (the SDK does not depend on Fastify). */
interface FastifyRequestLike {
  readonly headers: Record<string, string | string[] | undefined>
  readonly routeOptions?: { readonly config?: unknown }
}
interface FastifyReplyLike {
  code(status: number): FastifyReplyLike
  headers(values: Record<string, string>): FastifyReplyLike
  send(body: unknown): unknown
}
interface FastifyLike {
  decorateRequest(name: string, value: unknown): unknown
  addHook(
    name: 'onRequest',
    hook: (request: FastifyRequestLike, reply: FastifyReplyLike) => Promise<unknown>,
  ): unknown
}

/** Per-route choice, in the route's `config.tessera`: `false` leaves it open. */
export type TesseraRouteConfig = false | { readonly introspect?: boolean }

const claims = new WeakMap<object, VerifiedAccessToken>()

/**
 * Fastify plugin: every route registered in the same scope requires a valid Tessera access
 * token. Register it at the root to protect everything, or inside an encapsulated plugin to
 * protect those routes only. A route opts out with `config: { tessera: false }`, or asks for
 * introspection with `config: { tessera: { introspect: true } }`. Read the claims with
 * `tesseraToken(request)`.
 */
export async function tesseraFastify(app: FastifyLike, options: HttpAuthOptions): Promise<void> {
  app.decorateRequest('tessera', null)
  app.addHook('onRequest', async (request, reply) => {
    const route = (request.routeOptions?.config as { tessera?: TesseraRouteConfig } | undefined)
      ?.tessera
    if (route === false) return
    const outcome = await authenticate(request.headers.authorization, options, route?.introspect)
    if (!outcome.ok) return reply.code(outcome.status).headers(outcome.headers).send(outcome.body)
    claims.set(request, outcome.token)
    ;(request as { tessera?: VerifiedAccessToken }).tessera = outcome.token
    return undefined
  })
}

// What fastify-plugin sets: the hook applies to the scope the plugin is registered in, not to a
// child scope of its own (where it would protect nothing).
Object.assign(tesseraFastify, {
  [Symbol.for('skip-override')]: true,
  [Symbol.for('fastify.display-name')]: '@tessera/sdk',
})

/** The verified token of a request that passed the plugin or the middleware. */
export function tesseraToken(request: object): VerifiedAccessToken {
  const token = claims.get(request)
  if (!token) throw new TypeError('This request was not authenticated by the Tessera plugin')
  return token
}

export { claims as verifiedRequests }
