import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'

/**
 * An audit event as webhooks carry it: the fields of the audit API (`GET …/events`), without the
 * hash-chain state (`sealed`, `chainSeq`, `hash`), which changes seconds after the event and
 * would make retries of one message differ; the audit API has it.
 */
export interface EventPayload {
  readonly id: number
  readonly organizationId: number | null
  readonly occurredAt: string
  readonly type: string
  readonly actor: string
  readonly clientId: string | null
  readonly userId: number | null
  readonly familyId: string | null
  readonly data: Record<string, unknown>
}

/** The events of a batch of deliveries, by id (pruned ones are absent). */
export async function loadEvents(
  db: Kysely<DB>,
  ids: readonly number[],
): Promise<Map<number, EventPayload>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('audit_events')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute()
  return new Map(
    rows.map((row) => [
      Number(row.id),
      {
        id: Number(row.id),
        organizationId: row.organization_id,
        occurredAt: row.occurred_at.toISOString(),
        type: row.type,
        actor: row.actor,
        clientId: row.client_id,
        userId: row.user_id,
        familyId: row.family_id,
        data: row.data,
      },
    ]),
  )
}
