import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PgCluster } from '../helpers/fault/pg-cluster.js'
import { provisionSessions, type Session } from '../helpers/fault/refresh-load.js'
import { TcpProxy } from '../helpers/fault/tcp-proxy.js'
import { ServerProcess } from '../helpers/server-process.js'
import { serverEnv, waitForOutput } from './support.js'

const HEARTBEAT_MS = 500
/** docs/security.md: a stalled notification connection is detected within 3 heartbeats. */
const BOUND_MS = 3 * HEARTBEAT_MS
/** For a loaded two-core machine: timers and requests of the test itself run late. */
const MARGIN_MS = 500

/**
 * Revocation across processes when B's notification connection stalls (open, silent: a
 * half-open socket, a hung host or backend) instead of closing: A revokes a session, and B must
 * stop accepting its access token within the documented bound, then recover by itself.
 */
describe('a stalled change feed', () => {
  let cluster: PgCluster
  let proxy: TcpProxy
  let a: ServerProcess
  let b: ServerProcess
  const operatorKey = `op-${randomBytes(12).toString('hex')}`
  const masterKey = randomBytes(32).toString('hex')
  const extra = {
    TESSERA_CHANGE_FEED_HEARTBEAT_MS: String(HEARTBEAT_MS),
    TESSERA_REQUEST_TIMEOUT_MS: '2000',
    TESSERA_DB_CONNECT_TIMEOUT_MS: '1000',
    TESSERA_DB_ACQUIRE_TIMEOUT_MS: '1000',
    TESSERA_DB_STATEMENT_TIMEOUT_MS: '1000',
  }

  beforeAll(async () => {
    cluster = await PgCluster.create()
    const url = await cluster.createDatabase('tessera')
    a = await ServerProcess.start(serverEnv({ databaseUrl: url, operatorKey, masterKey, extra }))
    proxy = await TcpProxy.start({ target: { host: '127.0.0.1', port: cluster.port } })
    b = await ServerProcess.start(
      serverEnv({
        databaseUrl: `postgres://postgres@127.0.0.1:${proxy.port}/tessera?application_name=tessera-b`,
        operatorKey,
        masterKey,
        extra,
      }),
    )
  })
  afterAll(async () => {
    const codes = [await b?.stop(), await a?.stop()]
    await proxy?.close()
    await cluster?.destroy()
    expect(codes).toEqual([0, 0])
  })

  const me = async (server: ServerProcess, token: string) => {
    try {
      const res = await fetch(`${server.url}/v2/me`, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(5_000),
      })
      return res.status
    } catch {
      return 'no answer'
    }
  }

  /**
   * Stalls B's feed, force-refreshes a session on A at once, and watches B: from BOUND_MS after
   * the stall on, B must not accept the session's old access token.
   */
  const revokeDuringStall = async (stall: () => Promise<void>, resume: () => Promise<void>) => {
    const [victim, bystander] = (await provisionSessions(a.url, operatorKey, 2)) as [
      Session,
      Session,
    ]
    // B has both sessions' users and families in its caches
    expect(await me(b, victim.accessToken)).toBe(200)
    expect(await me(b, bystander.accessToken)).toBe(200)

    const stalledAt = performance.now()
    await stall()
    const revoked = await a.fetch(
      `/v2/oauth-clients/${victim.clientId}/users/${victim.userId}/force-refresh`,
      { method: 'POST', headers: { 'x-cal-secret-key': victim.clientSecret } },
    )
    expect(revoked.status).toBe(200)
    const seen: { at: number; status: number | string }[] = []
    while (performance.now() - stalledAt < BOUND_MS + 2_500) {
      const at = performance.now() - stalledAt
      seen.push({ at, status: await me(b, victim.accessToken) })
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    const lateAccepts = seen.filter((s) => s.at > BOUND_MS + MARGIN_MS && s.status === 200)
    expect(lateAccepts, JSON.stringify(seen)).toEqual([])
    expect(seen.filter((s) => s.at > BOUND_MS + MARGIN_MS).length).toBeGreaterThan(0)
    await waitForOutput(b, /notification connection stalled/, 1_000)

    await resume()
    // B recovers by itself: the revoked token refused, the other session served
    const deadline = performance.now() + 10_000
    let after = { victim: await me(b, victim.accessToken), bystander: 0 as number | string }
    while (performance.now() < deadline) {
      after = {
        victim: await me(b, victim.accessToken),
        bystander: await me(b, bystander.accessToken),
      }
      if (after.victim === 401 && after.bystander === 200) break
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    expect(after).toEqual({ victim: 401, bystander: 200 })
    expect(b.child.exitCode).toBeNull()
    return seen
  }

  it('detects a stopped LISTEN backend within 3 heartbeats and checks the database meanwhile', async () => {
    let stopped: number[] = []
    const seen = await revokeDuringStall(
      async () => {
        const listening = (await cluster.backends('tessera')).filter(
          (backend) =>
            backend.applicationName === 'tessera-b' &&
            /^(LISTEN|SELECT pg_notify\(\$1, \$2\))/.test(backend.query),
        )
        expect(listening).toHaveLength(1)
        stopped = listening.map((backend) => backend.pid)
        cluster.signalBackends(stopped, 'SIGSTOP')
      },
      async () => cluster.signalBackends(stopped, 'SIGCONT'),
    )
    // the database itself answered: the token is refused, not unavailable
    expect(seen.filter((s) => s.at > BOUND_MS + MARGIN_MS).map((s) => s.status)).toContain(401)
  })

  it('detects a stalled network between B and PostgreSQL, answers 503 meanwhile, and resumes', async () => {
    await revokeDuringStall(
      async () => proxy.stall(),
      async () => proxy.resume(),
    )
  })
})
