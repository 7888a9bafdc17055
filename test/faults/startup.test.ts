import { randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PgCluster } from '../helpers/fault/pg-cluster.js'
import { ServerProcess } from '../helpers/server-process.js'
import { serverEnv, waitForOutput } from './support.js'

/**
 * Start-up while PostgreSQL is down, through a real process: it listens at once, says why it is
 * not ready, answers 503 with Retry-After in each route's form, and serves on the same socket
 * once the database is back. A signal while it waits stops it cleanly; an error waiting cannot
 * fix stops it with exit 1.
 */
describe('start-up with the database down', () => {
  let cluster: PgCluster
  let databaseUrl: string
  const operatorKey = `op-${randomBytes(12).toString('hex')}`
  const masterKey = randomBytes(32).toString('hex')
  // trust authentication ignores it; it must never be shown
  const password = `pw-${randomBytes(8).toString('hex')}`
  const auth = { authorization: `Bearer ${operatorKey}` }

  beforeAll(async () => {
    cluster = await PgCluster.create()
    const url = new URL(await cluster.createDatabase('tessera'))
    url.password = password
    databaseUrl = url.toString()
  })
  afterAll(async () => {
    await cluster?.destroy()
  })

  /** A server whose every process (one, or each worker) has met the database down. */
  const start = async (extra: Record<string, string> = {}, processes = 1) => {
    const server = await ServerProcess.start(
      serverEnv({ databaseUrl, operatorKey, masterKey, extra }),
      { waitReady: false },
    )
    const waiting = Array(processes).fill('database unreachable at start-up').join('[^]*')
    await waitForOutput(server, new RegExp(waiting), 60_000)
    return server
  }

  it('answers probes and 503s while it waits, then serves on the same socket', async () => {
    await cluster.stop('fast')
    const server = await start()
    try {
      const live = await server.fetch('/health/live')
      expect(live).toMatchObject({ status: 200, body: { status: 'ok' } })

      const ready = await server.fetch('/health/ready')
      expect(ready.status).toBe(503)
      expect(ready.headers.get('cache-control')).toBe('no-store')
      expect(ready.body.status).toBe('unavailable')
      expect(ready.body.failing).toEqual(['database', 'migrations', 'changeFeed', 'startup'])
      expect(ready.body.checks.database.message).toMatch(
        /^waiting: unreachable \(ECONNREFUSED\) at start-up, attempt [1-9]\d* \(migrations\); retrying with backoff$/,
      )
      expect(ready.body.checks.startup).toEqual({ ok: false, message: 'in progress: migrations' })
      expect(ready.body.checks.shutdown).toEqual({ ok: true })

      // the contract's probe says 200 only once requests are accepted
      const health = await server.fetch('/health')
      expect(health.status).toBe(503)
      expect(health.headers.get('retry-after')).toBe('1')

      const admin = await server.fetch('/v2/admin/organizations?take=5', { headers: auth })
      expect(admin.status).toBe(503)
      expect(admin.headers.get('retry-after')).toBe('1')
      expect(admin.body).toEqual({
        status: 'error',
        timestamp: expect.any(String),
        path: '/v2/admin/organizations?take=5',
        error: {
          code: 'ServiceUnavailableException',
          message: 'The server is starting; retry after the delay in Retry-After',
          details: {
            message: 'The server is starting; retry after the delay in Retry-After',
            error: 'Service Unavailable',
            statusCode: 503,
          },
        },
      })

      for (const path of ['/v2/oauth/token', '/v2/oauth/revoke', '/v2/oauth/introspect']) {
        const res = await server.fetch(path, {
          method: 'POST',
          body: { grant_type: 'refresh_token', refresh_token: 'x', token: 'x' },
        })
        expect(res.status, path).toBe(503)
        expect(res.headers.get('retry-after'), path).toBe('1')
        expect(res.headers.get('cache-control'), path).toBe('no-store')
        expect(res.body, path).toEqual({
          error: 'temporarily_unavailable',
          error_description: 'The server is starting; retry after the delay in Retry-After',
        })
      }
      expect(JSON.stringify(ready.body) + server.stdout + server.stderr).not.toContain(password)

      await cluster.start()
      // Readiness is seen only by asking; every ask is answered (a refused connection throws
      // here), from the starting handler and then from the app on the same socket.
      for (;;) {
        const res = await server.fetch('/health/ready')
        if (res.status === 200) break
        expect(res.status).toBe(503)
        await sleep(100)
      }
      expect((await server.fetch('/health/ready')).body).toMatchObject({
        status: 'ok',
        failing: [],
        checks: { startup: { ok: true }, database: { ok: true } },
      })
      expect((await server.fetch('/health')).status).toBe(200)
      const served = await server.fetch('/v2/admin/organizations', { headers: auth })
      expect(served.status).toBe(200)
      expect(served.body.status).toBe('success')
    } finally {
      expect(await server.stop()).toBe(0)
    }
  }, 120_000)

  it('stops with exit 0 on SIGTERM while it waits, every worker included', async () => {
    await cluster.stop('fast')
    const server = await start({ TESSERA_WORKERS: '2' }, 2)
    const ready = await server.fetch('/health/ready')
    expect(ready.status).toBe(503)
    expect(ready.body.failing).toContain('startup')
    expect(await server.stop('SIGTERM')).toBe(0)
    expect(server.stdout.match(/"msg":"stopped during start-up"/g)).toHaveLength(2)
    expect(server.stdout).toContain('"msg":"all workers stopped"')
  }, 120_000)

  it('exits 1 with the reason when a start-up step fails in a way waiting cannot fix', async () => {
    if (!cluster.running) await cluster.start()
    const missing = new URL(databaseUrl)
    missing.pathname = '/no_such_database'
    const server = await ServerProcess.start(
      serverEnv({ databaseUrl: missing.toString(), operatorKey, masterKey }),
      { waitReady: false },
    )
    expect(await server.exited).toBe(1)
    expect(server.stderr).toContain(
      'tessera: failed to start: database "no_such_database" does not exist',
    )
    expect(server.stderr + server.stdout).not.toContain(password)
  })
})
