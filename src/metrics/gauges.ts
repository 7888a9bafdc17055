import type { Database } from '../db/database.js'
import type { ChangeFeed } from '../domain/changes/change-feed.js'
import type { EventDelivery } from '../domain/events/event-delivery.js'
import type { Metrics } from './metrics.js'

export interface GaugeSources {
  readonly database: Database
  readonly poolSize: number
  readonly changes: ChangeFeed
  readonly events: EventDelivery
}

/** Gauges read at scrape time from the objects that already know the answer. */
export function registerGauges(metrics: Metrics, sources: GaugeSources): void {
  const { database, changes, events } = sources
  const pool = database.poolStats?.bind(database)
  if (pool) {
    metrics.gauge('tessera_db_pool_connections', () => {
      const stats = pool()
      return [
        [{ state: 'in_use' }, stats.total - stats.idle],
        [{ state: 'idle' }, stats.idle],
      ]
    })
    metrics.gauge('tessera_db_pool_waiting', () => pool().waiting)
    metrics.gauge('tessera_db_pool_max_connections', () => sources.poolSize)
  }
  metrics.gauge('tessera_change_feed_live', () => (changes.live ? 1 : 0))
  metrics.gauge('tessera_change_feed_lag_seconds', () => changes.lagSeconds)
  // one query at most every few seconds (cached by EventDelivery), shared by both gauges; while
  // the database cannot answer they are left out of the scrape rather than failing it
  const backlog = () => events.backlog().catch(() => undefined)
  metrics.gauge('tessera_event_delivery_backlog', async () => (await backlog())?.pending)
  metrics.gauge('tessera_event_delivery_yielding', () => (events.worker.yielding ? 1 : 0))
  metrics.gauge('tessera_event_delivery_oldest_pending_seconds', async () => {
    const value = await backlog()
    return value && value.oldestDueMs / 1000
  })
}
