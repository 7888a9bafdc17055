import type { Metrics } from '../domain/metrics.js'
import type { FaultLog } from './fault-log.js'

const FAULTS_TOTAL = 'tessera_faults_total'

/**
 * Every reported fault as a counter by source (db_client: a pooled connection failed;
 * db_unavailable: a request got 503; change_feed: the notification connection failed or
 * stalled; redis: a rate-limit call failed; the others: background tasks).
 */
export function countFaults(faults: FaultLog, metrics: Metrics): void {
  metrics.define(
    FAULTS_TOTAL,
    'Faults met and survived, by source (database connections, change feed, Redis, background tasks).',
  )
  faults.onFault((source) => metrics.inc(FAULTS_TOTAL, { source }))
}
