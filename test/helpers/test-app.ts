import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import pino, { type Logger } from 'pino'
import { inject } from 'vitest'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config/config.js'
import { openDatabase } from '../../src/db/database.js'
import type { App } from '../../src/routes/types.js'
import { createTessera, type Tessera } from '../../src/tessera.js'
import type { Backend } from './backends.js'
import type { TestClock } from './clock.js'
import { createSchema } from './postgres.js'

export const OPERATOR_KEY = 'test-operator-key-0123456789abcdef'
export const ISSUER = 'http://tessera.test'

export interface TestAppOptions {
  readonly env?: Record<string, string>
  readonly clock?: TestClock
  /** The instance's logger (e.g. one writing to a stream a test reads); silent by default. */
  readonly logger?: Logger
}

export interface Response<T = unknown> {
  readonly status: number
  readonly headers: LightMyRequestResponse['headers']
  readonly body: T
  readonly text: string
}

/** A Tessera instance behind `app.inject`, on a fresh database, plus helpers that use its public API. */
export class TestApp {
  constructor(
    readonly app: App,
    readonly tessera: Tessera,
    private readonly cleanup: () => Promise<void>,
  ) {}

  async request<T = any>(options: InjectOptions): Promise<Response<T>> {
    const res = await this.app.inject(options)
    let body: unknown = undefined
    try {
      body = res.body ? JSON.parse(res.body) : undefined
    } catch {
      body = res.body
    }
    return { status: res.statusCode, headers: res.headers, body: body as T, text: res.body }
  }

  /** Operator: a new organization; returns its id and OWNER key. */
  async createOrganization(name = `org-${randomBytes(3).toString('hex')}`) {
    const res = await this.request({
      method: 'POST',
      url: '/v2/admin/organizations',
      headers: { authorization: `Bearer ${OPERATOR_KEY}` },
      payload: { name },
    })
    if (res.status !== 201) throw new Error(`create organization: ${res.status} ${res.text}`)
    return res.body.data as { id: number; name: string; apiKey: string }
  }

  async createApiKey(orgId: number, role: 'OWNER' | 'ADMIN' | 'MEMBER') {
    const res = await this.request({
      method: 'POST',
      url: `/v2/admin/organizations/${orgId}/api-keys`,
      headers: { authorization: `Bearer ${OPERATOR_KEY}` },
      payload: { role },
    })
    if (res.status !== 201) throw new Error(`create api key: ${res.status} ${res.text}`)
    return res.body.data as { id: string; key: string }
  }

  /** An OAuth client of a new (or given) organization, with every permission unless told otherwise. */
  async createClient(
    options: {
      apiKey?: string
      permissions?: string[]
      redirectUris?: string[]
      name?: string
    } = {},
  ) {
    const apiKey = options.apiKey ?? (await this.createOrganization()).apiKey
    const res = await this.request({
      method: 'POST',
      url: '/v2/oauth-clients',
      headers: { authorization: `Bearer ${apiKey}` },
      payload: {
        name: options.name ?? 'Test client',
        redirectUris: options.redirectUris ?? ['http://localhost:4321'],
        permissions: options.permissions ?? ['*'],
      },
    })
    if (res.status !== 201) throw new Error(`create client: ${res.status} ${res.text}`)
    return { ...(res.body.data as { clientId: string; clientSecret: string }), apiKey }
  }

  /** A managed user (through the client secret) with its first token pair. */
  async createUser(
    client: { clientId: string; clientSecret: string },
    body: Record<string, unknown> = {},
  ) {
    const res = await this.request({
      method: 'POST',
      url: `/v2/oauth-clients/${client.clientId}/users`,
      headers: { 'x-cal-secret-key': client.clientSecret },
      payload: {
        email: `user-${randomBytes(4).toString('hex')}@example.com`,
        name: 'Test User',
        ...body,
      },
    })
    if (res.status !== 201) throw new Error(`create user: ${res.status} ${res.text}`)
    return res.body.data as {
      user: { id: number; email: string; username: string }
      accessToken: string
      refreshToken: string
      accessTokenExpiresAt: number
      refreshTokenExpiresAt: number
    }
  }

  refresh(client: { clientId: string; clientSecret: string }, refreshToken: string) {
    return this.request({
      method: 'POST',
      url: `/v2/oauth/${client.clientId}/refresh`,
      headers: { 'x-cal-secret-key': client.clientSecret },
      payload: { refreshToken },
    })
  }

  me(accessToken: string, headers: Record<string, string> = {}) {
    return this.request({
      method: 'GET',
      url: '/v2/me',
      headers: { authorization: `Bearer ${accessToken}`, ...headers },
    })
  }

  async close(): Promise<void> {
    await this.app.close()
    await this.tessera.close()
    await this.cleanup()
  }
}

/** Environment every test app starts from; suites override what they test. */
export function testEnv(
  dataDir: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    TESSERA_DATA_DIR: dataDir,
    TESSERA_MASTER_KEY: randomBytes(32).toString('hex'),
    TESSERA_ADMIN_KEY: OPERATOR_KEY,
    TESSERA_ISSUER: ISSUER,
    TESSERA_LOG_LEVEL: 'silent',
    // suites assert hundreds of refusals from one address under a frozen clock; the
    // brute-force suite sets its own small limits
    TESSERA_RATE_LIMIT_FAILURES: '10000',
    TESSERA_RATE_LIMIT_ADDRESS_FAILURES: '100000',
    ...extra,
  }
}

export async function startTestApp(
  backend: Backend,
  options: TestAppOptions = {},
): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-app-'))
  const cleanups: (() => Promise<void>)[] = [
    async () => rmSync(dataDir, { recursive: true, force: true }),
  ]
  const runCleanups = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup()
  }
  try {
    const env = testEnv(dataDir, options.env)
    let database
    if (backend === 'postgres') {
      const schema = await createSchema()
      cleanups.push(schema.drop)
      env.DATABASE_URL = schema.url
    } else {
      const image = new Blob([readFileSync(inject('pgliteImage'))])
      database = await openDatabase({
        databaseUrl: undefined,
        dataDir,
        poolSize: 1,
        logger: pino({ level: 'silent' }),
        inMemory: true,
        pgliteImage: image,
      })
    }
    const config = loadConfig(env)
    const tessera = await createTessera(config, {
      logger: options.logger ?? pino({ level: 'silent' }),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(database ? { database } : {}),
      background: false,
    })
    const app = await buildApp(tessera)
    await app.ready()
    return new TestApp(app, tessera, runCleanups)
  } catch (err) {
    // a failed start must not leak its schema or data directory
    await runCleanups()
    throw err
  }
}
