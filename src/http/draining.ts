import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify'
import type { Readiness } from '../health/readiness.js'

/** Probes answer for themselves while draining: live stays 200, ready says why it is 503. */
const PROBES = new Set(['/health/live', '/health/ready'])

const MESSAGE = 'The server is shutting down; retry the request (another instance will answer it)'

/**
 * `onRequest` hook: from the moment a SIGTERM starts draining, every new request gets 503 with
 * `Connection: close` and `Retry-After`, so keep-alive clients and load balancers move to another
 * instance instead of meeting a reset when the listener closes. Requests already past this hook
 * finish normally. The answer is written here, before any route work (no error code of the
 * domain applies: nothing was attempted).
 */
export function drainingHook(readiness: Readiness) {
  return (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    if (!readiness.draining) return done()
    reply.header('connection', 'close')
    if (PROBES.has(request.url.split('?')[0]!)) return done()
    reply.status(503).header('retry-after', '1')
    if (request.routeOptions.config?.errorFormat === 'oauth') {
      // RFC 6749 §5.2's word for "try again later"
      void reply
        .header('cache-control', 'no-store')
        .header('pragma', 'no-cache')
        .send({ error: 'temporarily_unavailable', error_description: MESSAGE })
      return
    }
    // Cal.com's envelope, as Nest builds it for a ServiceUnavailableException
    void reply.send({
      status: 'error',
      timestamp: new Date().toISOString(),
      path: request.url,
      error: {
        code: 'ServiceUnavailableException',
        message: MESSAGE,
        details: { message: MESSAGE, error: 'Service Unavailable', statusCode: 503 },
      },
    })
  }
}
