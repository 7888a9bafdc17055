/**
 * Every metric Tessera itself defines, in one list: `Metrics` builds them from it, and
 * docs/observability.md lists the same names (a test keeps the two in step). prom-client's default
 * process and Node.js metrics (`process_*`, `nodejs_*`) come on top.
 */
export interface MetricSpec {
  readonly type: 'counter' | 'gauge' | 'histogram'
  readonly help: string
  readonly labels: readonly string[]
  readonly buckets?: readonly number[]
}

/** Latency buckets (seconds): 1 ms to 10 s, dense where a token endpoint's answers fall. */
const LATENCY = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

/**
 * Connection-acquire buckets (seconds): 50 µs to the acquire timeout's range. An idle pooled
 * connection is handed out in microseconds; waits of milliseconds mean a busy pool, and seconds
 * a saturated pool or a database that is not answering (the default acquire timeout is 2 s).
 */
const ACQUIRE = [
  0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2,
  5,
]

export const METRICS = {
  tessera_http_request_duration_seconds: {
    type: 'histogram',
    help: 'HTTP requests by method, route template (`unmatched` for unknown paths) and status, from arrival to the last byte handed to the socket.',
    labels: ['method', 'route', 'status'],
    buckets: LATENCY,
  },
  tessera_refresh_total: {
    type: 'counter',
    help: 'Refresh requests by outcome (rotated, duplicate, replay, invalid).',
    labels: ['outcome'],
  },
  tessera_access_token_checks_total: {
    type: 'counter',
    help: 'Access-token checks by outcome (valid, expired, invalid, revoked).',
    labels: ['outcome'],
  },
  tessera_rate_limit_decisions_total: {
    type: 'counter',
    help: 'Brute-force protection decisions on credential checks (allowed, refused).',
    labels: ['decision'],
  },
  tessera_tokens_issued_total: {
    type: 'counter',
    help: 'Token families started (user_created, force_refresh).',
    labels: ['origin'],
  },
  tessera_event_deliveries_total: {
    type: 'counter',
    help: 'Webhook and Shared Signals delivery attempts by endpoint kind and outcome (delivered, retrying, failed, discarded).',
    labels: ['endpoint', 'outcome'],
  },
  tessera_event_delivery_backlog: {
    type: 'gauge',
    help: 'Deliveries waiting to be sent (all processes; read at most every few seconds).',
    labels: [],
  },
  tessera_event_delivery_oldest_pending_seconds: {
    type: 'gauge',
    help: 'How long the oldest due delivery has been waiting (0 when none is due).',
    labels: [],
  },
  tessera_event_delivery_yielding: {
    type: 'gauge',
    help: 'Whether this process holds event delivery back (1) because it or its machine is saturated (TESSERA_WEBHOOK_YIELD_ABOVE_PERCENT), or delivers at full speed (0).',
    labels: [],
  },
  tessera_faults_total: {
    type: 'counter',
    help: 'Faults met and survived, by source (database connections, change feed, Redis, background tasks).',
    labels: ['source'],
  },
  tessera_db_pool_connections: {
    type: 'gauge',
    help: 'PostgreSQL pool connections of this process by state (in_use, idle); absent in embedded mode.',
    labels: ['state'],
  },
  tessera_db_pool_max_connections: {
    type: 'gauge',
    help: 'TESSERA_DB_POOL_SIZE: the most connections this process opens.',
    labels: [],
  },
  tessera_db_pool_waiting: {
    type: 'gauge',
    help: 'Requests waiting for a pooled connection.',
    labels: [],
  },
  tessera_db_acquire_seconds: {
    type: 'histogram',
    help: 'Waits for a database connection: a PostgreSQL pool checkout, or in embedded mode the turn at the single session. Failed checkouts are counted in tessera_faults_total{source="db_pool"}.',
    labels: [],
    buckets: ACQUIRE,
  },
  tessera_change_feed_live: {
    type: 'gauge',
    help: '1 while changes made by other processes reach this one (PostgreSQL LISTEN connection up; always 1 embedded), 0 while caches are bypassed.',
    labels: [],
  },
  tessera_change_feed_lag_seconds: {
    type: 'gauge',
    help: 'How late changes from other processes arrive: round trip of the last heartbeat through the LISTEN channel, or the wait of the one in flight when longer (0 embedded; absent while the connection is down).',
    labels: [],
  },
} as const satisfies Record<string, MetricSpec>

export type MetricName = keyof typeof METRICS
