import type { Kysely } from 'kysely'
import type { AttemptLogEntry, DB, DeliveryKind, DeliveryStatus } from '../../db/schema.js'
import { badRequest } from '../../errors.js'
import { listDeliveries, type DeliveryRow } from './delivery.repository.js'
import { triggerOf } from './event-catalog.js'
import { messageId } from './message.js'

/** A delivery as its endpoint's owner sees it in the delivery log. */
export interface DeliveryView {
  id: string
  /** Standard Webhooks' `webhook-id` (the same on every attempt and redelivery). */
  messageId: string
  kind: DeliveryKind
  eventId: number | null
  /** The event's trigger (`TOKEN_REFRESHED`), `PING` for a test delivery; null for SSF's own events. */
  triggerEvent: string | null
  status: DeliveryStatus
  /** Why it is in this state: `delivered`, `retrying`, `gone`, `exhausted`, `endpoint_disabled`… */
  outcome: string | null
  attempts: number
  createdAt: string
  nextAttemptAt: string | null
  finishedAt: string | null
  attemptLog: AttemptLogEntry[]
}

export async function toDeliveryViews(
  db: Kysely<DB>,
  rows: readonly DeliveryRow[],
): Promise<DeliveryView[]> {
  const eventIds = [
    ...new Set(rows.flatMap((r) => (r.event_id === null ? [] : [Number(r.event_id)]))),
  ]
  const types = new Map<number, string>()
  if (eventIds.length > 0) {
    const events = await db
      .selectFrom('audit_events')
      .select(['id', 'type'])
      .where('id', 'in', eventIds)
      .execute()
    for (const e of events) types.set(Number(e.id), e.type)
  }
  return rows.map((row) => {
    const type = row.event_id === null ? undefined : types.get(Number(row.event_id))
    return {
      id: row.id,
      messageId: messageId(row.id),
      kind: row.kind,
      eventId: row.event_id === null ? null : Number(row.event_id),
      triggerEvent: row.kind === 'ping' ? 'PING' : type !== undefined ? triggerOf(type) : null,
      status: row.status,
      outcome: row.outcome,
      attempts: row.attempts,
      createdAt: row.created_at.toISOString(),
      // a held delivery (paused stream) waits at +infinity, which is no date
      nextAttemptAt:
        row.next_attempt_at && Number.isFinite(row.next_attempt_at.getTime())
          ? row.next_attempt_at.toISOString()
          : null,
      finishedAt: row.finished_at?.toISOString() ?? null,
      attemptLog: row.attempt_log,
    }
  })
}

/** Newest first, keyset-paginated; the cursor is opaque to callers. */
export async function deliveryLog(
  db: Kysely<DB>,
  endpointId: string,
  page: { limit: number; cursor?: string; status?: DeliveryStatus },
): Promise<{ deliveries: DeliveryView[]; nextCursor: string | null }> {
  const before = page.cursor === undefined ? undefined : decodeCursor(page.cursor)
  const rows = await listDeliveries(db, endpointId, {
    limit: page.limit + 1,
    ...(before ? { before } : {}),
    ...(page.status ? { status: page.status } : {}),
  })
  const more = rows.length > page.limit
  const shown = rows.slice(0, page.limit)
  const last = shown[shown.length - 1]
  return {
    deliveries: await toDeliveryViews(db, shown),
    nextCursor: more && last ? encodeCursor(last.created_at, last.id) : null,
  }
}

function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.getTime()}:${id}`, 'utf8').toString('base64url')
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const match = /^(\d{1,15}):([0-9a-f-]{36})$/.exec(
    Buffer.from(cursor, 'base64url').toString('utf8'),
  )
  if (!match || encodeCursor(new Date(Number(match[1])), match[2]!) !== cursor) {
    throw badRequest('Invalid cursor')
  }
  return { createdAt: new Date(Number(match[1])), id: match[2]! }
}
