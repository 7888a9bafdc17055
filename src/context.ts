import type { Logger } from 'pino'
import type { Config } from './config/config.js'
import type { ServerKeys } from './crypto/master-key.js'
import type { Database } from './db/database.js'
import type { ChangeFeed } from './domain/changes/change-feed.js'
import type { FaultLog } from './faults/fault-log.js'

/** Epoch milliseconds. Injected so tests can move time instead of waiting. */
export type Clock = () => number

export const systemClock: Clock = () => Date.now()

/** What every domain service depends on. Built once per process by `createTessera`. */
export interface Context {
  readonly config: Config
  readonly logger: Logger
  readonly database: Database
  readonly keys: ServerKeys
  readonly clock: Clock
  readonly changes: ChangeFeed
  /** Where background tasks report what failed (logged once per interval, counted). */
  readonly faults: FaultLog
}
