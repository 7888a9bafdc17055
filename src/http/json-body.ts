import type { FastifyInstance } from 'fastify'
import { badRequest } from '../errors.js'

/** Deep enough for any real payload; deep nesting is a resource attack on whoever walks it next. */
const MAX_DEPTH = 32

/**
 * A UTF-16 surrogate without its pair (`"\ud800"` is valid JSON): it has no UTF-8 form, so the
 * database would store U+FFFD instead (or fail, in a JSON key). With the `u` flag, paired
 * surrogates are one code point and do not match.
 */
const LONE_SURROGATE = /\p{Surrogate}/u

/**
 * JSON bodies: parsed with limits the default parser does not have. Too deep, NUL characters
 * and lone surrogates (PostgreSQL text cannot hold them) and prototype-polluting keys are refused
 * with a 400 in the API's envelope before any handler or validator sees the value.
 *
 * Fastify's default `text/plain` parser is removed too: a JSON document sent as text would
 * otherwise reach the validators as a string (a confusing 400), where it is a 415.
 */
export function registerJsonBody(app: FastifyInstance): void {
  app.removeContentTypeParser(['application/json', 'text/plain'])
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = body as string
    if (text.trim() === '') return done(null, undefined)
    if (nestingDepth(text) > MAX_DEPTH) {
      return done(badRequest(`JSON body is nested more than ${MAX_DEPTH} levels deep`), undefined)
    }
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      return done(badRequest('Malformed JSON in request body'), undefined)
    }
    const problem = findForbidden(value)
    if (problem) return done(badRequest(problem), undefined)
    done(null, value)
  })
}

/** Maximum bracket depth outside string literals, in one pass and constant space. */
function nestingDepth(text: string): number {
  let depth = 0
  let max = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 92 /* \ */) i++
      else if (c === 34 /* " */) inString = false
    } else if (c === 34) inString = true
    else if (c === 123 /* { */ || c === 91 /* [ */) max = Math.max(max, ++depth)
    else if (c === 125 /* } */ || c === 93 /* ] */) depth--
  }
  return max
}

function findForbidden(value: unknown): string | null {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return 'Strings must not contain NUL (\\u0000) characters'
    return LONE_SURROGATE.test(value) ? 'Strings must be valid Unicode (no lone surrogates)' : null
  }
  if (value === null || typeof value !== 'object') return null
  if (Array.isArray(value)) {
    for (const item of value) {
      const problem = findForbidden(item)
      if (problem) return problem
    }
    return null
  }
  for (const [key, inner] of Object.entries(value)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
      return `Property name "${key}" is not allowed`
    }
    if (key.includes('\u0000')) return 'Property names must not contain NUL (\\u0000) characters'
    if (LONE_SURROGATE.test(key)) return 'Property names must be valid Unicode (no lone surrogates)'
    const problem = findForbidden(inner)
    if (problem) return problem
  }
  return null
}
