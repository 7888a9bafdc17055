import { expect } from 'vitest'
import { UUID_V4 } from '../../helpers/oauth-error.js'
import type { Response, TestApp } from '../../helpers/test-app.js'

export { expectOAuthError, UUID_V4 } from '../../helpers/oauth-error.js'

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
