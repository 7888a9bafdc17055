import { ADVISORY_LOCKS } from '../advisory-locks.js'
import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from '../../db/schema.js'
import type { FaultLog } from '../../faults/fault-log.js'
import { eventDigest, GENESIS_HASH, linkHash, toHex } from './canonical.js'

/** instance_settings key: every event with an id at or below it is known to be sealed. */
export const SEAL_WATERMARK_KEY = 'audit_seal_watermark'

/**
 * How long a transaction that took an event id may stay uncommitted. The watermark never passes
 * an event younger than this, so a late commit below the sealed ids is still found later.
 */
export const SEAL_GRACE = sql`interval '60 seconds'`

// Small batches: hashing a batch blocks the event loop, and requests wait behind it.
const DEFAULT_BATCH = 100
/** A background pass rescans from the watermark when the last such pass is this old. */
const FULL_PASS_AFTER_MS = 30_000

interface Head {
  seq: number
  hash: Uint8Array
}

/**
 * Appends every unsealed event to its organization's chain (chain 0 for instance events), in one
 * transaction. Events are written unchained so writers never contend on a chain head; chain order
 * is therefore seal order, not id order. Returns at once if another process is sealing.
 */
export async function sealPendingEvents(
  db: Kysely<DB>,
  options: {
    batchSize?: number
    /**
     * Look only above this event id (a sealer's own high-water mark), not from the watermark, and
     * leave the watermark alone: cheap enough to run every second at any event rate. A full pass
     * (without it) now and then still finds events that committed late below it.
     */
    after?: number
  } = {},
): Promise<{ sealed: number; lastId: number }> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH
  const quick = options.after !== undefined
  // read committed, whatever the server default: each statement must see the links of a sealer
  // that committed after this transaction began (a snapshot older than the lock would fork chains)
  return db
    .transaction()
    .setIsolationLevel('read committed')
    .execute(async (trx) => {
      const lock = await sql<{ locked: boolean }>`
        SELECT pg_try_advisory_xact_lock(${ADVISORY_LOCKS.auditChain}) AS locked`.execute(trx)
      if (!lock.rows[0]?.locked) return { sealed: 0, lastId: options.after ?? 0 }

      const watermark = await readWatermark(trx)
      const heads = new Map<number, Head>()
      let after = Math.max(watermark, options.after ?? 0)
      let sealed = 0
      for (;;) {
        const events = await unsealedEvents(trx, after, batchSize)
        if (events.length === 0) break
        await loadHeads(trx, heads, events)
        const links = events.map((event) => {
          const chainId = event.organization_id ?? 0
          const { seq, hash: prevHash } = heads.get(chainId)!
          const hash = linkHash(prevHash, event.digest)
          heads.set(chainId, { seq: seq + 1, hash })
          return { chainId, seq: seq + 1, eventId: event.id, prevHash, hash }
        })
        await insertLinks(trx, links)
        sealed += links.length
        // keyset: the next batch starts after this one instead of rescanning from the watermark
        after = events[events.length - 1]!.id
        if (events.length < batchSize) break
      }
      if (!quick) await advanceWatermark(trx, watermark)
      return { sealed, lastId: after }
    })
}

async function readWatermark(trx: Transaction<DB>): Promise<number> {
  const row = await trx
    .selectFrom('instance_settings')
    .select('value')
    .where('key', '=', SEAL_WATERMARK_KEY)
    .executeTakeFirst()
  const value = Number(row?.value ?? 0)
  return Number.isSafeInteger(value) && value > 0 ? value : 0
}

/**
 * The oldest unsealed events above `after`. The anti-join repeats the bound on `c.event_id` so
 * the planner range-scans the unique index on event_id (a merge anti-join): the cost follows the
 * events above the watermark, never the size of the tables.
 */
async function unsealedEvents(trx: Transaction<DB>, after: number, limit: number) {
  const result = await sql<{ id: number; organization_id: number | null; digest: Uint8Array }>`
    SELECT e.id, e.organization_id, ${eventDigest('e')} AS digest FROM audit_events e
    WHERE e.id > ${after} AND NOT EXISTS (
      SELECT 1 FROM audit_chain c WHERE c.event_id = e.id AND c.event_id > ${after})
    ORDER BY e.id LIMIT ${limit}`.execute(trx)
  return result.rows
}

interface NewLink {
  chainId: number
  seq: number
  eventId: number
  prevHash: Uint8Array
  hash: Uint8Array
}

/** One statement whatever the batch size: five arrays, not five parameters per link. */
async function insertLinks(trx: Transaction<DB>, links: NewLink[]): Promise<void> {
  await sql`
    INSERT INTO audit_chain (chain_id, seq, event_id, prev_hash, hash)
    SELECT c, s, e, decode(p, 'hex'), decode(h, 'hex')
    FROM unnest(${links.map((l) => l.chainId)}::integer[], ${links.map((l) => l.seq)}::bigint[],
                ${links.map((l) => l.eventId)}::bigint[], ${links.map((l) => toHex(l.prevHash))}::text[],
                ${links.map((l) => toHex(l.hash))}::text[]) AS t (c, s, e, p, h)`.execute(trx)
}

/** Each new chain continues from its last link, else from its prune anchor, else from genesis. */
async function loadHeads(
  trx: Transaction<DB>,
  heads: Map<number, Head>,
  events: { organization_id: number | null }[],
) {
  const missing = [...new Set(events.map((e) => e.organization_id ?? 0))].filter(
    (id) => !heads.has(id),
  )
  if (missing.length === 0) return
  // one backward index probe per chain on the (chain_id, seq) primary key
  const last = await sql<{ chain_id: number; seq: number; hash: Uint8Array }>`
    SELECT k.chain_id, h.seq, h.hash
    FROM (VALUES ${sql.join(missing.map((id) => sql`(${id}::integer)`))}) AS k (chain_id)
    CROSS JOIN LATERAL (
      SELECT c.seq, c.hash FROM audit_chain c
      WHERE c.chain_id = k.chain_id ORDER BY c.seq DESC LIMIT 1
    ) AS h`.execute(trx)
  for (const row of last.rows) heads.set(row.chain_id, { seq: Number(row.seq), hash: row.hash })
  const unlinked = missing.filter((id) => !heads.has(id))
  if (unlinked.length > 0) {
    const anchors = await trx
      .selectFrom('audit_anchors')
      .select(['chain_id', 'seq', 'hash'])
      .where('chain_id', 'in', unlinked)
      .execute()
    for (const row of anchors) heads.set(row.chain_id, { seq: Number(row.seq), hash: row.hash })
  }
  for (const id of unlinked) if (!heads.has(id)) heads.set(id, { seq: 0, hash: GENESIS_HASH })
}

/**
 * Moves the watermark to the highest event W such that every event in (watermark, W] is sealed
 * and older than the grace period. Gap ids below W were taken before W's, more than the grace
 * period ago, so their transactions are over; a gap above it may still commit, so the watermark
 * stops short of it. One statement: one snapshot, and two index probes past the window scan.
 */
async function advanceWatermark(trx: Transaction<DB>, watermark: number): Promise<void> {
  const result = await sql<{ id: number | string | null }>`
    SELECT max(e.id) AS id FROM audit_events e
    WHERE e.id > ${watermark} AND e.id < coalesce((
      SELECT min(b.id) FROM audit_events b
      WHERE b.id > ${watermark} AND (b.occurred_at > now() - ${SEAL_GRACE} OR NOT EXISTS (
        SELECT 1 FROM audit_chain c WHERE c.event_id = b.id AND c.event_id > ${watermark}))
    ), 9223372036854775807)`.execute(trx)
  const next = Number(result.rows[0]?.id ?? 0)
  if (next <= watermark) return
  await trx
    .insertInto('instance_settings')
    .values({ key: SEAL_WATERMARK_KEY, value: String(next) })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({ value: String(next), updated_at: new Date() }),
    )
    .execute()
}

export interface Sealer {
  /** Seals now (after any pass in progress); resolves with how many events it sealed. */
  sealNow(): Promise<number>
  /** Stops the timer and runs a last pass, so events of a clean shutdown leave sealed. */
  stop(): Promise<void>
}

/**
 * Seals every `intervalMs` in the background. Passes never overlap; a failed pass is reported
 * (logged once per interval: during a database outage it fails four times a second).
 */
export function startSealer(options: {
  db: Kysely<DB>
  faults: FaultLog
  intervalMs?: number
}): Sealer {
  const { db, faults } = options
  const intervalMs = options.intervalMs ?? 250
  let tail: Promise<unknown> = Promise.resolve()
  let timer: NodeJS.Timeout | undefined
  let stopped = false

  // Most passes look only above the last event this process saw sealed; one every 30 s (and any
  // explicit sealNow) scans from the watermark for late commits and advances it.
  let highWater: number | undefined
  let lastFullPass = 0
  const pass = async (full: boolean): Promise<number> => {
    const quick = !full && highWater !== undefined && Date.now() - lastFullPass < FULL_PASS_AFTER_MS
    if (!quick) lastFullPass = Date.now()
    const result = await sealPendingEvents(db, quick ? { after: highWater! } : {})
    highWater = Math.max(highWater ?? 0, result.lastId)
    return result.sealed
  }
  // every pass queues behind the previous one: no overlap within this process
  const enqueue = (full = true): Promise<number> => {
    const next = tail.then(() => pass(full))
    tail = next.catch(() => undefined)
    return next
  }
  const logFailure = (err: unknown) => {
    faults.report('audit_sealer', err, 'sealing audit events failed; retrying on the next tick')
    return 0
  }
  const schedule = () => {
    // 0: no timer; the owner seals with sealNow() (tests, one-shot CLI commands)
    if (stopped || intervalMs <= 0) return
    timer = setTimeout(() => void enqueue(false).catch(logFailure).finally(schedule), intervalMs)
    timer.unref()
  }
  schedule()

  return {
    sealNow: () => enqueue(true),
    async stop() {
      stopped = true
      clearTimeout(timer)
      await enqueue().catch(logFailure)
    },
  }
}
