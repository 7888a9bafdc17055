import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import { bearerToken, type Guards } from './guards.js'

/**
 * Who may read `/metrics`: the operator key, or TESSERA_METRICS_TOKEN when set. The token lets a
 * Prometheus scraper in without the operator's powers, and is checked in memory, so scrapes keep
 * working while the database (which holds the operator key's hash) is down. Anything else goes
 * through the operator check, with its rate limiting and its 401.
 */
export function metricsAccess(guards: Guards, metricsToken: string | undefined) {
  const expected = metricsToken === undefined ? undefined : digest(metricsToken)
  return async (request: FastifyRequest): Promise<void> => {
    const presented = bearerToken(request)
    if (expected && presented && timingSafeEqual(digest(presented), expected)) return
    await guards.operator(request)
  }
}

/** Equal-length inputs for timingSafeEqual, whatever was presented. */
function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest()
}
