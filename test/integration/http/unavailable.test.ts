import pino from 'pino'
import { afterEach, beforeAll, expect, it, vi } from 'vitest'
import { expectError, expectOAuthError } from '../../helpers/expect-error.js'
import { describeBackends, useApp } from '../../helpers/fixture.js'
import { OPERATOR_KEY } from '../../helpers/http.js'

const DEADLINE_MS = 300
const OPERATOR_AUTH = { authorization: `Bearer ${OPERATOR_KEY}` }

/** What node-postgres and PostgreSQL report when the database is down, restarting or too slow. */
const outages = {
  'refused connection': Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), {
    code: 'ECONNREFUSED',
  }),
  'terminated backend': Object.assign(
    new Error('terminating connection due to administrator command'),
    { code: '57P01' },
  ),
  'lost connection': new Error('Connection terminated unexpectedly'),
  'statement timeout': Object.assign(new Error('canceling statement due to statement timeout'), {
    code: '57014',
  }),
  'lock timeout': Object.assign(new Error('canceling statement due to lock timeout'), {
    code: '55P03',
  }),
  'pool exhausted': new Error('timeout exceeded when trying to connect'),
}

describeBackends('an unreachable or slow database', (backend) => {
  const lines: { msg: string; source?: string; level: number }[] = []
  const t = useApp(backend, {
    env: { TESSERA_REQUEST_TIMEOUT_MS: String(DEADLINE_MS) },
    logger: pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) }),
  })
  let client: { clientId: string; clientSecret: string }
  let refreshToken: string

  beforeAll(async () => {
    const created = await t.createClientWithUser()
    client = created.client
    refreshToken = created.user.refreshToken
  })
  afterEach(() => {
    vi.restoreAllMocks()
  })

  for (const [name, error] of Object.entries(outages)) {
    it(`answers 503 ServiceUnavailableException with Retry-After on a ${name}`, async () => {
      vi.spyOn(t.tessera.organizations, 'list').mockRejectedValueOnce(error)
      const res = await t.request({
        method: 'GET',
        url: '/v2/admin/organizations',
        headers: OPERATOR_AUTH,
      })
      expectError(res, 503, 'ServiceUnavailableException', {
        message: 'Service temporarily unavailable; retry after the delay in Retry-After',
        path: '/v2/admin/organizations',
      })
      expect(res.headers['retry-after']).toBe('1')
      expect(res.text).not.toContain('10.0.0.5')
    })
  }

  it('answers temporarily_unavailable with 503 and Retry-After on the RFC 6749 routes', async () => {
    vi.spyOn(t.tessera.refresh, 'refresh').mockRejectedValueOnce(outages['lost connection'])
    const res = await t.request({
      method: 'POST',
      url: '/v2/oauth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
        client_id: client.clientId,
        client_secret: client.clientSecret,
      }).toString(),
    })
    expectOAuthError(res, 503, 'temporarily_unavailable')
    expect(res.headers['retry-after']).toBe('1')
  })

  it('logs an outage once, not once per request, and counts every request it failed', async () => {
    const before = lines.filter((l) => l.source === 'db_unavailable').length
    for (let i = 0; i < 5; i++) {
      vi.spyOn(t.tessera.organizations, 'list').mockRejectedValueOnce(outages['refused connection'])
      const res = await t.request({
        method: 'GET',
        url: '/v2/admin/organizations',
        headers: OPERATOR_AUTH,
      })
      expect(res.status).toBe(503)
    }
    expect(lines.filter((l) => l.source === 'db_unavailable').length - before).toBeLessThanOrEqual(
      1,
    )
    expect(lines.filter((l) => l.msg === 'request failed')).toEqual([])
    const metrics = await t.request({ method: 'GET', url: '/metrics', headers: OPERATOR_AUTH })
    const counted = /^tessera_faults_total\{source="db_unavailable"\} (\d+)$/m.exec(metrics.text)
    expect(Number(counted?.[1])).toBeGreaterThanOrEqual(5)
  })

  it('answers 503 when a request misses its deadline, and drops what the request did afterwards', async () => {
    let finish!: () => void
    const late = new Promise<never[]>((resolve) => {
      finish = () => resolve([])
    })
    vi.spyOn(t.tessera.organizations, 'list').mockReturnValueOnce(late as never)
    const started = performance.now()
    const res = await t.request({
      method: 'GET',
      url: '/v2/admin/organizations',
      headers: OPERATOR_AUTH,
    })
    const elapsed = performance.now() - started
    expectError(res, 503, 'ServiceUnavailableException')
    expect(res.headers['retry-after']).toBe('1')
    // within the configured deadline, with a margin for a loaded machine
    expect(elapsed).toBeGreaterThanOrEqual(DEADLINE_MS - 5)
    expect(elapsed).toBeLessThan(DEADLINE_MS + 1_000)
    finish()
    await late
    await new Promise((resolve) => setImmediate(resolve))
    expect(lines.filter((l) => l.level >= 40 && /already sent|reply.sent/i.test(l.msg))).toEqual([])
    const next = await t.request({
      method: 'GET',
      url: '/v2/admin/organizations',
      headers: OPERATOR_AUTH,
    })
    expect(next.status).toBe(200)
  })
})
