import type { FastifyRequest } from 'fastify'

declare module 'fastify' {
  interface FastifyRequest {
    /** What the route's authorization hook established (a principal), read by its handler. */
    auth?: unknown
  }
}

/**
 * A `preValidation` hook that authenticates and authorizes before the body is validated, as
 * Cal.com's guards do: a caller without the right gets 401/403/404, never a 400 about its body.
 */
export function authorize<T>(check: (request: FastifyRequest) => Promise<T>) {
  return async (request: FastifyRequest) => {
    request.auth = await check(request)
  }
}

/** The principal stored by `authorize`, typed by the caller that registered it. */
export function principal<T>(request: FastifyRequest): T {
  return request.auth as T
}
