import { resolve } from 'node:path'
import { parseRetrySchedule } from '../domain/events/retry-schedule.js'
import { parseWorkerCount, workersProblem } from '../cluster/worker-count.js'
import { VARIABLES, type VariableSpec } from './variables.js'

export type SigningAlg = 'EdDSA' | 'ES256' | 'HS256'
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'

/** The validated, frozen configuration. Only `server.ts` and the CLI build it from `process.env`. */
export interface Config {
  readonly host: string
  readonly port: number
  /** Server processes on PORT (TESSERA_WORKERS, `auto` resolved); more than 1 only on PostgreSQL. */
  readonly workers: number
  readonly issuer: string
  readonly audience: string
  /**
   * False when TESSERA_ISSUER is unset: the instance then keeps the issuer of its first start
   * (stored in the database), so a later change of PORT or HOST does not invalidate every token.
   */
  readonly issuerConfigured: boolean
  readonly audienceConfigured: boolean
  readonly trustProxy: boolean
  readonly logLevel: LogLevel
  readonly databaseUrl: string | undefined
  readonly dataDir: string
  readonly dbPoolSize: number
  readonly adminKey: string | undefined
  readonly masterKey: string | undefined
  readonly accessTokenTtlSeconds: number
  readonly refreshTokenTtlSeconds: number
  readonly refreshReuseIntervalSeconds: number
  readonly signingAlg: SigningAlg
  readonly secretRotationGraceSeconds: number
  readonly redisUrl: string | undefined
  readonly rateLimit: {
    readonly enabled: boolean
    readonly windowSeconds: number
    readonly requests: number
    readonly failures: number
    readonly addressRequests: number
    readonly addressFailures: number
  }
  readonly auditRetentionDays: number
  readonly webhooks: {
    readonly allowPrivateNetworks: boolean
    readonly timeoutSeconds: number
    /** Delays after each failed attempt, in ms. */
    readonly retryScheduleMs: readonly number[]
    readonly concurrency: number
    readonly pollIntervalMs: number
    readonly worker: boolean
    readonly secretRotationGraceSeconds: number
    readonly logRetentionDays: number
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`)
    this.name = 'ConfigError'
  }
}

type Env = Readonly<Record<string, string | undefined>>

/** Reads every variable once, reports all problems together, and returns a frozen Config. */
export function loadConfig(env: Env): Config {
  const problems: string[] = []
  const values = new Map<string, string | number | boolean | undefined>()

  for (const spec of VARIABLES) {
    const raw = env[spec.name]
    const given = raw === undefined || raw === '' ? undefined : raw
    const text = given ?? spec.default
    if (text === undefined) {
      values.set(spec.name, undefined)
      continue
    }
    const parsed = parseValue(spec, text)
    if (typeof parsed === 'object') problems.push(`${spec.name}: ${parsed.problem}`)
    else values.set(spec.name, parsed)
  }

  const masterKey = values.get('TESSERA_MASTER_KEY') as string | undefined
  if (masterKey !== undefined && decodeMasterKey(masterKey) === null) {
    problems.push(
      'TESSERA_MASTER_KEY: must be 32 bytes written as 64 hex characters or 43 base64url characters',
    )
  }
  const adminKey = values.get('TESSERA_ADMIN_KEY') as string | undefined
  if (adminKey !== undefined && (adminKey.length < 8 || /\s/.test(adminKey))) {
    problems.push('TESSERA_ADMIN_KEY: must be at least 8 characters without spaces')
  }
  const rate = {
    requests: values.get('TESSERA_RATE_LIMIT_REQUESTS') as number,
    failures: values.get('TESSERA_RATE_LIMIT_FAILURES') as number,
    addressRequests: values.get('TESSERA_RATE_LIMIT_ADDRESS_REQUESTS') as number,
    addressFailures: values.get('TESSERA_RATE_LIMIT_ADDRESS_FAILURES') as number,
  }
  if (rate.failures > rate.requests) {
    problems.push('TESSERA_RATE_LIMIT_FAILURES: must not exceed TESSERA_RATE_LIMIT_REQUESTS')
  }
  if (rate.addressFailures > rate.addressRequests) {
    problems.push(
      'TESSERA_RATE_LIMIT_ADDRESS_FAILURES: must not exceed TESSERA_RATE_LIMIT_ADDRESS_REQUESTS',
    )
  }
  const accessTtl = values.get('TESSERA_ACCESS_TOKEN_TTL_SECONDS') as number | undefined
  const refreshTtl = values.get('TESSERA_REFRESH_TOKEN_TTL_SECONDS') as number | undefined
  if (accessTtl !== undefined && refreshTtl !== undefined && refreshTtl < accessTtl) {
    problems.push(
      'TESSERA_REFRESH_TOKEN_TTL_SECONDS: must be at least TESSERA_ACCESS_TOKEN_TTL_SECONDS',
    )
  }
  const retrySchedule = parseRetrySchedule(values.get('TESSERA_WEBHOOK_RETRY_SCHEDULE') as string)
  if (!Array.isArray(retrySchedule)) {
    problems.push(`TESSERA_WEBHOOK_RETRY_SCHEDULE: ${retrySchedule.problem}`)
  }
  const workersText = values.get('TESSERA_WORKERS') as string
  const workers = parseWorkerCount(workersText)
  if (typeof workers === 'object') problems.push(`TESSERA_WORKERS: ${workers.problem}`)
  else {
    const problem = workersProblem(workers, workersText, values.get('DATABASE_URL') as string)
    if (problem) problems.push(`TESSERA_WORKERS: ${problem}`)
  }
  if (problems.length > 0) throw new ConfigError(problems)

  const host = values.get('HOST') as string
  const port = values.get('PORT') as number
  const issuer = trimSlash(
    (values.get('TESSERA_ISSUER') as string | undefined) ?? `http://${host}:${port}`,
  )
  const config: Config = {
    host,
    port,
    workers: workers as number,
    issuer,
    audience: (values.get('TESSERA_AUDIENCE') as string | undefined) ?? issuer,
    issuerConfigured: values.get('TESSERA_ISSUER') !== undefined,
    audienceConfigured: values.get('TESSERA_AUDIENCE') !== undefined,
    trustProxy: values.get('TESSERA_TRUST_PROXY') as boolean,
    logLevel: values.get('TESSERA_LOG_LEVEL') as LogLevel,
    databaseUrl: values.get('DATABASE_URL') as string | undefined,
    dataDir: resolve(values.get('TESSERA_DATA_DIR') as string),
    dbPoolSize: values.get('TESSERA_DB_POOL_SIZE') as number,
    adminKey,
    masterKey,
    accessTokenTtlSeconds: values.get('TESSERA_ACCESS_TOKEN_TTL_SECONDS') as number,
    refreshTokenTtlSeconds: values.get('TESSERA_REFRESH_TOKEN_TTL_SECONDS') as number,
    refreshReuseIntervalSeconds: values.get('TESSERA_REFRESH_REUSE_INTERVAL_SECONDS') as number,
    signingAlg: values.get('TESSERA_SIGNING_ALG') as SigningAlg,
    secretRotationGraceSeconds: values.get('TESSERA_SECRET_ROTATION_GRACE_SECONDS') as number,
    redisUrl: values.get('REDIS_URL') as string | undefined,
    rateLimit: {
      enabled: values.get('TESSERA_RATE_LIMIT_ENABLED') as boolean,
      windowSeconds: values.get('TESSERA_RATE_LIMIT_WINDOW_SECONDS') as number,
      ...rate,
    },
    auditRetentionDays: values.get('TESSERA_AUDIT_RETENTION_DAYS') as number,
    webhooks: {
      allowPrivateNetworks: values.get('TESSERA_WEBHOOK_ALLOW_PRIVATE_NETWORKS') as boolean,
      timeoutSeconds: values.get('TESSERA_WEBHOOK_TIMEOUT_SECONDS') as number,
      retryScheduleMs: retrySchedule as number[],
      concurrency: values.get('TESSERA_WEBHOOK_CONCURRENCY') as number,
      pollIntervalMs: values.get('TESSERA_WEBHOOK_POLL_INTERVAL_MS') as number,
      worker: values.get('TESSERA_WEBHOOK_WORKER') as boolean,
      secretRotationGraceSeconds: values.get(
        'TESSERA_WEBHOOK_SECRET_ROTATION_GRACE_SECONDS',
      ) as number,
      logRetentionDays: values.get('TESSERA_WEBHOOK_LOG_RETENTION_DAYS') as number,
    },
  }
  return deepFreeze(config)
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

function parseValue(
  spec: VariableSpec,
  text: string,
): string | number | boolean | { problem: string } {
  switch (spec.kind) {
    case 'string':
    case 'secret':
      return text
    case 'integer': {
      if (!/^\d+$/.test(text.trim())) return { problem: `expected a whole number, got "${text}"` }
      const n = Number(text.trim())
      if (!Number.isSafeInteger(n)) return { problem: `"${text}" is too large` }
      if (spec.min !== undefined && n < spec.min) return { problem: `must be at least ${spec.min}` }
      if (spec.max !== undefined && n > spec.max) return { problem: `must be at most ${spec.max}` }
      return n
    }
    case 'boolean': {
      const t = text.trim().toLowerCase()
      if (['true', '1', 'yes', 'on'].includes(t)) return true
      if (['false', '0', 'no', 'off'].includes(t)) return false
      return { problem: `expected true or false, got "${text}"` }
    }
    case 'enum':
      return spec.values?.includes(text)
        ? text
        : { problem: `expected one of ${spec.values?.join(', ')}, got "${text}"` }
    case 'url':
      try {
        const url = new URL(text)
        return url.protocol ? text : { problem: 'not a URL' }
      } catch {
        return { problem: 'not a valid URL' }
      }
  }
}

function trimSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url
}

function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) {
    if (inner !== null && typeof inner === 'object') deepFreeze(inner as object)
  }
  return Object.freeze(value)
}
