import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HaProxy } from '../helpers/fault/haproxy.js'
import { PgCluster } from '../helpers/fault/pg-cluster.js'
import { RedisServer } from '../helpers/fault/redis-server.js'
import { provisionSessions, RefreshLoad } from '../helpers/fault/refresh-load.js'
import { ServerProcess } from '../helpers/server-process.js'

/**
 * Two Tessera processes (PostgreSQL, Redis) behind a real HAProxy that may retry a refresh on the
 * other process. One process is killed with SIGKILL under refresh load: nobody is logged out, no
 * token gets two distinct successors, every acknowledged pair stays usable, and a repeated
 * refresh returns the identical pair.
 */
describe('two processes behind HAProxy, one killed under refresh load', () => {
  let cluster: PgCluster
  let redis: RedisServer
  let servers: ServerProcess[] = []
  let lb: HaProxy
  const operatorKey = `op-${randomBytes(12).toString('hex')}`

  beforeAll(async () => {
    ;[cluster, redis] = await Promise.all([PgCluster.create(), RedisServer.start()])
    const env = {
      DATABASE_URL: await cluster.createDatabase('tessera'),
      REDIS_URL: redis.url,
      TESSERA_MASTER_KEY: randomBytes(32).toString('hex'),
      TESSERA_ADMIN_KEY: operatorKey,
      TESSERA_ISSUER: 'http://tessera.lb',
      TESSERA_TRUST_PROXY: 'true',
      TESSERA_LOG_LEVEL: 'warn',
      TESSERA_DATA_DIR: '/nonexistent',
    }
    servers = await Promise.all([ServerProcess.start(env), ServerProcess.start(env)])
    lb = await HaProxy.start({ servers: servers.map((s) => new URL(s.url).host) })
  })
  afterAll(async () => {
    await lb?.destroy()
    await Promise.all(servers.map((s) => s.stop('SIGKILL')))
    await Promise.all([redis?.destroy(), cluster?.destroy()])
  })

  it('loses no session and no acknowledged pair; the balancer retries on the survivor', async () => {
    const sessions = await provisionSessions(lb.url, operatorKey, 16)
    const load = new RefreshLoad({ targets: [lb.url], sessions, timeoutMs: 10_000 }).start()
    await load.waitForAnswers(150)
    const [victim, survivor] = servers as [ServerProcess, ServerProcess]
    const killedAt = load.now()
    expect(await victim.stop('SIGKILL')).toBeNull()
    await load.waitFor((a) => a.startedAt > killedAt, 10_000, 'an answer after the kill')
    await load.waitForAnswers(300)
    await load.stop()

    // every answer is a pair, or Tessera's own back-pressure (503 with Retry-After, when the
    // survivor takes the whole load on a busy machine): never a connection error or a timeout
    const failures = load.answers.filter(
      (a) => a.outcome !== 200 && !(a.outcome === 503 && a.retryAfter !== null),
    )
    expect(failures, `${load.summary()}\n${lb.output()}`).toEqual([])
    expect(load.loggedOut()).toEqual([])
    expect(load.successorConflicts()).toEqual([])
    expect(load.answersSince(killedAt).length).toBeGreaterThanOrEqual(300)

    // refreshes cut off by the kill were replayed by HAProxy on the other process
    const refreshes = lb.logLines().filter((l) => l.backend === 'tessera_refresh')
    const retried = refreshes.filter((l) => l.retries > 0)
    expect(retried.length, lb.output()).toBeGreaterThan(0)
    expect(retried.every((l) => l.server === 'r1' && [200, 503].includes(l.status))).toBe(true)
    expect(retried.some((l) => l.status === 200)).toBe(true)

    // a repeated refresh (what a retry is) returns the identical pair; the last pair works
    const rotations = load.lastRotations()
    expect(rotations).toHaveLength(16)
    for (const r of rotations) {
      const refresh = (refreshToken: string) =>
        survivor.fetch(`/v2/oauth/${r.session.clientId}/refresh`, {
          method: 'POST',
          headers: { 'x-cal-secret-key': r.session.clientSecret },
          body: { refreshToken },
        })
      const again = await refresh(r.presented)
      expect(again.status).toBe(200)
      expect(again.headers.get('x-tessera-refresh-reuse')).toBe('duplicate')
      expect(again.body.data).toMatchObject({
        refreshToken: r.refreshToken,
        accessToken: r.accessToken,
      })
      const me = await survivor.fetch('/v2/me', {
        headers: { authorization: `Bearer ${r.accessToken}` },
      })
      expect(me.status).toBe(200)
      expect(me.body.data.id).toBe(r.session.userId)
      const next = await refresh(r.refreshToken)
      expect(next.status).toBe(200)
      expect(next.headers.get('x-tessera-refresh-reuse')).toBeNull()
    }
  })
})
