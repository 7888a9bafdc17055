import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PgCluster } from '../helpers/fault/pg-cluster.js'
import { RedisServer } from '../helpers/fault/redis-server.js'
import { provisionSessions, RefreshLoad } from '../helpers/fault/refresh-load.js'
import { TcpProxy } from '../helpers/fault/tcp-proxy.js'
import { ServerProcess } from '../helpers/server-process.js'

/**
 * The fault harness itself: each fault it claims to inject is observed from a client, so a
 * scenario that passes does so because Tessera coped, not because the fault never happened.
 */
describe('fault harness', () => {
  let primary: PgCluster
  let standby: PgCluster

  beforeAll(async () => {
    primary = await PgCluster.create()
    await primary.query('CREATE TABLE marks (id int PRIMARY KEY)')
  })
  afterAll(async () => {
    await standby?.destroy()
    await primary?.destroy()
  })

  const connect = async (port: number) => {
    const client = new pg.Client({
      connectionString: `postgres://postgres@127.0.0.1:${port}/postgres`,
      connectionTimeoutMillis: 2_000,
    })
    const errors: Error[] = []
    client.on('error', (err) => errors.push(err))
    await client.connect()
    return { client, errors }
  }

  it('stops, crashes and restarts PostgreSQL, keeping committed rows', async () => {
    await primary.query('INSERT INTO marks VALUES (1)')
    await primary.stop('fast')
    await expect(primary.query('SELECT 1')).rejects.toThrow(/ECONNREFUSED/)
    await primary.start()
    await primary.query('INSERT INTO marks VALUES (2)')
    await primary.crash()
    expect(primary.running).toBe(false)
    await primary.start()
    expect(primary.log()).toMatch(/was not properly shut down; automatic recovery in progress/)
    const rows = await primary.query<{ id: number }>('SELECT id FROM marks ORDER BY id')
    expect(rows.map((r) => r.id)).toEqual([1, 2])
  })

  it('terminates and stops backends, and holds a lock', async () => {
    const a = await connect(primary.port)
    expect(await primary.terminateBackends('postgres')).toBeGreaterThanOrEqual(1)
    await expect(a.client.query('SELECT 1')).rejects.toThrow()

    const b = await connect(primary.port)
    const [{ pid }] = (await b.client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid'))
      .rows as [{ pid: number }]
    primary.signalBackends([pid], 'SIGSTOP')
    const stalled = b.client.query('SELECT 42 AS answer')
    expect(
      await Promise.race([stalled.then(() => 'answered'), delay(300).then(() => 'silent')]),
    ).toBe('silent')
    primary.signalBackends([pid], 'SIGCONT')
    expect((await stalled).rows).toEqual([{ answer: 42 }])

    const lock = await primary.lock('marks', 'postgres')
    await b.client.query("SET lock_timeout = '200ms'")
    await expect(b.client.query('INSERT INTO marks VALUES (3)')).rejects.toThrow(/lock timeout/)
    await lock.release()
    await b.client.query('INSERT INTO marks VALUES (3)')
    await b.client.end()
  })

  it('runs a synchronous standby that has every commit and takes over when promoted', async () => {
    standby = await primary.createStandby()
    await primary.query('INSERT INTO marks VALUES (4)')
    // synchronous: the commit above returned only once the standby had it
    expect(
      (await standby.query<{ n: number }>('SELECT count(*)::int AS n FROM marks WHERE id = 4'))[0]!
        .n,
    ).toBe(1)
    await expect(standby.query('INSERT INTO marks VALUES (5)')).rejects.toThrow(/read-only/)
    await primary.crash()
    await standby.promote()
    await standby.query('INSERT INTO marks VALUES (5)')
    const rows = await standby.query<{ id: number }>('SELECT id FROM marks ORDER BY id')
    expect(rows.map((r) => r.id)).toEqual([1, 2, 3, 4, 5])
  })

  it('proxies, stalls, cuts and redirects connections', async () => {
    await primary.start() // the old primary comes back as an independent server
    const proxy = await TcpProxy.start({ target: { host: '127.0.0.1', port: primary.port } })
    try {
      const a = await connect(proxy.port)
      const whoIsIt = async (c: pg.Client) =>
        (await c.query<{ standby: boolean }>('SELECT count(*) = 5 AS standby FROM marks')).rows[0]!
          .standby
      expect(await whoIsIt(a.client)).toBe(false)

      proxy.stall()
      const stalled = whoIsIt(a.client)
      expect(
        await Promise.race([stalled.then(() => 'answered'), delay(300).then(() => 'silent')]),
      ).toBe('silent')
      proxy.resume()
      expect(await stalled).toBe(false)

      expect(proxy.cut()).toBe(1)
      await expect(a.client.query('SELECT 1')).rejects.toThrow()
      expect(a.errors.map((e) => e.message).join()).toMatch(/ECONNRESET|terminated/)

      proxy.redirect({ host: '127.0.0.1', port: standby.port })
      const b = await connect(proxy.port)
      expect(await whoIsIt(b.client)).toBe(true)

      proxy.refuse()
      await expect(connect(proxy.port)).rejects.toThrow()
      await b.client.end()
    } finally {
      await proxy.close()
    }
  })

  it('stops, hangs and resumes Redis', async () => {
    const redis = await RedisServer.start()
    const client = new Redis(redis.url, {
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => 50,
    })
    client.on('error', () => {})
    try {
      await new Promise((r) => client.once('ready', r))
      expect(await client.ping()).toBe('PONG')
      redis.hang()
      const hung = client.ping()
      expect(await Promise.race([hung, delay(300).then(() => 'silent')])).toBe('silent')
      redis.resume()
      expect(await hung).toBe('PONG')
      await redis.stop()
      await expect(client.ping()).rejects.toThrow()
      await redis.start()
      await new Promise((r) => client.once('ready', r))
      expect(await client.ping()).toBe('PONG')
    } finally {
      client.disconnect()
      await redis.destroy()
    }
  })

  it('drives refresh load with users who keep every acknowledged pair', async () => {
    const url = await standby.createDatabase('tessera')
    const operatorKey = `op-${randomBytes(12).toString('hex')}`
    const server = await ServerProcess.start({
      DATABASE_URL: url,
      TESSERA_MASTER_KEY: randomBytes(32).toString('hex'),
      TESSERA_ADMIN_KEY: operatorKey,
      TESSERA_LOG_LEVEL: 'warn',
      TESSERA_DATA_DIR: '/nonexistent',
    })
    try {
      const sessions = await provisionSessions(server.url, operatorKey, 4)
      const load = new RefreshLoad({ targets: [server.url], sessions, timeoutMs: 5_000 }).start()
      await load.waitForAnswers(40)
      await load.stop()
      expect(load.summary()).toMatch(/^\{"200":\d+\}$/)
      expect(load.loggedOut()).toEqual([])
      expect(load.successorConflicts()).toEqual([])
      expect(load.acknowledgedCount()).toBe(load.answers.length)
      // the last acknowledged pair of each user is its live one
      for (const s of load.sessions()) {
        const res = await server.fetch(`/v2/oauth/${s.clientId}/refresh`, {
          method: 'POST',
          headers: { 'x-cal-secret-key': s.clientSecret },
          body: { refreshToken: s.refreshToken },
        })
        expect(res.status).toBe(200)
        expect(res.headers.get('x-tessera-refresh-reuse')).toBeNull()
      }
    } finally {
      expect(await server.stop()).toBe(0)
    }
  })
})

function delay(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
