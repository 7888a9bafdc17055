import type { FastifyRequest } from 'fastify'
import type { TObject } from 'typebox'

/** A route's authorization: its `preValidation` hook, and the principal that hook established. */
export interface Authorization<T> {
  /** Runs the check before the body is validated (register it as the route's `preValidation`). */
  readonly hook: (request: FastifyRequest) => Promise<void>
  /** The principal of this request; only in a handler of a route that runs `hook`. */
  of(request: FastifyRequest): T
}

/**
 * Authenticates and authorizes before the body is validated, as Cal.com's guards do: a caller
 * without the right gets 401/403/404, never a 400 about its body. Each authorization keeps its
 * own principals, so `of` is typed by the check that produced them.
 */
export function authorize<T>(check: (request: FastifyRequest) => Promise<T>): Authorization<T> {
  const principals = new WeakMap<FastifyRequest, { readonly value: T }>()
  return {
    async hook(request) {
      principals.set(request, { value: await check(request) })
    },
    of(request) {
      const found = principals.get(request)
      if (!found) throw new Error('no principal: the route does not run this authorization hook')
      return found.value
    },
  }
}

/**
 * A path parameter read in a `preValidation` hook, where Fastify has not validated (or coerced)
 * the params yet: the raw string of the URL. `name` must be a property of the route's params
 * schema, so a misspelt name does not compile.
 */
export function pathParam<S extends TObject>(
  request: FastifyRequest,
  _schema: S,
  name: keyof S['properties'] & string,
): string {
  const value = (request.params as Record<string, unknown>)[name]
  if (typeof value !== 'string') throw new Error(`the route has no path parameter "${name}"`)
  return value
}
