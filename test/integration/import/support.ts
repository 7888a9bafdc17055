import { createHmac, randomBytes } from 'node:crypto'
import type { TestApp } from '../../helpers/test-app.js'
import { OPERATOR } from '../../helpers/http.js'

/** A Cal.com-looking client id (`c` + 24 lower-case alphanumerics), new each call. */
function calcomClientId(): string {
  return `c${randomBytes(12).toString('hex')}`
}

/**
 * An HS256 JWT as Cal.com issues them (client secrets and platform tokens are such JWTs), signed
 * with a key Tessera never had.
 */
export function calcomJwt(payload: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}`
  const signature = createHmac('sha256', 'calcom-jwt-secret').update(body).digest('base64url')
  return `${body}.${signature}`
}

export interface CalcomUser {
  id: number
  email: string
  username?: string | null
  name: string | null
  timeZone?: string
  timeFormat?: number | null
  weekStart?: string
  locale?: string | null
  avatarUrl?: string | null
  bio?: string | null
  metadata?: Record<string, string | number | boolean>
  createdDate?: string
  defaultScheduleId?: number | null
}

/** One `clients[]` entry, shaped as Cal.com's `GET /v2/oauth-clients/{id}` data plus `users`. */
export function calcomClient(users: CalcomUser[], overrides: Record<string, unknown> = {}) {
  const id = calcomClientId()
  return {
    id,
    name: 'Acme on Cal.com',
    secret: calcomJwt({ name: 'Acme on Cal.com', permissions: 1023, iat: 1_700_000_000 }),
    permissions: ['PROFILE_READ', 'PROFILE_WRITE', 'BOOKING_READ'],
    logo: null,
    redirectUris: ['http://localhost:4321'],
    organizationId: 77,
    createdAt: '2024-03-01T10:00:00.000Z',
    areEmailsEnabled: false,
    areDefaultEventTypesEnabled: true,
    areCalendarEventsEnabled: true,
    bookingRedirectUri: 'https://acme.example/booked',
    ...overrides,
    users,
  }
}

/** A managed user as Cal.com lists it, email in Cal.com's stored `+clientId` form. */
export function calcomUser(id: number, clientId: string, local = `user${id}`): CalcomUser {
  const email = `${local}+${clientId}@acme.example`
  return {
    id,
    email,
    username: `${local}-${clientId}-acme-example`,
    name: `User ${id}`,
    bio: null,
    timeZone: 'America/New_York',
    weekStart: 'Monday',
    createdDate: '2024-05-02T09:30:00.000Z',
    timeFormat: 24,
    defaultScheduleId: 9000 + id,
    locale: 'de',
    avatarUrl: `https://cdn.acme.example/avatars/${id}.png`,
    metadata: { plan: 'pro', seats: 3 },
  }
}

export function importInto(
  t: TestApp,
  orgId: number,
  document: unknown,
  options: { dryRun?: boolean } = {},
) {
  return t.request({
    method: 'POST',
    url: `/v2/admin/organizations/${orgId}/import${options.dryRun ? '?dryRun=true' : ''}`,
    headers: OPERATOR,
    payload: document as object,
  })
}
