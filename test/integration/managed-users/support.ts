import { randomBytes } from 'node:crypto'
import { expect } from 'vitest'
import type { Response, TestApp } from '../../helpers/test-app.js'

/** Shared by the managed-user and `/v2/me` suites: credentials, URLs, JWT payloads, error checks. */

export interface Client {
  readonly clientId: string
  readonly clientSecret: string
  readonly apiKey: string
}

export const secret = (client: { clientSecret: string }) => ({
  'x-cal-secret-key': client.clientSecret,
})

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

export const usersUrl = (clientId: string) => `/v2/oauth-clients/${clientId}/users`

export const userUrl = (clientId: string, userId: number | string) =>
  `${usersUrl(clientId)}/${userId}`

/** A fresh address whose local part is unique in the whole run. */
export const uniqueEmail = (prefix = 'user', domain = 'example.com') =>
  `${prefix}-${randomBytes(4).toString('hex')}@${domain}`

/** What Tessera stores for `email` under `clientId`. */
export function stored(email: string, clientId: string): string {
  const [local, domain] = email.toLowerCase().split('@')
  return `${local}+${clientId}@${domain}`
}

/** The JSON payload of a compact JWT, read without verifying it (as an integrator would). */
export function decodeJwt(token: string): Record<string, unknown> {
  const parts = token.split('.')
  expect(parts).toHaveLength(3)
  return JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Record<string, unknown>
}

/** A response whose JSON body is read freely by the assertions. */
type AnyResponse = Response<any>

/** Cal.com's error envelope with a given status, exception class and message. */
export function expectError(res: AnyResponse, status: number, code: string, message?: string) {
  expect(res.status, res.text).toBe(status)
  expect(res.body).toMatchObject({
    status: 'error',
    path: expect.any(String),
    timestamp: expect.any(String),
    error: { code, ...(message !== undefined ? { message } : {}) },
  })
  expect(new Date(res.body.timestamp).toISOString()).toBe(res.body.timestamp)
}

/** A 400 from a field check: Cal.com's message, and the property named in `details.errors`. */
export function expectFieldError(res: AnyResponse, property: string, message: string) {
  expectError(res, 400, 'BadRequestException', message)
  const problems = res.body.error.details.errors as { property: string; constraints: object }[]
  const problem = problems.find((p) => p.property === property)
  expect(problem, JSON.stringify(problems)).toBeDefined()
  expect(Object.values(problem!.constraints)).toContain(message)
}

export function postUser(
  t: TestApp,
  client: { clientId: string; clientSecret: string },
  body: unknown,
) {
  return t.request({
    method: 'POST',
    url: usersUrl(client.clientId),
    headers: secret(client),
    payload: body as Record<string, unknown>,
  })
}

export function patchUser(
  t: TestApp,
  client: { clientId: string; clientSecret: string },
  userId: number,
  body: unknown,
) {
  return t.request({
    method: 'PATCH',
    url: userUrl(client.clientId, userId),
    headers: secret(client),
    payload: body as Record<string, unknown>,
  })
}

export function getUser(
  t: TestApp,
  client: { clientId: string; clientSecret: string },
  userId: number,
) {
  return t.request({
    method: 'GET',
    url: userUrl(client.clientId, userId),
    headers: secret(client),
  })
}

export function forceRefresh(
  t: TestApp,
  client: { clientId: string; clientSecret: string },
  userId: number,
) {
  return t.request({
    method: 'POST',
    url: `${userUrl(client.clientId, userId)}/force-refresh`,
    headers: secret(client),
  })
}

export function patchMe(t: TestApp, accessToken: string, body: unknown, headers = {}) {
  return t.request({
    method: 'PATCH',
    url: '/v2/me',
    headers: { ...bearer(accessToken), ...headers },
    payload: body as Record<string, unknown>,
  })
}

/** The stored row of a managed user, or undefined. */
export function userRow(t: TestApp, userId: number) {
  return t.tessera.ctx.database.db
    .selectFrom('managed_users')
    .selectAll()
    .where('id', '=', userId)
    .executeTakeFirst()
}

/** The stored token families of a managed user, oldest first. */
export function familyRows(t: TestApp, userId: number) {
  return t.tessera.ctx.database.db
    .selectFrom('token_families')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .orderBy('generation')
    .execute()
}
