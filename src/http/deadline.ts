import type { FastifyInstance, RouteOptions } from 'fastify'
import type { FaultLog } from '../faults/fault-log.js'
import { serviceUnavailable } from './unavailable.js'

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * Aborted when the request's deadline passes and it has been answered 503. Domain work that
     * has not started yet (a queued rotation) checks it, so nothing the client was told failed
     * starts afterwards.
     */
    deadline: AbortSignal
  }
}

const timers = new WeakMap<object, NodeJS.Timeout>()

/**
 * The request deadline (TESSERA_REQUEST_TIMEOUT_MS): a request not answered by then gets 503 with
 * Retry-After, so its client gets an answer before it gives up. Database work is bounded on its
 * own (connect, acquire, statement and lock timeouts, all shorter), so this is the backstop for
 * what those do not cover: waiting in a queue, or the sum of several bounded waits.
 *
 * Work still running when the deadline passes finishes unobserved: its result, or its error, is
 * dropped instead of being sent a second time (Fastify would log each one).
 */
export function registerDeadline(app: FastifyInstance, timeoutMs: number, faults: FaultLog): void {
  app.decorateRequest('deadline', null as unknown as AbortSignal)
  app.addHook('onRequest', (request, reply, done) => {
    const controller = new AbortController()
    request.deadline = controller.signal
    const timer = setTimeout(() => {
      if (reply.sent) return
      faults.report(
        'request_deadline',
        new Error(`not answered within ${timeoutMs} ms`),
        'requests are missing their deadline: answered 503',
      )
      controller.abort()
      reply.send(serviceUnavailable())
    }, timeoutMs)
    timers.set(request, timer)
    done()
  })
  app.addHook('onResponse', (request, _reply, done) => {
    clearTimeout(timers.get(request))
    done()
  })
  app.addHook('onRoute', (route: RouteOptions) => {
    const handler = route.handler
    route.handler = async function (request, reply) {
      try {
        const result: unknown = await handler.call(this, request, reply)
        // `return reply` tells Fastify the response is taken care of
        return reply.sent ? reply : result
      } catch (err) {
        if (reply.sent) return reply
        throw err
      }
    }
  })
}
