import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PgCluster } from '../helpers/fault/pg-cluster.js'
import { RedisServer } from '../helpers/fault/redis-server.js'
import { provisionSessions, RefreshLoad, type Session } from '../helpers/fault/refresh-load.js'
import { ServerProcess } from '../helpers/server-process.js'
import { expectFaultFree, serverEnv, waitForOutput } from './support.js'

/**
 * Redis holds the shared rate-limit buckets. Whether it is stopped or hung (SIGSTOP: connections
 * open, nothing answers), requests are let through (fail open), and once it is back nobody is
 * charged for what happened meanwhile: admissions that waited out the hang in Redis's socket
 * must not reserve a failure's cost that no request will ever settle.
 */
describe('Redis faults', () => {
  let cluster: PgCluster
  let redis: RedisServer
  let server: ServerProcess
  let sessions: Session[]
  const operatorKey = `op-${randomBytes(12).toString('hex')}`

  beforeAll(async () => {
    ;[cluster, redis] = await Promise.all([PgCluster.create(), RedisServer.start()])
    server = await ServerProcess.start(
      serverEnv({
        databaseUrl: await cluster.createDatabase('tessera'),
        operatorKey,
        masterKey: randomBytes(32).toString('hex'),
        extra: {
          REDIS_URL: redis.url,
          // All users share one client and address, so one pair bucket: 3,000 points a minute
          // (50/s, far above the paced load below) and a failure costs 100. Some 30 admissions
          // left reserved by a hang would empty it.
          TESSERA_RATE_LIMIT_WINDOW_SECONDS: '60',
          TESSERA_RATE_LIMIT_REQUESTS: '3000',
          TESSERA_RATE_LIMIT_FAILURES: '30',
          TESSERA_RATE_LIMIT_ADDRESS_REQUESTS: '30000',
          TESSERA_RATE_LIMIT_ADDRESS_FAILURES: '300',
        },
      }),
    )
    sessions = await provisionSessions(server.url, operatorKey, 4)
  })
  afterAll(async () => {
    const code = await server?.stop()
    await redis?.destroy()
    await cluster?.destroy()
    expect(code).toBe(0)
  })

  const observe = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

  const underLoad = async (fault: (load: RefreshLoad) => Promise<void>) => {
    // paced: about 40 refreshes a second in all, a legitimate integration's rate
    const load = new RefreshLoad({
      targets: [server.url],
      sessions,
      timeoutMs: 5_000,
      pauseMs: 100,
    }).start()
    try {
      await load.waitForAnswers(20)
      await fault(load)
    } finally {
      await load.stop()
    }
    expect(server.child.exitCode).toBeNull()
    // fail open throughout: no 503 either, since rate limiting is not what a refresh needs
    expect(load.summary()).toMatch(/^\{"200":\d+\}$/)
    expectFaultFree(load)
    return load
  }

  it('lets requests through while Redis hangs, and charges nobody for the hang once it resumes', async () => {
    await underLoad(async (load) => {
      redis.hang()
      await observe(3_000)
      redis.resume()
      const resumedAt = load.now()
      // long enough for every admission sent during the hang to have run in Redis
      await observe(3_000)
      expect(load.answersSince(resumedAt).length).toBeGreaterThan(20)
    })
    const metrics = await server.fetch('/metrics', {
      headers: { authorization: `Bearer ${operatorKey}` },
    })
    expect(metrics.body).toMatch(/^tessera_faults_total\{source="redis"\} [1-9]\d*$/m)
    // every credential check was decided, and none refused: the hang charged nobody
    expect(metrics.body).toMatch(
      /^tessera_rate_limit_decisions_total\{decision="allowed"\} [1-9]\d*$/m,
    )
    expect(metrics.body).not.toMatch(
      /^tessera_rate_limit_decisions_total\{decision="refused"\} [1-9]/m,
    )
  })

  it('lets requests through while Redis is stopped, and uses it again once it is back', async () => {
    await underLoad(async () => {
      await redis.stop()
      await observe(1_500)
      await redis.start()
      await waitForOutput(server, /rate limiting through Redis restored/, 10_000)
      await observe(1_000)
    })
  })
})
