import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PgCluster } from '../helpers/fault/pg-cluster.js'
import { provisionSessions, RefreshLoad, type Session } from '../helpers/fault/refresh-load.js'
import { ServerProcess } from '../helpers/server-process.js'
import { expectFaultFree, serverEnv, waitForOutput } from './support.js'

/**
 * PostgreSQL going away in every way an operator meets (backends terminated by an administrator
 * or a pooler, a fast stop, a crash) while users refresh: the process never exits, answers are
 * 200 or 503 with Retry-After, service resumes by itself, and nobody is logged out.
 */
describe('PostgreSQL faults', () => {
  let cluster: PgCluster
  let databaseUrl: string
  let server: ServerProcess
  let sessions: Session[]
  const operatorKey = `op-${randomBytes(12).toString('hex')}`
  const masterKey = randomBytes(32).toString('hex')

  beforeAll(async () => {
    cluster = await PgCluster.create()
    databaseUrl = await cluster.createDatabase('tessera')
    server = await ServerProcess.start(serverEnv({ databaseUrl, operatorKey, masterKey }))
    sessions = await provisionSessions(server.url, operatorKey, 6)
  })
  afterAll(async () => {
    const code = await server?.stop()
    await cluster?.destroy()
    expect(code).toBe(0)
  })

  /** Runs the load for one scenario; stopped however the scenario ends (two loads must not share users). */
  const withLoad = async (scenario: (load: RefreshLoad) => Promise<unknown>) => {
    const load = new RefreshLoad({ targets: [server.url], sessions, timeoutMs: 8_000 }).start()
    try {
      await scenario(load)
    } finally {
      await load.stop()
    }
    expect(server.child.exitCode).toBeNull()
    expectFaultFree(load)
  }
  const unavailableLines = () =>
    server.stdout.split('\n').filter((line) => line.includes('requests that need it get 503'))
      .length
  /** The first refresh that started after `since` and succeeded. */
  const succeededSince = (load: RefreshLoad, since: number, what: string) =>
    load.waitFor((a) => a.outcome === 200 && a.startedAt >= since, 10_000, what)

  it('survives its idle connections being terminated', async () => {
    // the LISTEN connection and the pool's idle connections
    expect(await cluster.terminateBackends('tessera')).toBeGreaterThanOrEqual(2)
    await withLoad((load) => succeededSince(load, 0, 'a refresh after the termination'))
  })

  it('survives its connections being terminated under load, again and again', async () => {
    await withLoad(async (load) => {
      await load.waitForAnswers(20)
      for (let round = 0; round < 3; round++) {
        const at = load.now()
        expect(await cluster.terminateBackends('tessera')).toBeGreaterThanOrEqual(1)
        await succeededSince(load, at, `a refresh after termination ${round}`)
      }
    })
    const metrics = await server.fetch('/metrics', {
      headers: { authorization: `Bearer ${operatorKey}` },
    })
    const failed = /^tessera_faults_total\{source="db_client"\} (\d+)$/m.exec(metrics.body)
    expect(Number(failed?.[1])).toBeGreaterThanOrEqual(3)
  })

  for (const fault of ['fast stop', 'crash'] as const) {
    it(`answers 503 with Retry-After during a ${fault} and resumes within 10 s of the restart`, async () => {
      const linesBefore = unavailableLines()
      await withLoad(async (load) => {
        await load.waitForAnswers(20)
        if (fault === 'crash') await cluster.crash()
        else await cluster.stop('fast')
        const unavailable = await load.waitFor((a) => a.outcome === 503, 10_000, 'a 503')
        expect(unavailable.retryAfter).toBe('1')
        const restarted = load.now()
        await cluster.start()
        // within 10 s of the restart, or waitFor fails
        await succeededSince(load, restarted, 'a refresh after the restart')
      })
      // one line per outage (per 10 s), not one per refused request
      expect(unavailableLines() - linesBefore).toBeLessThanOrEqual(1)
    })
  }

  it('waits for the database at start-up instead of exiting, then serves', async () => {
    await cluster.stop('fast')
    const late = await ServerProcess.start(serverEnv({ databaseUrl, operatorKey, masterKey }), {
      waitReady: false,
    })
    try {
      await waitForOutput(late, /database unreachable at start-up/, 20_000)
      expect(late.child.exitCode).toBeNull()
      await cluster.start()
      await late.waitReady(20_000)
      const res = await late.fetch('/v2/admin/organizations', {
        headers: { authorization: `Bearer ${operatorKey}` },
      })
      expect(res.status).toBe(200)
    } finally {
      expect(await late.stop()).toBe(0)
    }
  })
})
