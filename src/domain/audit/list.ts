import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import { badRequest } from '../../errors.js'
import { toHex } from './canonical.js'
import type { AuditData } from './record.js'

export interface AuditEventView {
  id: number
  organizationId: number | null
  occurredAt: string
  type: string
  actor: string
  clientId: string | null
  userId: number | null
  familyId: string | null
  data: AuditData
  /** Linked into its chain yet; the sealer catches up within seconds. */
  sealed: boolean
  chainSeq: number | null
  hash: string | null
}

export interface AuditEventFilter {
  /** undefined: every organization and instance events; null: instance events only. */
  organizationId?: number | null
  clientId?: string
  /** Any of these types; undefined or empty: every type. */
  types?: string[]
  /** Only events about this managed user. */
  userId?: number
  /** Only events that occurred at or after `since` and before `until`. */
  since?: Date
  until?: Date
}

export interface AuditPage {
  limit: number
  cursor?: string
}

/**
 * Newest first, keyset-paginated on id so a page costs the same at any depth and events recorded
 * between pages never shift it. The cursor is opaque to callers (base64url of the last id).
 */
export async function listAuditEvents(
  db: Kysely<DB>,
  filter: AuditEventFilter,
  page: AuditPage,
): Promise<{ events: AuditEventView[]; nextCursor: string | null }> {
  if (!Number.isSafeInteger(page.limit) || page.limit < 1) throw badRequest('Invalid limit')
  let query = db
    .selectFrom('audit_events as e')
    .leftJoin('audit_chain as c', 'c.event_id', 'e.id')
    .selectAll('e')
    .select(['c.seq', 'c.hash'])
    .orderBy('e.id', 'desc')
    .limit(page.limit + 1)
  if (page.cursor !== undefined) query = query.where('e.id', '<', decodeCursor(page.cursor))
  if (filter.organizationId === null) query = query.where('e.organization_id', 'is', null)
  else if (filter.organizationId !== undefined) {
    query = query.where('e.organization_id', '=', filter.organizationId)
  }
  if (filter.clientId !== undefined) query = query.where('e.client_id', '=', filter.clientId)
  if (filter.types && filter.types.length > 0) query = query.where('e.type', 'in', filter.types)
  if (filter.userId !== undefined) query = query.where('e.user_id', '=', filter.userId)
  if (filter.since !== undefined) query = query.where('e.occurred_at', '>=', filter.since)
  if (filter.until !== undefined) query = query.where('e.occurred_at', '<', filter.until)

  const rows = await query.execute()
  const more = rows.length > page.limit
  const events = rows.slice(0, page.limit).map((row): AuditEventView => ({
    id: row.id,
    organizationId: row.organization_id,
    occurredAt: row.occurred_at.toISOString(),
    type: row.type,
    actor: row.actor,
    clientId: row.client_id,
    userId: row.user_id,
    familyId: row.family_id,
    // written only through recordAuditEvents, whose type allows nothing else
    data: row.data as AuditData,
    sealed: row.seq !== null,
    chainSeq: row.seq === null ? null : Number(row.seq),
    hash: row.hash === null ? null : toHex(row.hash),
  }))
  const last = events[events.length - 1]
  return { events, nextCursor: more && last ? encodeCursor(last.id) : null }
}

export function encodeCursor(id: number): string {
  return Buffer.from(String(id), 'utf8').toString('base64url')
}

function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8')
  const id = /^[1-9][0-9]{0,15}$/.test(text) ? Number(text) : NaN
  // Node's decoder skips characters it does not know; only the exact encoding of an id is valid
  if (!Number.isSafeInteger(id) || encodeCursor(id) !== cursor) throw badRequest('Invalid cursor')
  return id
}
