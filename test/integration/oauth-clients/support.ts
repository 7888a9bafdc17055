import { expect } from 'vitest'
import { keyedHash } from '../../../src/crypto/keyed-hash.js'
import type { Response, TestApp } from '../../helpers/test-app.js'

// Cal.com's messages, written out here (not imported) so a change in the source fails a test.
export const NO_CREDENTIALS =
  "ApiAuthStrategy - No authentication method provided. Either pass an API key as 'Bearer' header or OAuth client credentials as 'x-cal-secret-key' and 'x-cal-client-id' headers"
export const INVALID_API_KEY = 'ApiAuthStrategy - api key - Your api key is not valid'
export const INVALID_SECRET = 'ApiAuthStrategy - oAuth client - Invalid client secret'
export const CLIENT_NOT_FOUND = 'OAuthClientGuard - OAuth client not found.'
/** Cal.com's decorator lists `[ADMIN, OWNER]` on create/update/delete, and the guard keeps that order. */
export const MANAGE_ROLES =
  'OrganizationRolesGuard - User must have one of the roles: ADMIN, OWNER.'
export const foreignClient = (clientId: string, orgId: number) =>
  `OAuthClientGuard - forbidden. oAuth client with id=${clientId} does not belong to the organization with id=${orgId}.`

export const ALL_PERMISSIONS = [
  'EVENT_TYPE_READ',
  'EVENT_TYPE_WRITE',
  'BOOKING_READ',
  'BOOKING_WRITE',
  'SCHEDULE_READ',
  'SCHEDULE_WRITE',
  'APPS_READ',
  'APPS_WRITE',
  'PROFILE_READ',
  'PROFILE_WRITE',
]

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE'

/** A request with an optional bearer key and JSON body. */
export function call(
  t: TestApp,
  method: Method,
  url: string,
  apiKey?: string,
  payload?: unknown,
): Promise<Response<any>> {
  return t.request({
    method,
    url,
    headers: apiKey === undefined ? {} : { authorization: `Bearer ${apiKey}` },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  })
}

export function clientRow(t: TestApp, clientId: string) {
  return t.tessera.ctx.database.db
    .selectFrom('oauth_clients')
    .selectAll()
    .where('id', '=', clientId)
    .executeTakeFirst()
}

export function hashOf(t: TestApp, secret: string): Buffer {
  return keyedHash(t.tessera.ctx.keys.secretHash, secret)
}

/** Every column of a row as text (bytes as latin1), to look for a plaintext secret in it. */
export function rowText(row: Record<string, unknown>): string {
  return Object.values(row)
    .map((v) =>
      v instanceof Uint8Array
        ? Buffer.from(v).toString('latin1')
        : v instanceof Date
          ? v.toISOString()
          : JSON.stringify(v),
    )
    .join('\n')
}

/** The secret, or the random part of it, appears nowhere in the text. */
export function expectNoPlaintext(text: string, secret: string) {
  expect(text).not.toContain(secret)
  expect(text).not.toContain(secret.slice(7, 50))
}

/** Every serialised key of a JSON body, at any depth. */
export function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf)
  if (value === null || typeof value !== 'object') return []
  return Object.entries(value).flatMap(([k, v]) => [k, ...keysOf(v)])
}
