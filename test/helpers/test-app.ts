import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import type { Kysely } from 'kysely'
import pino, { type Logger } from 'pino'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config/config.js'
import type { DB } from '../../src/db/schema.js'
import type { App } from '../../src/routes/types.js'
import { createTessera, type Tessera } from '../../src/tessera.js'
import type { Backend } from './backends.js'
import { testClock, type TestClock } from './clock.js'
import { openEmbeddedImage } from './database.js'
import { bearer, ISSUER, OPERATOR, OPERATOR_KEY, secretKey } from './http.js'
import { createSchema } from './postgres.js'

export interface TestAppOptions {
  /** Variables on top of `testEnv()`: what the suite tests (limits, lifetimes, algorithms). */
  readonly env?: Record<string, string>
  /**
   * A clock the suite moves by hand (`t.clock.advance(ms)`): a start time in epoch ms, or `true`
   * for now. Without it the app runs on the system clock.
   */
  readonly clock?: number | true
  /** The instance's logger (e.g. one writing to a stream a test reads); silent by default. */
  readonly logger?: Logger
}

export interface Response<T = unknown> {
  readonly status: number
  readonly headers: LightMyRequestResponse['headers']
  readonly body: T
  readonly text: string
}

interface Running {
  readonly app: App
  readonly tessera: Tessera
  readonly cleanup: () => Promise<void>
}

/**
 * A Tessera instance behind `app.inject`, on a fresh database (a copy of the migrated embedded
 * image, or a new PostgreSQL schema), plus helpers that go through its public API. Created
 * before it starts, so a suite can hold it from the moment it is declared; `useApp`/`describeApp`
 * start and close it around the suite, `startApp` around one test.
 */
export class TestApp {
  readonly #options: TestAppOptions
  readonly #clock: TestClock | undefined
  #running: Running | undefined

  constructor(
    readonly backend: Backend,
    options: TestAppOptions = {},
  ) {
    this.#options = options
    if (options.clock !== undefined) {
      this.#clock = testClock(options.clock === true ? Date.now() : options.clock)
    }
  }

  /** The Fastify instance (for `inject`, `listen`, `routes`…). */
  get app(): App {
    return this.#started().app
  }

  /** The services behind the app: for reading stored state and driving background work by hand. */
  get tessera(): Tessera {
    return this.#started().tessera
  }

  /** The app's database, to assert stored state (never to set up what the API can do). */
  get db(): Kysely<DB> {
    return this.tessera.ctx.database.db
  }

  /** The clock this app reads; only for apps created with `{ clock }`. */
  get clock(): TestClock {
    if (!this.#clock) {
      throw new Error('this app runs on the system clock: create it with { clock } to move time')
    }
    return this.#clock
  }

  #started(): Running {
    if (!this.#running) {
      throw new Error('the test app is not running: use it inside a test, not while declaring one')
    }
    return this.#running
  }

  async start(): Promise<this> {
    if (this.#running) throw new Error('the test app is already running')
    const dataDir = mkdtempSync(join(tmpdir(), 'tessera-app-'))
    const cleanups: (() => Promise<void>)[] = [
      async () => rmSync(dataDir, { recursive: true, force: true }),
    ]
    const cleanup = async () => {
      for (const step of cleanups.reverse()) await step()
    }
    try {
      const env = testEnv(dataDir, this.#options.env)
      let database
      if (this.backend === 'postgres') {
        const schema = await createSchema()
        cleanups.push(schema.drop)
        env.DATABASE_URL = schema.url
      } else {
        database = await openEmbeddedImage(dataDir)
      }
      const tessera = await createTessera(loadConfig(env), {
        logger: this.#options.logger ?? pino({ level: 'silent' }),
        ...(this.#clock ? { clock: this.#clock } : {}),
        ...(database ? { database } : {}),
        background: false,
      })
      cleanups.push(() => tessera.close())
      const app = await buildApp(tessera)
      cleanups.push(() => app.close())
      await app.ready()
      this.#running = { app, tessera, cleanup }
      return this
    } catch (err) {
      // a failed start must not leak its schema, data directory or connections
      await cleanup()
      throw err
    }
  }

  /** Closes the app, its services and its database; safe to call when it never started. */
  async close(): Promise<void> {
    const running = this.#running
    this.#running = undefined
    await running?.cleanup()
  }

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
      headers: OPERATOR,
      payload: { name },
    })
    if (res.status !== 201) throw new Error(`create organization: ${res.status} ${res.text}`)
    return res.body.data as { id: number; name: string; apiKey: string }
  }

  async createApiKey(orgId: number, role: 'OWNER' | 'ADMIN' | 'MEMBER') {
    const res = await this.request({
      method: 'POST',
      url: `/v2/admin/organizations/${orgId}/api-keys`,
      headers: OPERATOR,
      payload: { role },
    })
    if (res.status !== 201) throw new Error(`create api key: ${res.status} ${res.text}`)
    return res.body.data as { id: string; key: string }
  }

  /**
   * A new organization with one API key of each role: `owner`, `admin` and `member` are the keys,
   * `adminKeyId` and `memberKeyId` the ids audit events name them by.
   */
  async createOrganizationWithKeys() {
    const org = await this.createOrganization()
    // one after the other: audit suites read the keys' events back in this order
    const admin = await this.createApiKey(org.id, 'ADMIN')
    const member = await this.createApiKey(org.id, 'MEMBER')
    return {
      id: org.id,
      owner: org.apiKey,
      admin: admin.key,
      member: member.key,
      adminKeyId: admin.id,
      memberKeyId: member.id,
    }
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
      headers: bearer(apiKey),
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
      headers: secretKey(client),
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

  /** A fresh client (new organization) and one managed user with its first token pair. */
  async createClientWithUser(options: { permissions?: string[] } = {}) {
    const client = await this.createClient(options)
    const user = await this.createUser(client)
    return { client, user }
  }

  refresh(client: { clientId: string; clientSecret: string }, refreshToken: string) {
    return this.request({
      method: 'POST',
      url: `/v2/oauth/${client.clientId}/refresh`,
      headers: secretKey(client),
      payload: { refreshToken },
    })
  }

  me(accessToken: string, headers: Record<string, string> = {}) {
    return this.request({
      method: 'GET',
      url: '/v2/me',
      headers: { ...bearer(accessToken), ...headers },
    })
  }
}

/** Environment every test app starts from; suites override what they test. */
function testEnv(dataDir: string, extra: Record<string, string> = {}): Record<string, string> {
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
