import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PgCluster } from '../helpers/fault/pg-cluster.js'
import { provisionSessions, RefreshLoad, type Session } from '../helpers/fault/refresh-load.js'
import { ServerProcess } from '../helpers/server-process.js'
import { expectFaultFree, serverEnv } from './support.js'

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
  /** `tessera_faults_total{source}` as the process reports it in /metrics. */
  const faultCount = async (source: string) => {
    const metrics = await server.fetch('/metrics', {
      headers: { authorization: `Bearer ${operatorKey}` },
    })
    const line = new RegExp(`^tessera_faults_total\\{source="${source}"\\} (\\d+)$`, 'm')
    return Number(line.exec(metrics.body)?.[1] ?? 0)
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
    expect(await faultCount('db_client')).toBeGreaterThanOrEqual(3)
  })

  for (const fault of ['fast stop', 'crash'] as const) {
    it(`answers 503 with Retry-After during a ${fault} and resumes within 10 s of the restart`, async () => {
      const linesBefore = unavailableLines()
      const failedCheckoutsBefore = await faultCount('db_pool')
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
      // while the server was down, the pool could not open connections for the retries
      expect(await faultCount('db_pool')).toBeGreaterThan(failedCheckoutsBefore)
    })
  }

  /**
   * The whole token_families table locked for longer than the reuse window, with clients that
   * retry the same token: the case that logged every user out when nothing timed out and the
   * window counted from the request's arrival.
   */
  describe('a table locked for longer than the reuse window', () => {
    const REUSE_WINDOW_S = 2
    const LOCK_MS = 5_000

    const lockedFor = async (database: string, load: RefreshLoad) => {
      await load.waitForAnswers(20)
      const lock = await cluster.lock('token_families', database)
      const lockedAt = load.now()
      await new Promise((resolve) => setTimeout(resolve, LOCK_MS))
      await lock.release()
      return lockedAt
    }

    it('answers 503 within the deadline while locked, then resumes; nobody is logged out', async () => {
      const REQUEST_TIMEOUT_MS = 2_000
      const url = await cluster.createDatabase('tessera_locked_bounded')
      const bounded = await ServerProcess.start(
        serverEnv({
          databaseUrl: url,
          operatorKey,
          masterKey,
          extra: {
            TESSERA_REFRESH_REUSE_INTERVAL_SECONDS: String(REUSE_WINDOW_S),
            TESSERA_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
            TESSERA_DB_LOCK_TIMEOUT_MS: '500',
            TESSERA_DB_STATEMENT_TIMEOUT_MS: '1000',
          },
        }),
      )
      try {
        const users = await provisionSessions(bounded.url, operatorKey, 6)
        // clients wait longer than the server's deadline, so every answer is seen
        const load = new RefreshLoad({ targets: [bounded.url], sessions: users, timeoutMs: 5_000 })
        load.start()
        try {
          const lockedAt = await lockedFor('tessera_locked_bounded', load)
          const during = load.answersSince(lockedAt).filter((a) => a.endedAt < lockedAt + LOCK_MS)
          expect(during.some((a) => a.outcome === 503)).toBe(true)
          await succeededSince(load, lockedAt + LOCK_MS, 'a refresh after the lock')
        } finally {
          await load.stop()
        }
        expectFaultFree(load)
        const slowest = Math.max(...load.answers.map((a) => a.endedAt - a.startedAt))
        expect(slowest).toBeLessThan(REQUEST_TIMEOUT_MS + 1_000)
      } finally {
        expect(await bounded.stop()).toBe(0)
      }
    })

    it('answers a retry identically when the rotation its client gave up on commits later', async () => {
      // a server more patient than its clients: rotations wait out the lock and commit after
      // the clients gave up on them; each client's retry must get that rotation's pair
      const url = await cluster.createDatabase('tessera_locked_patient')
      const patient = await ServerProcess.start(
        serverEnv({
          databaseUrl: url,
          operatorKey,
          masterKey,
          extra: {
            TESSERA_REFRESH_REUSE_INTERVAL_SECONDS: String(REUSE_WINDOW_S),
            TESSERA_REQUEST_TIMEOUT_MS: '10000',
            TESSERA_DB_LOCK_TIMEOUT_MS: '9000',
            TESSERA_DB_STATEMENT_TIMEOUT_MS: '9000',
          },
        }),
      )
      try {
        const users = await provisionSessions(patient.url, operatorKey, 6)
        const load = new RefreshLoad({ targets: [patient.url], sessions: users, timeoutMs: 1_000 })
        load.start()
        try {
          const lockedAt = await lockedFor('tessera_locked_patient', load)
          await succeededSince(load, lockedAt + LOCK_MS, 'a refresh after the lock')
          await load.waitForAnswers(20)
        } finally {
          await load.stop()
        }
        expect(load.answers.some((a) => a.outcome === 'timeout')).toBe(true)
        expect(load.answers.some((a) => a.reuse === 'duplicate')).toBe(true)
        expect(load.loggedOut()).toEqual([])
        expect(load.successorConflicts()).toEqual([])
        // every user's last acknowledged pair is its live one
        for (const s of load.sessions()) {
          const res = await patient.fetch(`/v2/oauth/${s.clientId}/refresh`, {
            method: 'POST',
            headers: { 'x-cal-secret-key': s.clientSecret },
            body: { refreshToken: s.refreshToken },
          })
          expect(res.status).toBe(200)
          expect(res.headers.get('x-tessera-refresh-reuse')).toBeNull()
        }
      } finally {
        expect(await patient.stop()).toBe(0)
      }
    })
  })
})
