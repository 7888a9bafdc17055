import type { FastifyInstance } from 'fastify'
import { badRequest } from '../errors.js'

/**
 * `application/x-www-form-urlencoded`, for the RFC 6749 endpoints. A parameter sent twice is kept
 * as an array so the endpoint can refuse it (RFC 6749 §3.2: parameters MUST NOT repeat).
 */
export function registerFormBody(app: FastifyInstance): void {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_req, body, done) => {
      const text = body as string
      if (text.includes('%00') || text.includes('\u0000'))
        return done(badRequest('Parameters must not contain NUL characters'), undefined)
      const out: Record<string, string | string[]> = {}
      for (const [key, value] of new URLSearchParams(text)) {
        if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue
        const existing = out[key]
        out[key] =
          existing === undefined
            ? value
            : [...(Array.isArray(existing) ? existing : [existing]), value]
      }
      done(null, out)
    },
  )
}
