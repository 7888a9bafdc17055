import { resolve } from 'node:path'
import { parseWorkerCount, workersProblem } from '../cluster/worker-count.js'
import { parseRetrySchedule } from '../domain/events/retry-schedule.js'
import { parseEnvironment } from './parse.js'
import type { Environment } from './schema.js'

/** The validated, frozen configuration. Only `server.ts` and the CLI build it from `process.env`. */
export type Config = DeepReadonly<ReturnType<typeof toConfig>>
export type SigningAlg = Environment['TESSERA_SIGNING_ALG']

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`)
    this.name = 'ConfigError'
  }
}

/** Reads every variable once, reports all problems together, and returns a frozen Config. */
export function loadConfig(raw: Readonly<Record<string, string | undefined>>): Config {
  const parsed = parseEnvironment(raw)
  if ('problems' in parsed) throw new ConfigError(parsed.problems)
  const { env } = parsed
  const problems = crossChecks(env)
  const retryScheduleMs = parseRetrySchedule(env.TESSERA_WEBHOOK_RETRY_SCHEDULE)
  if (!Array.isArray(retryScheduleMs)) {
    problems.push(`TESSERA_WEBHOOK_RETRY_SCHEDULE: ${retryScheduleMs.problem}`)
  }
  const workers = parseWorkerCount(env.TESSERA_WORKERS)
  if (typeof workers === 'object') problems.push(`TESSERA_WORKERS: ${workers.problem}`)
  else {
    const problem = workersProblem(workers, env.TESSERA_WORKERS, env.DATABASE_URL)
    if (problem) problems.push(`TESSERA_WORKERS: ${problem}`)
  }
  if (problems.length > 0 || !Array.isArray(retryScheduleMs) || typeof workers === 'object') {
    throw new ConfigError(problems)
  }
  return deepFreeze(toConfig(env, { retryScheduleMs, workers }))
}

/** Rules that relate two variables (each variable's own range is in the schema). */
function crossChecks(env: Environment): string[] {
  const problems: string[] = []
  if (env.TESSERA_RATE_LIMIT_FAILURES > env.TESSERA_RATE_LIMIT_REQUESTS) {
    problems.push('TESSERA_RATE_LIMIT_FAILURES: must not exceed TESSERA_RATE_LIMIT_REQUESTS')
  }
  if (env.TESSERA_RATE_LIMIT_ADDRESS_FAILURES > env.TESSERA_RATE_LIMIT_ADDRESS_REQUESTS) {
    problems.push(
      'TESSERA_RATE_LIMIT_ADDRESS_FAILURES: must not exceed TESSERA_RATE_LIMIT_ADDRESS_REQUESTS',
    )
  }
  // Node refuses to start a server whose header deadline is later than its request deadline.
  if (env.TESSERA_HTTP_HEADERS_TIMEOUT_SECONDS > env.TESSERA_HTTP_BODY_TIMEOUT_SECONDS) {
    problems.push(
      'TESSERA_HTTP_HEADERS_TIMEOUT_SECONDS: must not exceed TESSERA_HTTP_BODY_TIMEOUT_SECONDS',
    )
  }
  return problems
}

/**
 * Settings that are valid but probably not what an operator wants in production; logged as
 * warnings at start (short lifetimes are how operators test expiry, so they are not refused).
 */
export function configWarnings(config: Config): { variable: string; message: string }[] {
  const warnings = []
  if (config.refreshTokenTtlSeconds < config.refreshReuseIntervalSeconds) {
    warnings.push({
      variable: 'TESSERA_REFRESH_TOKEN_TTL_SECONDS',
      message:
        'refresh tokens expire before the reuse interval (TESSERA_REFRESH_REUSE_INTERVAL_SECONDS) ends: a retried refresh gets "Invalid refresh token" instead of the same successor pair',
    })
  }
  if (config.refreshTokenTtlSeconds < config.accessTokenTtlSeconds) {
    warnings.push({
      variable: 'TESSERA_REFRESH_TOKEN_TTL_SECONDS',
      message:
        'refresh tokens expire before the access tokens they come with (TESSERA_ACCESS_TOKEN_TTL_SECONDS): a session ends while its access token still works',
    })
  }
  return warnings
}

/** The shape the services read. A new variable is one line here (its type follows). */
function toConfig(env: Environment, parsed: { retryScheduleMs: number[]; workers: number }) {
  const issuer = trimSlash(env.TESSERA_ISSUER ?? `http://${env.HOST}:${env.PORT}`)
  return {
    host: env.HOST,
    port: env.PORT,
    /** Server processes on PORT (TESSERA_WORKERS, `auto` resolved); more than 1 only on PostgreSQL. */
    workers: parsed.workers,
    issuer,
    audience: env.TESSERA_AUDIENCE ?? issuer,
    /**
     * False when TESSERA_ISSUER is unset: the instance then keeps the issuer of its first start
     * (stored in the database), so a later change of PORT or HOST does not invalidate every token.
     */
    issuerConfigured: env.TESSERA_ISSUER !== undefined,
    audienceConfigured: env.TESSERA_AUDIENCE !== undefined,
    trustProxy: env.TESSERA_TRUST_PROXY,
    /** Reading a request: header and whole-request deadlines, idle keep-alive (seconds). */
    http: {
      headersTimeoutSeconds: env.TESSERA_HTTP_HEADERS_TIMEOUT_SECONDS,
      bodyTimeoutSeconds: env.TESSERA_HTTP_BODY_TIMEOUT_SECONDS,
      keepAliveTimeoutSeconds: env.TESSERA_HTTP_KEEP_ALIVE_TIMEOUT_SECONDS,
    },
    /** SIGTERM: how long new requests get 503 before the listener closes; the hard limit. */
    shutdown: {
      drainSeconds: env.TESSERA_SHUTDOWN_DRAIN_SECONDS,
      timeoutSeconds: env.TESSERA_SHUTDOWN_TIMEOUT_SECONDS,
    },
    logLevel: env.TESSERA_LOG_LEVEL,
    databaseUrl: env.DATABASE_URL,
    dataDir: resolve(env.TESSERA_DATA_DIR),
    dbPoolSize: env.TESSERA_DB_POOL_SIZE,
    /** Bounds on every database wait (PostgreSQL mode), in ms. */
    dbTimeouts: {
      connectMs: env.TESSERA_DB_CONNECT_TIMEOUT_MS,
      acquireMs: env.TESSERA_DB_ACQUIRE_TIMEOUT_MS,
      statementMs: env.TESSERA_DB_STATEMENT_TIMEOUT_MS,
      lockMs: env.TESSERA_DB_LOCK_TIMEOUT_MS,
    },
    changeFeedHeartbeatMs: env.TESSERA_CHANGE_FEED_HEARTBEAT_MS,
    requestTimeoutMs: env.TESSERA_REQUEST_TIMEOUT_MS,
    adminKey: env.TESSERA_ADMIN_KEY,
    masterKey: env.TESSERA_MASTER_KEY,
    metricsToken: env.TESSERA_METRICS_TOKEN,
    accessTokenTtlSeconds: env.TESSERA_ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: env.TESSERA_REFRESH_TOKEN_TTL_SECONDS,
    refreshReuseIntervalSeconds: env.TESSERA_REFRESH_REUSE_INTERVAL_SECONDS,
    signingAlg: env.TESSERA_SIGNING_ALG,
    signingKeyActivationDelaySeconds: env.TESSERA_SIGNING_KEY_ACTIVATION_DELAY_SECONDS,
    secretRotationGraceSeconds: env.TESSERA_SECRET_ROTATION_GRACE_SECONDS,
    redisUrl: env.REDIS_URL,
    /** Bounds on every Redis call of the rate limiter, in ms. */
    redisTimeouts: {
      commandMs: env.TESSERA_REDIS_COMMAND_TIMEOUT_MS,
      connectMs: env.TESSERA_REDIS_CONNECT_TIMEOUT_MS,
    },
    rateLimit: {
      enabled: env.TESSERA_RATE_LIMIT_ENABLED,
      windowSeconds: env.TESSERA_RATE_LIMIT_WINDOW_SECONDS,
      requests: env.TESSERA_RATE_LIMIT_REQUESTS,
      failures: env.TESSERA_RATE_LIMIT_FAILURES,
      addressRequests: env.TESSERA_RATE_LIMIT_ADDRESS_REQUESTS,
      addressFailures: env.TESSERA_RATE_LIMIT_ADDRESS_FAILURES,
    },
    auditRetentionDays: env.TESSERA_AUDIT_RETENTION_DAYS,
    webhooks: {
      allowPrivateNetworks: env.TESSERA_WEBHOOK_ALLOW_PRIVATE_NETWORKS,
      timeoutSeconds: env.TESSERA_WEBHOOK_TIMEOUT_SECONDS,
      /** Delays after each failed attempt, in ms. */
      retryScheduleMs: parsed.retryScheduleMs,
      concurrency: env.TESSERA_WEBHOOK_CONCURRENCY,
      pollIntervalMs: env.TESSERA_WEBHOOK_POLL_INTERVAL_MS,
      yieldAbovePercent: env.TESSERA_WEBHOOK_YIELD_ABOVE_PERCENT,
      worker: env.TESSERA_WEBHOOK_WORKER,
      secretRotationGraceSeconds: env.TESSERA_WEBHOOK_SECRET_ROTATION_GRACE_SECONDS,
      logRetentionDays: env.TESSERA_WEBHOOK_LOG_RETENTION_DAYS,
    },
  }
}

/** Decodes a master key given as hex or base64url; null when it is not exactly 32 bytes. */
export function decodeMasterKey(text: string): Buffer | null {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex')
  if (/^[A-Za-z0-9_-]{43}$/.test(text)) {
    const bytes = Buffer.from(text, 'base64url')
    return bytes.length === 32 ? bytes : null
  }
  return null
}

type DeepReadonly<T> = T extends readonly (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T

function trimSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url
}

function deepFreeze<T extends object>(value: T): DeepReadonly<T> {
  for (const inner of Object.values(value)) {
    if (inner !== null && typeof inner === 'object') deepFreeze(inner as object)
  }
  return Object.freeze(value) as DeepReadonly<T>
}
