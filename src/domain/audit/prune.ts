import { sql, type Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import { ADVISORY_LOCKS } from '../advisory-locks.js'
import { checkLink, listChainIds, readChainStart, readLinks, type AuditProblem } from './verify.js'

const DEFAULT_BATCH = 1000

export interface PruneResult {
  deleted: number
  /** Chains whose pruning stopped at a problem, so the evidence is kept; verify reports it too. */
  blocked: AuditProblem[]
}

/**
 * Deletes sealed events that occurred before `before`, with their links, oldest first, and
 * records the last deleted link as the chain's anchor so verification starts from there.
 *
 * Only a prefix of each chain is removed (chain order is seal order, so a late-sealed recent
 * event can sit before older ones; pruning stops at it rather than punch a hole). Every link is
 * verified before it goes: pruning past a tampered link would re-anchor the chain on it and
 * erase the evidence. Unsealed events have no link, so they are never touched.
 */
export async function pruneAuditEvents(
  db: Kysely<DB>,
  before: Date,
  options: { batchSize?: number } = {},
): Promise<PruneResult> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH
  const result: PruneResult = { deleted: 0, blocked: [] }
  for (const chainId of await listChainIds(db)) {
    for (;;) {
      const batch = await pruneBatch(db, chainId, before, batchSize)
      result.deleted += batch.deleted
      if (batch.problem) result.blocked.push(batch.problem)
      if (!batch.more) break
    }
  }
  return result
}

/** One bounded batch in its own transaction, so a large backlog never holds locks for long. */
function pruneBatch(db: Kysely<DB>, chainId: number, before: Date, batchSize: number) {
  // read committed: having waited for the lock, the batch must see what the sealer committed
  return db
    .transaction()
    .setIsolationLevel('read committed')
    .execute(async (trx) => {
      // the sealer reads chain heads and anchors; it skips its pass while a batch holds this
      await sql`SELECT pg_advisory_xact_lock(${ADVISORY_LOCKS.auditChain})`.execute(trx)
      const start = await readChainStart(trx, chainId)
      const links = await readLinks(trx, chainId, start.seq, batchSize)
      let cursor = start
      const eventIds: number[] = []
      let problem: AuditProblem | null = null
      let reachedRecent = false
      for (const link of links) {
        problem = checkLink(chainId, cursor, link)
        if (problem) break
        if (link.occurredAt! >= before) {
          reachedRecent = true
          break
        }
        eventIds.push(link.eventId)
        cursor = { seq: link.seq, hash: link.hash }
      }
      if (eventIds.length > 0) {
        await trx.deleteFrom('audit_events').where('id', 'in', eventIds).execute()
        await trx
          .deleteFrom('audit_chain')
          .where('chain_id', '=', chainId)
          .where('seq', '<=', cursor.seq)
          .execute()
        await trx
          .insertInto('audit_anchors')
          .values({ chain_id: chainId, seq: cursor.seq, hash: cursor.hash })
          .onConflict((oc) =>
            oc
              .column('chain_id')
              .doUpdateSet({ seq: cursor.seq, hash: cursor.hash, updated_at: new Date() }),
          )
          .execute()
      }
      const more = problem === null && !reachedRecent && links.length === batchSize
      return { deleted: eventIds.length, problem, more }
    })
}
