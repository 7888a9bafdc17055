import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PgCluster } from '../helpers/fault/pg-cluster.js'
import { provisionSessions, RefreshLoad } from '../helpers/fault/refresh-load.js'
import { TcpProxy } from '../helpers/fault/tcp-proxy.js'
import { ServerProcess } from '../helpers/server-process.js'

/** The promise: service back within this long after the database is switched over. */
const RECOVERY_MS = 10_000

/**
 * PostgreSQL failover under refresh load: a primary with a synchronous streaming standby,
 * Tessera connected through a TCP proxy (standing in for a virtual IP, PgBouncer or a DNS
 * switch). The primary stops, the standby is promoted, the proxy sends new connections to it:
 * no acknowledged refresh is lost (synchronous replication), nobody is logged out, service is
 * back within 10 s, and the process never exits.
 */
describe('PostgreSQL failover to a synchronous standby under refresh load', () => {
  let primary: PgCluster
  let standby: PgCluster
  let proxy: TcpProxy
  let server: ServerProcess
  const operatorKey = `op-${randomBytes(12).toString('hex')}`

  beforeAll(async () => {
    primary = await PgCluster.create()
    await primary.createDatabase('tessera')
    standby = await primary.createStandby({ synchronous: true })
    proxy = await TcpProxy.start({ target: { host: '127.0.0.1', port: primary.port } })
    server = await ServerProcess.start({
      DATABASE_URL: `postgres://postgres@127.0.0.1:${proxy.port}/tessera`,
      TESSERA_MASTER_KEY: randomBytes(32).toString('hex'),
      TESSERA_ADMIN_KEY: operatorKey,
      TESSERA_LOG_LEVEL: 'warn',
      TESSERA_DATA_DIR: '/nonexistent',
    })
  })
  afterAll(async () => {
    await server?.stop('SIGKILL')
    await proxy?.close()
    await Promise.all([standby?.destroy(), primary?.destroy()])
  })

  it('loses no acknowledged refresh and serves again within 10 s of the switch', async () => {
    const sessions = await provisionSessions(server.url, operatorKey, 12)
    const load = new RefreshLoad({
      targets: [server.url],
      sessions,
      timeoutMs: 15_000,
      retryDelayMs: 100,
    }).start()
    await load.waitForAnswers(150)

    // the primary goes away (fast shutdown: open transactions roll back, connections close)
    const failedAt = load.now()
    await primary.stop('fast')
    await standby.promote()
    proxy.redirect({ host: '127.0.0.1', port: standby.port })
    proxy.cut() // whatever still points at the old primary
    const switchedAt = load.now()

    const back = await load.waitFor(
      (a) => a.outcome === 200 && a.startedAt > switchedAt,
      RECOVERY_MS,
      'a refresh served by the promoted standby',
    )
    expect(back.endedAt - switchedAt).toBeLessThan(RECOVERY_MS)
    await load.waitForAnswers(150)
    await load.stop()

    expect(server.child.exitCode).toBeNull()
    expect(load.loggedOut()).toEqual([])
    expect(load.successorConflicts()).toEqual([])
    // while the database was away: 503 (retry later), never a 4xx or a 500
    const outcomes = new Set(load.answersSince(failedAt).map((a) => a.outcome))
    for (const outcome of outcomes) expect([200, 503]).toContain(outcome)

    // every acknowledged pair is on the new primary: its repeat is answered identically, and
    // the last pair refreshes
    const rotations = load.lastRotations()
    expect(rotations).toHaveLength(sessions.length)
    for (const r of rotations) {
      const refresh = (refreshToken: string) =>
        server.fetch(`/v2/oauth/${r.session.clientId}/refresh`, {
          method: 'POST',
          headers: { 'x-cal-secret-key': r.session.clientSecret },
          body: { refreshToken },
        })
      const again = await refresh(r.presented)
      expect(again.status).toBe(200)
      expect(again.headers.get('x-tessera-refresh-reuse')).toBe('duplicate')
      expect(again.body.data.refreshToken).toBe(r.refreshToken)
      const next = await refresh(r.refreshToken)
      expect(next.status).toBe(200)
      expect(next.headers.get('x-tessera-refresh-reuse')).toBeNull()
    }
    const [{ n }] = (await standby.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = 'tessera'",
    )) as [{ n: number }]
    expect(n).toBeGreaterThan(0)
  })
})
