import type { Transaction } from 'kysely'
import type { Context } from '../context.js'
import type { DB } from '../db/schema.js'
import type { Change } from './changes/change-feed.js'

export interface UnitOfWork {
  readonly trx: Transaction<DB>
  /** Records a change: published to other processes on commit, applied here after it. */
  changed(change: Change): void
}

/**
 * Runs `work` in one database transaction. Changes it reports reach other processes only if the
 * transaction commits, and this process's caches right after the commit, before the caller answers.
 */
export async function transact<T>(ctx: Context, work: (uow: UnitOfWork) => Promise<T>): Promise<T> {
  const changes: Change[] = []
  const result = await ctx.database.db.transaction().execute(async (trx) => {
    const value = await work({ trx, changed: (change) => changes.push(change) })
    await ctx.changes.publish(trx, changes)
    return value
  })
  ctx.changes.apply(changes)
  return result
}
