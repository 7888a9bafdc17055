import type { Database } from '../db/database.js'
import type { Metrics } from './metrics.js'

/** Times every wait for a database connection into `tessera_db_acquire_seconds`. */
export function timeConnectionAcquire(metrics: Metrics, database: Database): void {
  database.observeAcquire(metrics.observer('tessera_db_acquire_seconds'))
}
