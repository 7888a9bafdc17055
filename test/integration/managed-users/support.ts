import { randomBytes } from 'node:crypto'
import { bearer, secretKey } from '../../helpers/http.js'
import type { TestApp } from '../../helpers/test-app.js'

/** Shared by the managed-user and `/v2/me` suites: URLs, requests, stored rows. */

export interface Client {
  readonly clientId: string
  readonly clientSecret: string
  readonly apiKey: string
}

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

export function postUser(
  t: TestApp,
  client: { clientId: string; clientSecret: string },
  body: unknown,
) {
  return t.request({
    method: 'POST',
    url: usersUrl(client.clientId),
    headers: secretKey(client),
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
    headers: secretKey(client),
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
    headers: secretKey(client),
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
    headers: secretKey(client),
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
