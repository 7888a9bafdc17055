import { randomBytes } from 'node:crypto'
import { PGlite } from '@electric-sql/pglite'
import { Redis } from 'ioredis'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  MemoryTokenStore,
  OrganizationClient,
  PostgresTokenStore,
  RedisTokenStore,
  TesseraClient,
  type TokenPair,
  type TokenStore,
} from '@tessera/sdk'
import { BACKENDS } from '../../test/helpers/backends.js'
import type { TestClock } from '../../test/helpers/clock.js'
import { FaultProxy } from './support/fault-proxy.js'
import { startTessera, type RunningTessera } from './support/server.js'
import { TokenWorker, type WorkerConfig } from './support/worker.js'

const pair = (n: number): TokenPair => ({
  accessToken: `access-${n}`,
  refreshToken: `refresh-${n}`,
  accessTokenExpiresAt: 1_000 + n,
  refreshTokenExpiresAt: 4_000_000_000_000 + n,
})
const unique = () => randomBytes(4).toString('hex')

interface StoreUnderTest {
  readonly name: string
  open(): Promise<{ store: TokenStore; close(): Promise<void> }>
}

const STORES: StoreUnderTest[] = [
  {
    name: 'memory',
    open: async () => ({ store: new MemoryTokenStore(), close: async () => {} }),
  },
  {
    // PGlite speaks the same SQL and fits the store's `query(text, values)`
    name: 'PostgreSQL store on PGlite',
    open: async () => {
      const db = await PGlite.create()
      const store = new PostgresTokenStore({ client: db })
      await store.createTable()
      return { store, close: () => db.close() }
    },
  },
  ...(process.env.TEST_DATABASE_URL
    ? [
        {
          name: 'PostgreSQL store',
          open: async () => {
            const pool = new pg.Pool({ connectionString: process.env.TEST_DATABASE_URL, max: 2 })
            const table = `sdk_tokens_${unique()}`
            const store = new PostgresTokenStore({ client: pool, table })
            await store.createTable()
            return {
              store,
              close: async () => {
                await pool.query(`DROP TABLE ${table}`)
                await pool.end()
              },
            }
          },
        },
      ]
    : []),
  ...(process.env.TEST_REDIS_URL
    ? [
        {
          name: 'Redis store',
          open: async () => {
            const redis = new Redis(process.env.TEST_REDIS_URL!)
            const store = new RedisTokenStore({ client: redis, prefix: `sdk-test:${unique()}:` })
            return { store, close: async () => void (await redis.quit()) }
          },
        },
      ]
    : []),
]

for (const kind of STORES) {
  describe(`TokenStore contract: ${kind.name}`, () => {
    let store: TokenStore
    let close: () => Promise<void>
    beforeAll(async () => {
      ;({ store, close } = await kind.open())
    })
    afterAll(() => close())

    test('compare-and-set stores only over the expected refresh token', async () => {
      const key = `client:${unique()}`
      expect(await store.get(key)).toBeNull()
      expect(await store.compareAndSet(key, null, pair(1))).toBe(true)
      expect(await store.get(key)).toEqual(pair(1))
      // "only if absent" fails once something is there
      expect(await store.compareAndSet(key, null, pair(9))).toBe(false)
      // an older expectation never overwrites a newer pair
      expect(await store.compareAndSet(key, 'refresh-0', pair(9))).toBe(false)
      expect(await store.compareAndSet(key, 'refresh-1', pair(2))).toBe(true)
      expect(await store.compareAndSet(key, 'refresh-1', pair(3))).toBe(false)
      expect(await store.get(key)).toEqual(pair(2))
      // a missing pair never matches a refresh token
      expect(await store.compareAndSet(`client:${unique()}`, 'refresh-2', pair(3))).toBe(false)
    })

    test('set overwrites, delete forgets, keys are separate', async () => {
      const [a, b] = [`c:${unique()}`, `c:${unique()}`]
      await store.set(a, pair(1))
      await store.set(b, pair(5))
      await store.set(a, pair(2))
      expect(await store.get(a)).toEqual(pair(2))
      await store.delete(a)
      expect(await store.get(a)).toBeNull()
      expect(await store.get(b)).toEqual(pair(5))
    })

    test('20 concurrent compare-and-sets over one expectation: exactly one wins', async () => {
      const key = `c:${unique()}`
      await store.set(key, pair(0))
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.compareAndSet(key, 'refresh-0', pair(i + 1))),
      )
      expect(results.filter(Boolean)).toHaveLength(1)
      const winner = results.indexOf(true) + 1
      expect(await store.get(key)).toEqual(pair(winner))
    })
  })
}

/** Stores that separate processes can share. */
const SHARED: {
  name: 'postgres' | 'redis'
  config: () => Pick<WorkerConfig, 'store' | 'url' | 'table' | 'prefix'>
}[] = [
  ...(process.env.TEST_DATABASE_URL
    ? [
        {
          name: 'postgres' as const,
          config: () => ({
            store: 'postgres' as const,
            url: process.env.TEST_DATABASE_URL!,
            table: `sdk_tokens_${unique()}`,
          }),
        },
      ]
    : []),
  ...(process.env.TEST_REDIS_URL
    ? [
        {
          name: 'redis' as const,
          config: () => ({
            store: 'redis' as const,
            url: process.env.TEST_REDIS_URL!,
            prefix: `sdk-test:${unique()}:`,
          }),
        },
      ]
    : []),
]

for (const backend of BACKENDS) {
  for (const shared of SHARED) {
    describe(`two backend processes sharing a ${shared.name} store (Tessera on ${backend})`, () => {
      let clock: TestClock
      let server: RunningTessera
      let proxy: FaultProxy
      let credentials: { clientId: string; clientSecret: string }
      const workers: TokenWorker[] = []
      let config: ReturnType<(typeof SHARED)[number]['config']>
      let local: { store: TokenStore; close(): Promise<void> }

      beforeAll(async () => {
        server = await startTessera(backend, {
          clock: true,
          env: { TESSERA_RATE_LIMIT_ENABLED: 'false' },
        })
        clock = server.clock
        proxy = await FaultProxy.start(server.url)
        const { apiKey } = await server.app.createOrganization()
        credentials = await new OrganizationClient({
          baseUrl: server.url,
          apiKey,
        }).oauthClients.create({
          name: 'Shared store',
          redirectUris: [],
          permissions: ['*'],
        })
        config = shared.config()
        if (config.store === 'postgres') {
          const pool = new pg.Pool({ connectionString: config.url, max: 2 })
          const store = new PostgresTokenStore({ client: pool, table: config.table })
          await store.createTable()
          local = {
            store,
            close: async () => {
              await pool.query(`DROP TABLE ${config.table}`)
              await pool.end()
            },
          }
        } else {
          const redis = new Redis(config.url)
          local = {
            store: new RedisTokenStore({ client: redis, prefix: config.prefix }),
            close: async () => void (await redis.quit()),
          }
        }
      })
      afterAll(async () => {
        await Promise.all(workers.map((w) => w.stop()))
        await proxy.close()
        await local.close()
        await server.close()
      })

      test('a slow refresh answer never overwrites the newer pair; both end on the newest', async () => {
        const tessera = new TesseraClient({ baseUrl: server.url, ...credentials })
        // a user whose pair expires in 30 s, in the shared store
        clock.advance(-3_600_000 + 30_000)
        const created = await tessera.users.create({
          email: `s-${unique()}@example.com`,
          name: 'Shared',
        })
        clock.set(Date.now())
        const userId = created.user.id
        await local.store.set(`${credentials.clientId}:${userId}`, created)

        const direct = await TokenWorker.start({ ...credentials, ...config, baseUrl: server.url })
        const slow = await TokenWorker.start({ ...credentials, ...config, baseUrl: proxy.url })
        workers.push(direct, slow)
        const refreshPath = `/v2/oauth/${credentials.clientId}/refresh`
        proxy.inject('POST', refreshPath, 'hold')

        // B refreshes first; Tessera rotates P0 → P1, but B's answer is held back
        const slowTokens = slow.call<string[]>('get', { userId, count: 20 })
        await proxy.held()
        // A refreshes P0 too: inside the reuse window, it gets the same P1, and stores it
        const [p1] = await direct.call<string[]>('get', { userId, count: 20 })
        expect(JSON.parse(proxy.to(refreshPath)[0]!.body!).data.accessToken).toBe(p1)
        // then A rotates again: P1 → P2
        const p2 = await direct.call<TokenPair>('refreshNow', { userId })
        expect(p2.accessToken).not.toBe(p1)

        // B finally gets P1: its compare-and-set on P0 fails, and it keeps the newer P2
        proxy.release()
        expect(await slowTokens).toEqual([p2.accessToken])
        expect(await direct.call('stored', { userId })).toEqual(p2)
        expect(await slow.call('stored', { userId })).toEqual(p2)

        const me = await fetch(`${server.url}/v2/me`, {
          headers: { authorization: `Bearer ${p2.accessToken}` },
        })
        expect(me.status).toBe(200)
        // two rotations, no replay: the session is alive
        expect(await tessera.sessions.list(userId)).toMatchObject([
          { generation: 2, revoked: false },
        ])
      })

      test('20 concurrent calls in each of two processes: one rotation, one pair everywhere', async () => {
        const tessera = new TesseraClient({ baseUrl: server.url, ...credentials })
        clock.advance(-3_600_000 + 30_000)
        const created = await tessera.users.create({
          email: `s-${unique()}@example.com`,
          name: 'Race',
        })
        clock.set(Date.now())
        const userId = created.user.id
        await local.store.set(`${credentials.clientId}:${userId}`, created)
        const [a, b] = workers

        const [fromA, fromB] = await Promise.all([
          a!.call<string[]>('get', { userId, count: 20 }),
          b!.call<string[]>('get', { userId, count: 20 }),
        ])
        expect(fromA).toHaveLength(1)
        expect(fromB).toEqual(fromA)
        expect((await local.store.get(`${credentials.clientId}:${userId}`))!.accessToken).toBe(
          fromA[0],
        )
        expect(await tessera.sessions.list(userId)).toMatchObject([
          { generation: 1, revoked: false },
        ])
      })
    })
  }
}
