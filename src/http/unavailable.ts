import type { FastifyInstance } from 'fastify'
import { isDatabaseUnavailable } from '../db/unavailable.js'
import { DomainError } from '../errors.js'
import type { FaultLog } from '../faults/fault-log.js'

/**
 * What a client is told to wait before retrying. Short: a restarted or failed-over database is
 * back within seconds, and a retry costs one refused connection until then.
 */
const RETRY_AFTER_SECONDS = 1

const MESSAGE = 'Service temporarily unavailable; retry after the delay in Retry-After'

/**
 * Cal.com's ServiceUnavailableException (NestJS's envelope for a 503), with Retry-After; the
 * RFC 6749 routes answer `temporarily_unavailable` (error-wire.ts).
 */
export function serviceUnavailable(message = MESSAGE): DomainError {
  return new DomainError('service_unavailable', message, {
    headers: { 'retry-after': String(RETRY_AFTER_SECONDS) },
  })
}

/** The 503 for an error that means the database is unreachable or too slow; null otherwise. */
export function unavailableError(error: unknown): DomainError | null {
  return isDatabaseUnavailable(error) ? serviceUnavailable() : null
}

/**
 * During an outage every request fails the same way: the cause is reported once per interval
 * (and counted) instead of one error line per request.
 */
export function reportUnavailable(app: FastifyInstance, faults: FaultLog): void {
  app.addHook('onError', (_request, _reply, error, done) => {
    if (isDatabaseUnavailable(error)) {
      faults.report('db_unavailable', error, 'database unavailable: requests that need it get 503')
    }
    done()
  })
}
