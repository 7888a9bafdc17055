/**
 * Every environment variable Tessera reads, in one place. `docs/configuration.md` is generated
 * from this list (`npm run docs:config`) and a test fails when the two drift apart.
 */

export type VariableKind = 'string' | 'integer' | 'boolean' | 'enum' | 'url' | 'secret'

export interface VariableSpec {
  readonly name: string
  readonly kind: VariableKind
  /** The default as a user would type it; undefined means "unset unless given". */
  readonly default?: string
  readonly description: string
  readonly values?: readonly string[]
  readonly min?: number
  readonly max?: number
  readonly group:
    | 'server'
    | 'storage'
    | 'tokens'
    | 'security'
    | 'rate limiting'
    | 'audit'
    | 'webhooks and shared signals'
}

const DAY = 86_400

export const VARIABLES: readonly VariableSpec[] = [
  {
    name: 'HOST',
    kind: 'string',
    default: '127.0.0.1',
    group: 'server',
    description: 'Interface the HTTP server listens on. Use 0.0.0.0 inside a container.',
  },
  {
    name: 'PORT',
    kind: 'integer',
    default: '5555',
    min: 0,
    max: 65_535,
    group: 'server',
    description: 'TCP port of the HTTP server (0 picks a free port and logs it).',
  },
  {
    name: 'TESSERA_ISSUER',
    kind: 'url',
    group: 'server',
    description:
      'Public base URL of this instance: the `iss` of every token and the base of the discovery ' +
      'document. Unset: `http://HOST:PORT` of the first start, remembered in the database so that ' +
      'changing PORT later does not invalidate tokens. Changing it invalidates issued access tokens.',
  },
  {
    name: 'TESSERA_AUDIENCE',
    kind: 'string',
    group: 'server',
    description: 'The `aud` of access tokens, checked on every use. Unset: the issuer.',
  },
  {
    name: 'TESSERA_WORKERS',
    kind: 'string',
    default: '1',
    group: 'server',
    description:
      'Server processes sharing PORT (1 to 64, or `auto`: one per core). More than one needs ' +
      'PostgreSQL (DATABASE_URL); a primary process restarts a worker that dies and, on SIGTERM, ' +
      'drains them all before it exits. See docs/operations.md.',
  },
  {
    name: 'TESSERA_TRUST_PROXY',
    kind: 'boolean',
    default: 'false',
    group: 'server',
    description:
      'Take the client address from `X-Forwarded-For` (set it when Tessera runs behind a reverse ' +
      'proxy, so rate limits apply per real client).',
  },
  {
    name: 'TESSERA_LOG_LEVEL',
    kind: 'enum',
    default: 'info',
    values: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
    group: 'server',
    description: 'pino log level. Logs are JSON on stdout; secrets and tokens are redacted.',
  },
  {
    name: 'DATABASE_URL',
    kind: 'url',
    group: 'storage',
    description:
      'PostgreSQL connection string (`postgres://user:pass@host:5432/db`). Unset: the embedded ' +
      'PostgreSQL (PGlite) under TESSERA_DATA_DIR is used.',
  },
  {
    name: 'TESSERA_DATA_DIR',
    kind: 'string',
    default: './.tessera',
    group: 'storage',
    description:
      'Folder of the embedded database and of the generated master key file. Back it up: it holds all data in embedded mode.',
  },
  {
    name: 'TESSERA_DB_POOL_SIZE',
    kind: 'integer',
    default: '16',
    min: 1,
    max: 500,
    group: 'storage',
    description: 'Maximum PostgreSQL connections per process (ignored in embedded mode).',
  },
  {
    name: 'TESSERA_ADMIN_KEY',
    kind: 'secret',
    group: 'security',
    description:
      'The operator bearer key for `/v2/admin/*`. Unset on first start: one is generated, printed ' +
      'once, and only its hash is kept (`tessera operator-key reset` makes a new one).',
  },
  {
    name: 'TESSERA_MASTER_KEY',
    kind: 'secret',
    group: 'security',
    description:
      '32 random bytes as 64 hex characters or 43 base64url characters. Keys the hashes of secrets, ' +
      'the refresh-token MACs and the encryption of signing keys. Unset: generated into ' +
      '`TESSERA_DATA_DIR/master.key` on first start. Every process sharing a database needs the same key.',
  },
  {
    name: 'TESSERA_ACCESS_TOKEN_TTL_SECONDS',
    kind: 'integer',
    default: '3600',
    min: 1,
    max: 30 * DAY,
    group: 'tokens',
    description:
      'Lifetime of access tokens. `accessTokenExpiresAt` is issue time plus exactly this.',
  },
  {
    name: 'TESSERA_REFRESH_TOKEN_TTL_SECONDS',
    kind: 'integer',
    default: '31536000',
    min: 60,
    max: 3650 * DAY,
    group: 'tokens',
    description: 'Lifetime of each refresh token (renewed on every refresh). Expiry is enforced.',
  },
  {
    name: 'TESSERA_REFRESH_REUSE_INTERVAL_SECONDS',
    kind: 'integer',
    default: '30',
    min: 0,
    max: 3600,
    group: 'tokens',
    description:
      'Overlap window: presenting the previous refresh token again within this many seconds of its ' +
      'first use returns the same successor pair instead of revoking the session.',
  },
  {
    name: 'TESSERA_SIGNING_ALG',
    kind: 'enum',
    default: 'EdDSA',
    values: ['EdDSA', 'ES256', 'HS256'],
    group: 'tokens',
    description:
      'Algorithm of access-token signatures. EdDSA and ES256 publish their public keys at ' +
      '`/.well-known/jwks.json`; HS256 is for strict Cal.com parity (no public keys).',
  },
  {
    name: 'TESSERA_SECRET_ROTATION_GRACE_SECONDS',
    kind: 'integer',
    default: '86400',
    min: 0,
    max: 90 * DAY,
    group: 'security',
    description: 'After a client-secret rotation, the previous secret keeps working this long.',
  },
  {
    name: 'REDIS_URL',
    kind: 'url',
    group: 'rate limiting',
    description:
      'Redis for rate-limit counters shared by every process (`redis://127.0.0.1:6379`). Unset: counters are per process.',
  },
  {
    name: 'TESSERA_RATE_LIMIT_ENABLED',
    kind: 'boolean',
    default: 'true',
    group: 'rate limiting',
    description: 'Brute-force protection on every endpoint that checks a secret, key or token.',
  },
  {
    name: 'TESSERA_RATE_LIMIT_WINDOW_SECONDS',
    kind: 'integer',
    default: '60',
    min: 1,
    max: DAY,
    group: 'rate limiting',
    description: 'The window over which the point budgets below refill.',
  },
  {
    name: 'TESSERA_RATE_LIMIT_REQUESTS',
    kind: 'integer',
    default: '600000',
    min: 1,
    max: 1_000_000_000,
    group: 'rate limiting',
    description:
      'Requests one credential may make from one source address per window (a platform backend ' +
      'refreshing for all its users is one credential: keep this high).',
  },
  {
    name: 'TESSERA_RATE_LIMIT_FAILURES',
    kind: 'integer',
    default: '30',
    min: 1,
    max: 1_000_000,
    group: 'rate limiting',
    description:
      'Failed authentications one credential may have from one source address per window. A ' +
      'failure weighs REQUESTS / FAILURES successes, in the same budget.',
  },
  {
    name: 'TESSERA_RATE_LIMIT_ADDRESS_REQUESTS',
    kind: 'integer',
    default: '3000000',
    min: 1,
    max: 1_000_000_000,
    group: 'rate limiting',
    description: 'Requests one source address may make per window, over all credentials.',
  },
  {
    name: 'TESSERA_RATE_LIMIT_ADDRESS_FAILURES',
    kind: 'integer',
    default: '300',
    min: 1,
    max: 1_000_000,
    group: 'rate limiting',
    description:
      'Failed authentications one source address may have per window. Once spent, the address is ' +
      'refused except for credentials that succeeded from it recently, so a flood sharing an ' +
      'address with honest clients does not lock them out.',
  },
  {
    name: 'TESSERA_AUDIT_RETENTION_DAYS',
    kind: 'integer',
    default: '400',
    min: 0,
    max: 36_500,
    group: 'audit',
    description:
      'Audit events older than this are pruned (the chain keeps an anchor, so verification still ' +
      'works). 0 keeps them forever.',
  },
  {
    name: 'TESSERA_WEBHOOK_ALLOW_PRIVATE_NETWORKS',
    kind: 'boolean',
    default: 'false',
    group: 'webhooks and shared signals',
    description:
      'Allow webhook and Shared Signals receivers on loopback, private, link-local and metadata ' +
      'addresses. Off, such URLs are refused when saved and at every connection (SSRF protection). ' +
      'Turn on only when every receiver is on a network you trust (development, tests).',
  },
  {
    name: 'TESSERA_WEBHOOK_TIMEOUT_SECONDS',
    kind: 'integer',
    default: '15',
    min: 1,
    max: 60,
    group: 'webhooks and shared signals',
    description:
      'How long a receiver has to answer a delivery (connection and response together) before the ' +
      'attempt counts as failed.',
  },
  {
    name: 'TESSERA_WEBHOOK_RETRY_SCHEDULE',
    kind: 'string',
    default: '5s,5m,30m,2h,5h,10h,14h,20h,24h',
    group: 'webhooks and shared signals',
    description:
      'Delays after each failed attempt (units ms, s, m, h, d), each jittered by ±20%. The default ' +
      'is the Standard Webhooks schedule: 10 attempts over about three days. An endpoint that fails ' +
      'for the whole schedule is disabled.',
  },
  {
    name: 'TESSERA_WEBHOOK_CONCURRENCY',
    kind: 'integer',
    default: '16',
    min: 1,
    max: 256,
    group: 'webhooks and shared signals',
    description:
      'Delivery attempts in flight at once in each process. A slow receiver holds one slot, never ' +
      'the others.',
  },
  {
    name: 'TESSERA_WEBHOOK_POLL_INTERVAL_MS',
    kind: 'integer',
    default: '200',
    min: 10,
    max: 60_000,
    group: 'webhooks and shared signals',
    description:
      'How often each process looks for due deliveries made by other processes (or by the batched ' +
      'refresh path). Bounds the delay from an event to its first attempt.',
  },
  {
    name: 'TESSERA_WEBHOOK_WORKER',
    kind: 'boolean',
    default: 'true',
    group: 'webhooks and shared signals',
    description:
      'Deliver webhooks and Shared Signals events from this process. Processes share the work ' +
      'through leases; set false on processes that should only serve the API.',
  },
  {
    name: 'TESSERA_WEBHOOK_SECRET_ROTATION_GRACE_SECONDS',
    kind: 'integer',
    default: '86400',
    min: 0,
    max: 30 * DAY,
    group: 'webhooks and shared signals',
    description:
      'After a webhook secret is replaced, deliveries carry a second Standard Webhooks signature by ' +
      'the previous secret for this long, so receivers can switch without missing a message.',
  },
  {
    name: 'TESSERA_WEBHOOK_LOG_RETENTION_DAYS',
    kind: 'integer',
    default: '30',
    min: 1,
    max: 3_650,
    group: 'webhooks and shared signals',
    description: 'Finished deliveries (and their attempt logs) are kept this long.',
  },
]
