import { readFileSync } from 'node:fs'
import { describe, expect, test, vi } from 'vitest'
import { METRICS } from '../../../src/metrics/catalog.js'
import { expectError } from '../../helpers/expect-error.js'
import { describeApp, useApp } from '../../helpers/fixture.js'
import { bearer, OPERATOR } from '../../helpers/http.js'
import type { TestApp } from '../../helpers/test-app.js'

const METRICS_TOKEN = 'scraper-token-0123456789'

/** The value of one sample in the text format (undefined when absent). */
function sample(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const wanted = Object.entries(labels)
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line)
    if (!match || match[1] !== name) continue
    const present = new Map(
      [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
    )
    if (present.size === wanted.length && wanted.every(([k, v]) => present.get(k) === v)) {
      return Number(match[3])
    }
  }
  return undefined
}

async function scrape(t: TestApp, headers: Record<string, string> = OPERATOR) {
  const res = await t.request({ method: 'GET', url: '/metrics', headers })
  expect(res.status, res.text).toBe(200)
  expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/)
  return res.text
}

describeApp('GET /metrics', { env: { TESSERA_METRICS_TOKEN: METRICS_TOKEN } }, (t, backend) => {
  test('needs the operator key or the metrics token; the token opens nothing else', async () => {
    expectError(
      await t.request({ method: 'GET', url: '/metrics' }),
      401,
      'UnauthorizedException',
      'Missing operator key: send Authorization: Bearer <TESSERA_ADMIN_KEY>',
    )
    expectError(
      await t.request({ method: 'GET', url: '/metrics', headers: bearer(`${METRICS_TOKEN}x`) }),
      401,
      'UnauthorizedException',
      'Invalid operator key',
    )
    await scrape(t, bearer(METRICS_TOKEN))
    await scrape(t, OPERATOR)
    expectError(
      await t.request({
        method: 'GET',
        url: '/v2/admin/organizations',
        headers: bearer(METRICS_TOKEN),
      }),
      401,
      'UnauthorizedException',
      'Invalid operator key',
    )
  })

  test('times requests by method, route template and status, never by raw path', async () => {
    const client = await t.createClient()
    const user = await t.createUser(client)
    const route = '/v2/oauth/:clientId/refresh'
    const before = await scrape(t)
    const count = (text: string, status: string) =>
      sample(text, 'tessera_http_request_duration_seconds_count', {
        method: 'POST',
        route,
        status,
      }) ?? 0
    expect((await t.refresh(client, user.refreshToken)).status).toBe(200)
    expect((await t.refresh(client, 'not-a-token')).status).toBe(400)
    await t.request({ method: 'GET', url: `/no/such/path/${user.user.id}` })
    const after = await scrape(t)
    expect(count(after, '200') - count(before, '200')).toBe(1)
    expect(count(after, '400') - count(before, '400')).toBe(1)
    expect(
      sample(after, 'tessera_http_request_duration_seconds_bucket', {
        le: '+Inf',
        method: 'POST',
        route,
        status: '200',
      }),
    ).toBe(count(after, '200'))
    expect(
      sample(after, 'tessera_http_request_duration_seconds_count', {
        method: 'GET',
        route: 'unmatched',
        status: '404',
      }),
    ).toBeGreaterThanOrEqual(1)
    expect(after).not.toContain('/no/such/path')
    expect(after).not.toContain(client.clientId)
  })

  test('counts refresh outcomes, token checks and rate-limit decisions', async () => {
    const client = await t.createClient()
    const user = await t.createUser(client)
    const before = await scrape(t)
    const next = await t.refresh(client, user.refreshToken)
    await t.refresh(client, user.refreshToken) // within the reuse window: the same pair
    await t.me(next.body.data.accessToken)
    await t.me('not.a.jwt')
    const after = await scrape(t)
    const delta = (name: string, labels: Record<string, string>) =>
      (sample(after, name, labels) ?? 0) - (sample(before, name, labels) ?? 0)
    expect(delta('tessera_refresh_total', { outcome: 'rotated' })).toBe(1)
    expect(delta('tessera_refresh_total', { outcome: 'duplicate' })).toBe(1)
    expect(delta('tessera_access_token_checks_total', { outcome: 'valid' })).toBe(1)
    expect(delta('tessera_access_token_checks_total', { outcome: 'invalid' })).toBe(1)
    // two refreshes, two /v2/me and the scrape in between (operator key) were admitted
    expect(delta('tessera_rate_limit_decisions_total', { decision: 'allowed' })).toBe(5)
  })

  test('reports the change feed, the delivery backlog, faults and (PostgreSQL) the pool', async () => {
    const text = await scrape(t)
    expect(sample(text, 'tessera_change_feed_live')).toBe(1)
    expect(sample(text, 'tessera_event_delivery_backlog')).toBe(0)
    expect(sample(text, 'tessera_event_delivery_oldest_pending_seconds')).toBe(0)
    if (backend === 'postgres') {
      expect(sample(text, 'tessera_db_pool_max_connections')).toBe(16)
      expect(sample(text, 'tessera_db_pool_connections', { state: 'idle' })).toBeGreaterThan(0)
      expect(
        sample(text, 'tessera_db_pool_connections', { state: 'in_use' }),
      ).toBeGreaterThanOrEqual(0)
      expect(sample(text, 'tessera_db_pool_waiting')).toBe(0)
    } else {
      expect(text).not.toContain('tessera_db_pool')
    }
  })

  test('times connection acquires, and (PostgreSQL) the change feed lag once a heartbeat came back', async () => {
    const client = await t.createClient()
    const user = await t.createUser(client)
    expect((await t.refresh(client, user.refreshToken)).status).toBe(200)
    const text = await scrape(t)
    const count = sample(text, 'tessera_db_acquire_seconds_count')!
    expect(count).toBeGreaterThan(0)
    expect(sample(text, 'tessera_db_acquire_seconds_bucket', { le: '+Inf' })).toBe(count)
    expect(sample(text, 'tessera_db_acquire_seconds_sum')).toBeGreaterThanOrEqual(0)
    expect(text).toContain('tessera_db_acquire_seconds_bucket{le="0.00005"}')
    expect(text).toContain('tessera_db_acquire_seconds_bucket{le="5"}')
    if (backend === 'postgres') {
      // the first heartbeat goes out one interval (1 s) after the LISTEN connection is up
      const lag = await vi.waitFor(
        async () => {
          const value = sample(await scrape(t), 'tessera_change_feed_lag_seconds')
          if (value === undefined) throw new Error('no heartbeat heard yet')
          return value
        },
        { timeout: 15_000, interval: 100 },
      )
      expect(lag).toBeGreaterThanOrEqual(0)
      expect(Number.isFinite(lag)).toBe(true)
      // a heartbeat older than two intervals would have replaced the connection
      expect(sample(await scrape(t), 'tessera_change_feed_live')).toBe(1)
    } else {
      expect(sample(text, 'tessera_change_feed_lag_seconds')).toBe(0)
    }
  })

  test('includes the Node.js runtime: event-loop lag, GC, memory, CPU', async () => {
    const text = await scrape(t)
    for (const name of [
      'nodejs_eventloop_lag_p99_seconds',
      'process_resident_memory_bytes',
      'nodejs_heap_size_used_bytes',
      'process_cpu_seconds_total',
    ]) {
      expect(sample(text, name), name).toBeGreaterThan(0)
    }
    expect(text).toContain('# TYPE nodejs_gc_duration_seconds histogram')
  })

  test('docs/observability.md lists every metric Tessera defines', () => {
    const doc = readFileSync(new URL('../../../docs/observability.md', import.meta.url), 'utf8')
    for (const name of Object.keys(METRICS)) expect(doc, name).toContain(`\`${name}\``)
  })

  test('the Grafana dashboard queries only metrics that exist', async () => {
    const text = await scrape(t)
    const dashboard = JSON.parse(
      readFileSync(new URL('../../../docs/grafana-dashboard.json', import.meta.url), 'utf8'),
    ) as { panels: { targets?: { expr: string }[] }[] }
    const exprs = dashboard.panels.flatMap((p) => p.targets ?? []).map((target) => target.expr)
    expect(exprs.length).toBeGreaterThan(20)
    const names = new Set(exprs.flatMap((e) => e.match(/\b(?:tessera|nodejs|process)_\w+/g) ?? []))
    for (const used of names) {
      const base = used.replace(/_(bucket|count|sum)$/, '')
      // Tessera's own are in the catalog (the pool's only show on PostgreSQL); the runtime's in
      // every scrape
      if (base.startsWith('tessera_')) expect(Object.keys(METRICS), used).toContain(base)
      else expect(text, used).toContain(`# TYPE ${base} `)
    }
  })

  describe('brute-force refusals', () => {
    const limited = useApp(backend, {
      clock: true,
      env: { TESSERA_RATE_LIMIT_FAILURES: '2', TESSERA_RATE_LIMIT_ADDRESS_FAILURES: '100' },
    })

    test('are counted as refused decisions', async () => {
      const wrong = bearer('wrong-operator-key')
      const statuses: number[] = []
      for (let i = 0; i < 4; i++) {
        statuses.push(
          (
            await limited.request({
              method: 'GET',
              url: '/v2/admin/organizations',
              headers: wrong,
              // not the address the scrape below comes from: its operator bucket stays full
              remoteAddress: '192.0.2.7',
            })
          ).status,
        )
      }
      expect(statuses).toContain(429)
      const text = await scrape(limited)
      expect(sample(text, 'tessera_rate_limit_decisions_total', { decision: 'refused' })).toBe(
        statuses.filter((s) => s === 429).length,
      )
    })
  })
})
