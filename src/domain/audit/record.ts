import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../db/schema.js'

/** Every security event Tessera records. Listed with their data in docs/events.md. */
export type AuditEventType =
  | 'organization.created'
  | 'api_key.created'
  | 'api_key.revoked'
  | 'client.created'
  | 'client.updated'
  | 'client.deleted'
  | 'client.secret_rotated'
  | 'client.previous_secret_revoked'
  | 'client.imported'
  | 'user.created'
  | 'user.updated'
  | 'user.deleted'
  | 'user.imported'
  | 'token.issued'
  | 'token.refreshed'
  | 'token.force_refreshed'
  | 'token.revoked'
  | 'token.reuse_detected'
  | 'signing_key.rotated'
  | 'webhook.created'
  | 'webhook.updated'
  | 'webhook.deleted'
  | 'webhook.disabled'
  | 'ssf_stream.created'
  | 'ssf_stream.updated'
  | 'ssf_stream.deleted'
  | 'ssf_stream.disabled'

/** A value of an event's `data`: a scalar, or a list of ids or field names. */
export type AuditValue = string | number | boolean | null | string[]

/** What an event is about, per type (docs/events.md). Never secrets or tokens. */
export type AuditData = Readonly<Record<string, AuditValue>>

/** Who did it: `operator`, `api_key:<id>`, `client:<id>`, `user:<id>` or `system`. */
export type Actor = string

export interface AuditEvent {
  readonly type: AuditEventType
  readonly organizationId: number | null
  readonly actor: Actor
  readonly clientId?: string | null
  readonly userId?: number | null
  readonly familyId?: string | null
  /** Never secrets or tokens: ids, names, counts, reasons. */
  readonly data?: AuditData
}

/**
 * Writes an audit event inside the caller's transaction, so the event exists exactly when the
 * change does. The sealer links it into its organization's hash chain shortly after.
 */
export async function recordAuditEvent(
  db: Transaction<DB> | Kysely<DB>,
  event: AuditEvent,
  at: Date,
): Promise<void> {
  await recordAuditEvents(db, [event], at)
}

/** Several events of one change in one statement, in the order given. */
export async function recordAuditEvents(
  db: Transaction<DB> | Kysely<DB>,
  events: readonly AuditEvent[],
  at: Date,
): Promise<void> {
  await db
    .insertInto('audit_events')
    .values(
      events.map((event) => ({
        organization_id: event.organizationId,
        occurred_at: at,
        type: event.type,
        actor: event.actor,
        client_id: event.clientId ?? null,
        user_id: event.userId ?? null,
        family_id: event.familyId ?? null,
        data: JSON.stringify(event.data ?? {}),
      })),
    )
    .execute()
}
