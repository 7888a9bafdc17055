import { sql } from 'kysely'
import { expect } from 'vitest'
import type { AuditEventView } from '../../../src/domain/audit/list.js'
import { OPERATOR } from '../../helpers/http.js'
import type { Response, TestApp } from '../../helpers/test-app.js'

/** Shared by the audit suites: the event shape, paging, tampering with stored rows. */

/** One event as the audit endpoints return it. */
export type AuditEvent = AuditEventView

export interface AuditPage {
  events: AuditEvent[]
  nextCursor: string | null
}

export const eventsUrl = (clientId: string, query = '') =>
  `/v2/oauth-clients/${clientId}/events${query ? `?${query}` : ''}`

export function get(t: TestApp, url: string, headers: Record<string, string> = {}) {
  return t.request<any>({ method: 'GET', url, headers })
}

export function verify(t: TestApp, query = '', headers: Record<string, string> = OPERATOR) {
  return t.request<any>({
    method: 'POST',
    url: `/v2/admin/audit/verify${query ? `?${query}` : ''}`,
    headers,
  })
}

/** A 200 page of events, checked for the documented shape. */
export function page(res: Response<any>): AuditPage {
  expect(res.status, res.text).toBe(200)
  expect(res.body.status).toBe('success')
  expect(Object.keys(res.body.data).sort()).toEqual(['events', 'nextCursor'])
  const data = res.body.data as AuditPage
  for (const event of data.events) {
    expect(Object.keys(event).sort()).toEqual([
      'actor',
      'chainSeq',
      'clientId',
      'data',
      'familyId',
      'hash',
      'id',
      'occurredAt',
      'organizationId',
      'sealed',
      'type',
      'userId',
    ])
    expect(new Date(event.occurredAt).toISOString()).toBe(event.occurredAt)
    if (event.sealed) {
      expect(event.chainSeq).toEqual(expect.any(Number))
      expect(event.hash).toMatch(/^[0-9a-f]{64}$/)
    } else {
      expect(event.chainSeq).toBeNull()
      expect(event.hash).toBeNull()
    }
  }
  return data
}

/** Every page of `url` (which carries no cursor yet), following `nextCursor` to the end. */
export async function walk(
  t: TestApp,
  url: string,
  headers: Record<string, string>,
): Promise<{ pages: AuditEvent[][]; events: AuditEvent[] }> {
  const pages: AuditEvent[][] = []
  let cursor: string | null = null
  for (let i = 0; i < 1000; i++) {
    const sep = url.includes('?') ? '&' : '?'
    const res = await get(t, cursor === null ? url : `${url}${sep}cursor=${cursor}`, headers)
    const data = page(res)
    pages.push(data.events)
    cursor = data.nextCursor
    if (cursor === null) return { pages, events: pages.flat() }
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/)
  }
  throw new Error(`paging ${url} did not end`)
}

/** Ids strictly decreasing: newest first, no event twice. */
export function expectNewestFirst(events: AuditEvent[]) {
  const ids = events.map((e) => e.id)
  expect(ids).toEqual([...ids].sort((a, b) => b - a))
  expect(new Set(ids).size).toBe(ids.length)
}

/** The OWNER key's id, read from its `api_key.created` event through the operator API. */
export async function ownerKeyId(t: TestApp, organizationId: number): Promise<string> {
  const res = await get(
    t,
    `/v2/admin/audit?organizationId=${organizationId}&types=api_key.created`,
    OPERATOR,
  )
  const owner = page(res).events.find((e) => e.data.role === 'OWNER')
  expect(owner).toBeDefined()
  return owner!.data.keyId as string
}

// Tampering: what an attacker with database access would do. Tests use it only to break chains.

export async function setEventData(t: TestApp, eventId: number, data: unknown) {
  const db = t.tessera.ctx.database.db
  await sql`UPDATE audit_events SET data = ${JSON.stringify(data)}::jsonb WHERE id = ${eventId}`.execute(
    db,
  )
}

export async function deleteEvent(t: TestApp, eventId: number) {
  await sql`DELETE FROM audit_events WHERE id = ${eventId}`.execute(t.tessera.ctx.database.db)
}

export async function deleteLink(t: TestApp, chainId: number, seq: number) {
  await sql`DELETE FROM audit_chain WHERE chain_id = ${chainId} AND seq = ${seq}`.execute(
    t.tessera.ctx.database.db,
  )
}

/** No credential, nor its random part (or a JWT's signature), appears anywhere in `text`. */
export function expectNoCredentials(text: string, credentials: readonly string[]) {
  for (const credential of credentials) {
    expect(text).not.toContain(credential)
    const parts = credential.split('.')
    if (parts.length === 3) expect(text).not.toContain(parts[2]!)
    else if (/^tsr_[a-z]+_/.test(credential)) {
      expect(text).not.toContain(credential.replace(/^tsr_[a-z]+_/, ''))
    }
  }
}
