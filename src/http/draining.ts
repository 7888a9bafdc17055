import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify'
import type { Readiness } from '../health/readiness.js'
import { envelopeAnswer, oauthAnswer, toOAuthError } from './error-handler.js'
import { serviceUnavailable } from './unavailable.js'

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
    // Cal.com's ServiceUnavailableException, or RFC 6749's temporarily_unavailable, as every 503
    const error = serviceUnavailable(MESSAGE)
    const answer =
      request.routeOptions.config?.errorFormat === 'oauth'
        ? oauthAnswer(toOAuthError(error))
        : envelopeAnswer(error, request.url)
    void reply.status(answer.status).headers(answer.headers).send(answer.body)
  }
}
