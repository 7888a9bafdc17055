import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from '../../db/schema.js'
import { eventDigest, GENESIS_HASH, linkHash, sameBytes, toHex } from './canonical.js'
import { SEAL_GRACE } from './sealer.js'

export interface ChainReport {
  chainId: number
  /** The first seq verified: 1, or the one after the prune anchor. */
  firstSeq: number
  /** The last seq verified (on a broken chain: the last one before the problem). */
  lastSeq: number
  links: number
  /** Hash of the last verified link, in hex; record it elsewhere to detect truncation later. */
  headHash: string
}

export type AuditProblemKind = 'altered' | 'missing_event' | 'missing_link' | 'broken_link'

export interface AuditProblem {
  chainId: number
  seq: number
  eventId: number | null
  kind: AuditProblemKind
  message: string
}

export interface AuditVerification {
  ok: boolean
  chains: ChainReport[]
  problem: AuditProblem | null
  /** Events older than the sealing grace period with no link: the sealer is behind or stuck. */
  unsealedEvents: number
}

/** Where a chain walk stands: the last verified seq and its hash. */
export interface ChainCursor {
  seq: number
  hash: Uint8Array
}

/** A link joined to its event's digest; null when the event row no longer exists. */
export interface ChainLink {
  seq: number
  eventId: number
  prevHash: Uint8Array
  hash: Uint8Array
  eventDigest: Uint8Array | null
  occurredAt: Date | null
}

type Db = Kysely<DB> | Transaction<DB>

const PAGE = 2000

/**
 * Walks every chain (or one) from its anchor or genesis in seq order, a page of links at a time,
 * recomputing each hash. Stops a chain at its first problem; reports the lowest chain's problem.
 */
export async function verifyAuditChains(
  db: Kysely<DB>,
  options: { chainId?: number } = {},
): Promise<AuditVerification> {
  const chainIds = options.chainId === undefined ? await listChainIds(db) : [options.chainId]
  const chains: ChainReport[] = []
  let problem: AuditProblem | null = null
  for (const chainId of chainIds) {
    const walk = await walkChain(db, chainId)
    chains.push(walk.report)
    problem ??= walk.problem
  }
  const unsealedEvents = await countOverdueEvents(db, options.chainId)
  return { ok: problem === null, chains, problem, unsealedEvents }
}

async function walkChain(db: Kysely<DB>, chainId: number) {
  let cursor = await readChainStart(db, chainId)
  const report: ChainReport = {
    chainId,
    firstSeq: cursor.seq + 1,
    lastSeq: cursor.seq,
    links: 0,
    headHash: toHex(cursor.hash),
  }
  for (;;) {
    const links = await readLinks(db, chainId, cursor.seq, PAGE)
    for (const link of links) {
      let problem = checkLink(chainId, cursor, link)
      if (problem?.kind === 'missing_link') {
        // a prune that ran since the walk started moves the anchor past the gap; resume from it
        const anchor = await readChainStart(db, chainId)
        if (anchor.seq === link.seq - 1 && anchor.seq > cursor.seq) {
          cursor = anchor
          report.firstSeq = anchor.seq + 1
          report.links = 0
          problem = checkLink(chainId, cursor, link)
        }
      }
      if (problem) return { report, problem }
      cursor = { seq: link.seq, hash: link.hash }
      report.lastSeq = link.seq
      report.links += 1
      report.headHash = toHex(link.hash)
    }
    if (links.length < PAGE) return { report, problem: null }
  }
}

/** The first problem with `link` as the successor of `cursor`, or null if it verifies. */
export function checkLink(
  chainId: number,
  cursor: ChainCursor,
  link: ChainLink,
): AuditProblem | null {
  const expected = cursor.seq + 1
  const where = `(chain ${chainId}, seq ${link.seq})`
  if (link.seq !== expected) {
    const last = link.seq - 1
    const gap = last === expected ? `link seq ${expected}` : `links seq ${expected} to ${last}`
    const message = `chain ${chainId} is missing ${gap}: it jumps from seq ${cursor.seq} to ${link.seq}`
    return { chainId, seq: expected, eventId: null, kind: 'missing_link', message }
  }
  const base = { chainId, seq: link.seq, eventId: link.eventId }
  if (!sameBytes(link.prevHash, cursor.hash)) {
    const message = `the link of event ${link.eventId} ${where} does not follow the link before it: its previous hash was changed`
    return { ...base, kind: 'broken_link', message }
  }
  if (link.eventDigest === null) {
    const message = `event ${link.eventId} ${where} was deleted after it was sealed`
    return { ...base, kind: 'missing_event', message }
  }
  if (!sameBytes(linkHash(link.prevHash, link.eventDigest), link.hash)) {
    const message = `event ${link.eventId} ${where} was altered after it was sealed`
    return { ...base, kind: 'altered', message }
  }
  return null
}

/** Every chain with links or an anchor, by a skip scan of the (chain_id, seq) primary key. */
export async function listChainIds(db: Db): Promise<number[]> {
  const result = await sql<{ chain_id: number }>`
    WITH RECURSIVE ids (chain_id) AS (
      (SELECT chain_id FROM audit_chain ORDER BY chain_id LIMIT 1)
      UNION ALL
      SELECT (SELECT c.chain_id FROM audit_chain c WHERE c.chain_id > ids.chain_id
              ORDER BY c.chain_id LIMIT 1)
      FROM ids WHERE ids.chain_id IS NOT NULL
    )
    SELECT chain_id FROM ids WHERE chain_id IS NOT NULL
    UNION
    SELECT chain_id FROM audit_anchors
    ORDER BY chain_id`.execute(db)
  return result.rows.map((row) => row.chain_id)
}

/** The anchor left by pruning, or genesis (seq 0, zero hash). */
export async function readChainStart(db: Db, chainId: number): Promise<ChainCursor> {
  const anchor = await db
    .selectFrom('audit_anchors')
    .select(['seq', 'hash'])
    .where('chain_id', '=', chainId)
    .executeTakeFirst()
  return anchor ? { seq: Number(anchor.seq), hash: anchor.hash } : { seq: 0, hash: GENESIS_HASH }
}

/** Up to `limit` links after `afterSeq`, keyset-paginated on the primary key. */
export async function readLinks(db: Db, chainId: number, afterSeq: number, limit: number) {
  const rows = await db
    .selectFrom('audit_chain as c')
    .leftJoin('audit_events as e', 'e.id', 'c.event_id')
    .select(['c.seq', 'c.event_id', 'c.prev_hash', 'c.hash', 'e.id', 'e.occurred_at'])
    .select(eventDigest('e').as('digest'))
    .where('c.chain_id', '=', chainId)
    .where('c.seq', '>', afterSeq)
    .orderBy('c.seq')
    .limit(limit)
    .execute()
  return rows.map((row): ChainLink => ({
    seq: Number(row.seq),
    eventId: row.event_id,
    prevHash: row.prev_hash,
    hash: row.hash,
    // the left join leaves the event columns null exactly when the event row is gone
    eventDigest: row.id === null ? null : row.digest,
    occurredAt: row.occurred_at,
  }))
}

/** A full anti-join, as the walk is: any event without a link, wherever it sits, is counted. */
async function countOverdueEvents(db: Kysely<DB>, chainId: number | undefined): Promise<number> {
  const chain =
    chainId === undefined
      ? sql.raw('')
      : chainId === 0
        ? sql`AND e.organization_id IS NULL`
        : sql`AND e.organization_id = ${chainId}`
  const result = await sql<{ count: number | string }>`
    SELECT count(*) AS count FROM audit_events e
    WHERE e.occurred_at < now() - ${SEAL_GRACE} ${chain}
      AND NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.event_id = e.id)`.execute(db)
  return Number(result.rows[0]?.count ?? 0)
}
