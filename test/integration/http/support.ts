import { expect } from 'vitest'
import type { Response, TestApp } from '../../helpers/test-app.js'

/** A random (version 4) UUID, as every `X-Request-Id` must be. */
export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

/** Cal.com's error envelope with exactly these top-level keys, a request id, and no 5xx. */
export function expectEnvelope(res: Response<any>, status: number, code: string, path?: string) {
  expect(res.status, res.text).toBe(status)
  expect(res.headers['content-type']).toMatch(/^application\/json/)
  expect(Object.keys(res.body as object).sort()).toEqual(['error', 'path', 'status', 'timestamp'])
  expect(res.body.status).toBe('error')
  expect(new Date(res.body.timestamp).toISOString()).toBe(res.body.timestamp)
  expect(typeof res.body.path).toBe('string')
  if (path !== undefined) expect(res.body.path).toBe(path)
  expect(res.body.error.code).toBe(code)
  expect(typeof res.body.error.message).toBe('string')
  expect(res.body.error.message.length).toBeGreaterThan(0)
  expect(res.headers['x-request-id']).toMatch(UUID_V4)
}

/** An RFC 6749 §5.2 error body (`{error, error_description}` and nothing else), not cacheable. */
export function expectOAuthError(res: Response<any>, status: number, error: string) {
  expect(res.status, res.text).toBe(status)
  expect(res.headers['content-type']).toMatch(/^application\/json/)
  expect(Object.keys(res.body as object).sort()).toEqual(['error', 'error_description'])
  expect(res.body.error).toBe(error)
  expect(typeof res.body.error_description).toBe('string')
  expect(res.headers['cache-control']).toBe('no-store')
  expect(res.headers['x-request-id']).toMatch(UUID_V4)
}

/** Every managed-user row and token family of a client, to prove a refused request wrote nothing. */
export async function storedState(t: TestApp, clientId: string) {
  const { db } = t.tessera.ctx.database
  const users = await db
    .selectFrom('managed_users')
    .selectAll()
    .where('client_id', '=', clientId)
    .orderBy('id')
    .execute()
  const families = await db
    .selectFrom('token_families')
    .selectAll()
    .where('client_id', '=', clientId)
    .orderBy('id')
    .execute()
  return { users, families }
}

/** `depth` nested JSON arrays: `[[…]]`. */
export function nestedArrays(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth)
}
