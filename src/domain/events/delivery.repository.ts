import { sql, type Kysely, type Selectable, type Transaction } from 'kysely'
import type {
  AttemptLogEntry,
  DB,
  DeliveryKind,
  DeliveryStatus,
  EventDeliveriesTable,
} from '../../db/schema.js'

export type DeliveryRow = Selectable<EventDeliveriesTable>
type Db = Kysely<DB> | Transaction<DB>

/** Epoch milliseconds as a timestamptz, bound the same way by pg and PGlite. */
const ms = (column: unknown) => sql`(timestamptz 'epoch' + ${column} * interval '1 millisecond')`

/** A delivery this worker holds a lease on, with the attempt it is about to make. */
export interface ClaimedDelivery {
  readonly id: string
  readonly endpointId: string
  readonly kind: DeliveryKind
  readonly eventId: number | null
  readonly payload: Record<string, unknown> | null
  /** The attempt about to be made, 1-based, over the delivery's life. */
  readonly attempt: number
  /** The same, counted since the schedule last started (a redelivery starts it again). */
  readonly roundAttempt: number
  readonly maxAttempts: number | null
  readonly createdAt: Date
}

/**
 * Leases up to `limit` due deliveries to `owner` until `leaseUntil` (the oldest due first, through
 * a function that keeps the due index in order and commits without waiting for the disk:
 * migration 0008). SKIP LOCKED lets processes
 * claim side by side without waiting on each other; a lease that runs out (its process died
 * mid-attempt) makes the row due again for anyone. Attempts are counted when their outcome is
 * recorded.
 */
export async function claimDue(
  db: Kysely<DB>,
  owner: string,
  now: number,
  leaseUntil: number,
  limit: number,
): Promise<ClaimedDelivery[]> {
  const { rows } = await sql<{
    id: string
    endpoint_id: string
    kind: DeliveryKind
    event_id: number | string | null
    payload: Record<string, unknown> | null
    attempts: number
    round_attempts: number
    max_attempts: number | null
    created_at: Date
  }>`
    SELECT id, endpoint_id, kind, event_id, payload, attempts, round_attempts, max_attempts,
           created_at
      FROM tessera_claim_deliveries(${owner}::uuid, ${ms(now)}, ${ms(leaseUntil)}, ${limit}::integer)`.execute(
    db,
  )
  return rows.map((r) => ({
    id: r.id,
    endpointId: r.endpoint_id,
    kind: r.kind,
    eventId: r.event_id === null ? null : Number(r.event_id),
    payload: r.payload,
    attempt: r.attempts + 1,
    roundAttempt: r.round_attempts + 1,
    maxAttempts: r.max_attempts,
    createdAt: r.created_at,
  }))
}

/** What became of one attempt. */
export interface AttemptOutcome {
  readonly id: string
  readonly status: DeliveryStatus
  /** Epoch ms of the next attempt; null unless still pending. */
  readonly nextAttemptAt: number | null
  /** Why it ended (or was retried): `delivered`, `retrying`, `gone`, `exhausted`… */
  readonly outcome: string
  readonly entry: AttemptLogEntry | null
}

/**
 * Records many outcomes in one statement, only for rows this owner still leases (a lease that
 * ran out may belong to another worker now: its outcome wins), keeping the last 50 attempts of
 * each in its log (a redelivered one can outgrow the schedule). Its commit does not wait for the
 * disk (migration 0008): lost in a crash, the lease runs out and the delivery is repeated.
 * Returns the ids recorded.
 */
export async function recordOutcomes(
  db: Kysely<DB>,
  owner: string,
  now: number,
  outcomes: readonly AttemptOutcome[],
): Promise<Set<string>> {
  if (outcomes.length === 0) return new Set()
  const { rows } = await sql<{ id: string }>`
    SELECT id FROM tessera_record_delivery_outcomes(
      ${owner}::uuid, ${ms(now)},
      ${outcomes.map((o) => o.id)}::uuid[], ${outcomes.map((o) => o.status)}::text[],
      ${outcomes.map((o) => o.nextAttemptAt)}::bigint[], ${outcomes.map((o) => o.outcome)}::text[],
      ${outcomes.map((o) => (o.entry ? JSON.stringify(o.entry) : null))}::text[]) AS r (id)`.execute(
    db,
  )
  return new Set(rows.map((r) => r.id))
}

/** A delivery that is not an audit event (a ping, an SSF verification), due now. */
export async function enqueueDelivery(
  db: Db,
  delivery: {
    endpointId: string
    kind: DeliveryKind
    payload: Record<string, unknown>
    now: Date
    maxAttempts?: number
  },
): Promise<DeliveryRow> {
  return db
    .insertInto('event_deliveries')
    .values({
      endpoint_id: delivery.endpointId,
      kind: delivery.kind,
      payload: JSON.stringify(delivery.payload),
      created_at: delivery.now,
      next_attempt_at: delivery.now,
      max_attempts: delivery.maxAttempts ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Ends every pending delivery of an endpoint (it was disabled). */
export async function endPending(
  db: Db,
  endpointId: string,
  status: 'failed' | 'discarded',
  outcome: string,
  now: Date,
): Promise<number> {
  const result = await db
    .updateTable('event_deliveries')
    .set({
      status,
      outcome,
      finished_at: now,
      next_attempt_at: null,
      lease_owner: null,
      lease_until: null,
    })
    .where('endpoint_id', '=', endpointId)
    .where('status', '=', 'pending')
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/**
 * Holds an endpoint's pending deliveries (a paused SSF stream) or lets them go again. Held rows
 * wait at +infinity, so the due index never offers them and claims never scan past them.
 */
export async function holdPending(
  db: Db,
  endpointId: string,
  hold: boolean,
  now: Date,
): Promise<void> {
  await db
    .updateTable('event_deliveries')
    .set({ next_attempt_at: hold ? sql<Date>`'infinity'::timestamptz` : now })
    .where('endpoint_id', '=', endpointId)
    .where('status', '=', 'pending')
    .execute()
}

export interface DeliveryPage {
  readonly limit: number
  /** Keyset cursor: the last row of the previous page. */
  readonly before?: { createdAt: Date; id: string }
  readonly status?: DeliveryStatus
}

/** An endpoint's deliveries, newest first. */
export async function listDeliveries(
  db: Kysely<DB>,
  endpointId: string,
  page: DeliveryPage,
): Promise<DeliveryRow[]> {
  let query = db
    .selectFrom('event_deliveries')
    .selectAll()
    .where('endpoint_id', '=', endpointId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
  if (page.before) {
    const { createdAt, id } = page.before
    query = query.where((eb) =>
      eb.or([
        eb('created_at', '<', createdAt),
        eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)]),
      ]),
    )
  }
  if (page.status) query = query.where('status', '=', page.status)
  return query.execute()
}

export async function findDelivery(
  db: Db,
  endpointId: string,
  id: string,
): Promise<DeliveryRow | undefined> {
  return db
    .selectFrom('event_deliveries')
    .selectAll()
    .where('id', '=', id)
    .where('endpoint_id', '=', endpointId)
    .executeTakeFirst()
}

/**
 * Sends a delivery again now, with a fresh round of the schedule. A delivery in flight keeps its
 * lease (the redelivery waits for it); one already pending is simply made due.
 */
export async function redeliver(
  db: Db,
  endpointId: string,
  id: string,
  now: Date,
): Promise<DeliveryRow | undefined> {
  return db
    .updateTable('event_deliveries')
    .set({
      status: 'pending',
      next_attempt_at: now,
      round_attempts: 0,
      finished_at: null,
      outcome: 'redelivery',
    })
    .where('id', '=', id)
    .where('endpoint_id', '=', endpointId)
    .returningAll()
    .executeTakeFirst()
}

/** Pending deliveries and the age of the oldest due one, for /metrics. */
export async function backlog(
  db: Kysely<DB>,
  now: number,
): Promise<{ pending: number; oldestDueMs: number }> {
  const { rows } = await sql<{ pending: number | string; oldest: Date | null }>`
    SELECT count(*) AS pending,
           min(next_attempt_at) FILTER (WHERE next_attempt_at <= ${ms(now)}) AS oldest
      FROM event_deliveries WHERE status = 'pending'`.execute(db)
  const row = rows[0]
  const oldest = row?.oldest ? now - row.oldest.getTime() : 0
  return { pending: Number(row?.pending ?? 0), oldestDueMs: Math.max(0, oldest) }
}

/** Deletes finished deliveries older than `before`; bounded per call. */
export async function pruneDeliveries(
  db: Kysely<DB>,
  before: Date,
  limit = 5_000,
): Promise<number> {
  const result = await db
    .deleteFrom('event_deliveries')
    .where(
      'id',
      'in',
      db
        .selectFrom('event_deliveries')
        .select('id')
        .where('status', '<>', 'pending')
        .where('finished_at', '<', before)
        .limit(limit),
    )
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
