import { describe, expect, test, vi } from 'vitest'
import { describeApp, startApp } from '../../helpers/fixture.js'
import { expectError, expectOAuthError, UUID_V4 } from '../../helpers/expect-error.js'
import { OPERATOR } from '../../helpers/http.js'

const ALL_OK = {
  database: { ok: true },
  migrations: { ok: true },
  changeFeed: { ok: true },
  shutdown: { ok: true },
  startup: { ok: true },
}

describeApp('/health/live and /health/ready', (t, backend) => {
  test('live answers 200 without credentials', async () => {
    const res = await t.request({ method: 'GET', url: '/health/live' })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ status: 'ok' })
  })

  test('ready answers 200 with every check ok, never cached', async () => {
    const res = await t.request({ method: 'GET', url: '/health/ready' })
    expect(res.status).toBe(200)
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.body).toEqual({ status: 'ok', failing: [], checks: ALL_OK })
  })

  test('ready is 503 naming migrations when the database has one this build does not know', async () => {
    await t.db
      .insertInto('tessera_migrations' as never)
      .values({ name: '9999-from-the-future', timestamp: new Date().toISOString() } as never)
      .execute()
    try {
      const res = await t.request({ method: 'GET', url: '/health/ready' })
      expect(res.status).toBe(503)
      expect(res.body).toMatchObject({ status: 'unavailable', failing: ['migrations'] })
      expect(res.body.checks.migrations.message).toContain('9999-from-the-future')
      expect(res.body.checks.database).toEqual({ ok: true })
    } finally {
      await t.db
        .deleteFrom('tessera_migrations' as never)
        .where('name' as never, '=', '9999-from-the-future' as never)
        .execute()
    }
    expect((await t.request({ method: 'GET', url: '/health/ready' })).status).toBe(200)
  })

  test('ready is 503 naming the database when it fails, with its error code and nothing else', async () => {
    const failure = Object.assign(new Error('connect ECONNREFUSED 10.1.2.3:5432 user=secret'), {
      code: 'ECONNREFUSED',
    })
    const spy = vi.spyOn(t.tessera.ctx.database.sql, 'query').mockRejectedValueOnce(failure)
    try {
      const res = await t.request({ method: 'GET', url: '/health/ready' })
      expect(res.status).toBe(503)
      expect(res.body.failing).toEqual(['database', 'migrations'])
      expect(res.body.checks.database).toEqual({ ok: false, message: 'unreachable (ECONNREFUSED)' })
      expect(res.text).not.toContain('10.1.2.3')
      expect(res.text).not.toContain('secret')
    } finally {
      spy.mockRestore()
    }
    // /health keeps the contract's meaning: the server accepts requests
    expect((await t.request({ method: 'GET', url: '/health' })).status).toBe(200)
  })

  test('ready is 503 naming the change feed while it is not live', async () => {
    const spy = vi.spyOn(t.tessera.ctx.changes, 'live', 'get').mockReturnValue(false)
    try {
      const res = await t.request({ method: 'GET', url: '/health/ready' })
      expect(res.status).toBe(503)
      expect(res.body.failing).toEqual(['changeFeed'])
      expect(res.body.checks.changeFeed.message).toMatch(/notification connection is down/)
    } finally {
      spy.mockRestore()
    }
  })

  describe('while draining (SIGTERM)', () => {
    test('ready is 503 naming shutdown, live stays 200, both ask to close the connection', async () => {
      const app = await startApp(backend)
      app.tessera.readiness.beginDraining()
      const ready = await app.request({ method: 'GET', url: '/health/ready' })
      expect(ready.status).toBe(503)
      expect(ready.headers.connection).toBe('close')
      expect(ready.body).toMatchObject({ status: 'unavailable', failing: ['shutdown'] })
      expect(ready.body.checks.shutdown.message).toMatch(/SIGTERM/)
      const live = await app.request({ method: 'GET', url: '/health/live' })
      expect(live.status).toBe(200)
      expect(live.headers.connection).toBe('close')
    })

    test('every other request gets 503 with Retry-After and Connection: close, before any work', async () => {
      const app = await startApp(backend)
      const client = await app.createClient()
      app.tessera.readiness.beginDraining()
      const create = vi.spyOn(app.tessera.organizations, 'create')
      const res = await app.request({
        method: 'POST',
        url: '/v2/admin/organizations',
        headers: OPERATOR,
        payload: { name: 'late' },
      })
      expectError(
        res,
        503,
        'ServiceUnavailableException',
        'The server is shutting down; retry the request (another instance will answer it)',
      )
      expect(res.headers['retry-after']).toBe('1')
      expect(res.headers.connection).toBe('close')
      expect(res.headers['x-request-id']).toMatch(UUID_V4)
      expect(create).not.toHaveBeenCalled()

      const token = await app.request({
        method: 'POST',
        url: '/v2/oauth/token',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `grant_type=refresh_token&refresh_token=x&client_id=${client.clientId}&client_secret=${client.clientSecret}`,
      })
      expectOAuthError(token, 503, 'temporarily_unavailable')
      expect(token.headers['retry-after']).toBe('1')
      expect(token.headers.connection).toBe('close')
      expect((await app.request({ method: 'GET', url: '/health' })).status).toBe(503)
    })
  })
})
