import type { FastifyInstance, RouteOptions } from 'fastify'
import type { Deadline } from '../domain/deadline.js'
import type { FaultLog } from '../faults/fault-log.js'
import { serviceUnavailable } from './unavailable.js'

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * Passed when the request's deadline has gone by and it has been answered 503. Domain work
     * that has not started yet (a queued rotation) checks it, so nothing the client was told
     * failed starts afterwards.
     */
    deadline: Deadline
  }
}

/**
 * A request's deadline and its timer. A plain flag rather than an AbortController: nothing
 * listens for the moment it passes, work only asks whether it has, and an AbortController (an
 * EventTarget) costs several microseconds per request on the refresh path.
 */
class RequestDeadline implements Deadline {
  aborted = false
  timer: NodeJS.Timeout | undefined
}

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
  app.decorateRequest('deadline', null as unknown as Deadline)
  app.addHook('onRequest', (request, reply, done) => {
    const deadline = new RequestDeadline()
    request.deadline = deadline
    deadline.timer = setTimeout(() => {
      if (reply.sent) return
      faults.report(
        'request_deadline',
        new Error(`not answered within ${timeoutMs} ms`),
        'requests are missing their deadline: answered 503',
      )
      deadline.aborted = true
      reply.send(serviceUnavailable())
    }, timeoutMs)
    done()
  })
  app.addHook('onResponse', (request, _reply, done) => {
    clearTimeout((request.deadline as RequestDeadline).timer)
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
