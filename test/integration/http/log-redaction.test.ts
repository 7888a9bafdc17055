import pino from 'pino'
import { beforeAll, expect, test, vi } from 'vitest'
import { describeBackends, useApp } from '../../helpers/fixture.js'
import type { Response, TestApp } from '../../helpers/test-app.js'
import { OPERATOR, OPERATOR_KEY } from '../../helpers/http.js'

interface LogLine {
  level: number
  msg: string
  reqId?: string
  path?: string
  status?: number
  [key: string]: unknown
}

/**
 * The fragments of a credential that must never be logged: the whole value, the 20 characters
 * after its recognisable prefix (`tsr_xx_`), and for JWTs the start of the payload and the
 * signature (the header is the same for every token, so it is no evidence of a leak).
 */
function fragments(value: string): string[] {
  const parts = value.split('.')
  if (parts.length === 3) return [value, parts[1]!.slice(0, 20), parts[2]!]
  const prefix = /^tsr_[a-z]{2}_/.exec(value)?.[0] ?? ''
  return [value, value.slice(prefix.length, prefix.length + 20)]
}

describeBackends('logs at trace level never hold a secret', (backend) => {
  const lines: string[] = []
  const t = useApp(backend, {
    logger: pino({ level: 'trace' }, { write: (line: string) => void lines.push(line) }),
  })
  const secrets = new Map<string, string>()
  const requestIds: { id: string; path: string; status: number }[] = []

  /** Every request of the flow goes through here, so its id can be found in the log. */
  async function call<T = any>(options: Parameters<TestApp['request']>[0], status: number) {
    const res: Response<T> = await t.request<T>(options)
    expect(res.status, `${options.method} ${options.url}: ${res.text}`).toBe(status)
    requestIds.push({
      id: res.headers['x-request-id'] as string,
      path: (options.url as string).split('?')[0]!,
      status,
    })
    return res
  }

  beforeAll(async () => {
    secrets.set('operator key', OPERATOR_KEY)

    const org = await call(
      {
        method: 'POST',
        url: '/v2/admin/organizations',
        headers: OPERATOR,
        payload: { name: 'Logged' },
      },
      201,
    )
    secrets.set('owner API key', org.body.data.apiKey)
    const admin = await call(
      {
        method: 'POST',
        url: `/v2/admin/organizations/${org.body.data.id}/api-keys`,
        headers: OPERATOR,
        payload: { role: 'ADMIN' },
      },
      201,
    )
    secrets.set('admin API key', admin.body.data.key)

    const created = await call(
      {
        method: 'POST',
        url: '/v2/oauth-clients',
        headers: { authorization: `Bearer ${admin.body.data.key}` },
        payload: {
          name: 'Logged client',
          redirectUris: ['http://localhost:4321'],
          permissions: ['*'],
        },
      },
      201,
    )
    const client = created.body.data as { clientId: string; clientSecret: string }
    secrets.set('client secret', client.clientSecret)
    const secret = { 'x-cal-secret-key': client.clientSecret }

    const user = await call(
      {
        method: 'POST',
        url: `/v2/oauth-clients/${client.clientId}/users`,
        headers: secret,
        payload: { email: 'logged@example.com', name: 'Logged User' },
      },
      201,
    )
    secrets.set('first access token', user.body.data.accessToken)
    secrets.set('first refresh token', user.body.data.refreshToken)
    const userId = user.body.data.user.id as number

    const refreshed = await call(
      {
        method: 'POST',
        url: `/v2/oauth/${client.clientId}/refresh`,
        headers: secret,
        payload: { refreshToken: user.body.data.refreshToken },
      },
      200,
    )
    secrets.set('refreshed access token', refreshed.body.data.accessToken)
    secrets.set('refreshed refresh token', refreshed.body.data.refreshToken)

    const forced = await call(
      {
        method: 'POST',
        url: `/v2/oauth-clients/${client.clientId}/users/${userId}/force-refresh`,
        headers: secret,
      },
      200,
    )
    secrets.set('forced access token', forced.body.data.accessToken)
    secrets.set('forced refresh token', forced.body.data.refreshToken)

    const rfc = await call(
      {
        method: 'POST',
        url: '/v2/oauth/token',
        headers: {
          authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: `grant_type=refresh_token&refresh_token=${forced.body.data.refreshToken}`,
      },
      200,
    )
    secrets.set('RFC access token', rfc.body.access_token)
    secrets.set('RFC refresh token', rfc.body.refresh_token)
    secrets.set(
      'Basic credentials',
      Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64'),
    )

    await call(
      {
        method: 'GET',
        url: '/v2/me',
        headers: { authorization: `Bearer ${rfc.body.access_token}` },
      },
      200,
    )
    await call(
      {
        method: 'POST',
        url: '/v2/oauth/introspect',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          token: rfc.body.refresh_token,
          client_id: client.clientId,
          client_secret: client.clientSecret,
        }).toString(),
      },
      200,
    )

    // failures: wrong secret, wrong keys, a revoked token, a replayed refresh token, a malformed body
    const wrongSecret = `${client.clientSecret.slice(0, -6)}AAAAAA`
    secrets.set('wrong client secret', wrongSecret)
    await call(
      {
        method: 'GET',
        url: `/v2/oauth-clients/${client.clientId}/users`,
        headers: { 'x-cal-secret-key': wrongSecret },
      },
      401,
    )
    const wrongOperator = `${OPERATOR_KEY}-wrong`
    secrets.set('wrong operator key', wrongOperator)
    await call(
      {
        method: 'GET',
        url: '/v2/admin/organizations',
        headers: { authorization: `Bearer ${wrongOperator}` },
      },
      401,
    )
    const wrongApiKey = `${admin.body.data.key.slice(0, -6)}AAAAAA`
    secrets.set('wrong API key', wrongApiKey)
    await call(
      {
        method: 'GET',
        url: '/v2/oauth-clients',
        headers: { authorization: `Bearer ${wrongApiKey}` },
      },
      401,
    )
    await call(
      {
        method: 'GET',
        url: '/v2/me',
        headers: { authorization: `Bearer ${user.body.data.accessToken}` },
      },
      401,
    )
    await call(
      {
        method: 'POST',
        url: `/v2/oauth/${client.clientId}/refresh`,
        headers: secret,
        payload: { refreshToken: user.body.data.refreshToken },
      },
      400,
    )
    await call(
      {
        method: 'POST',
        url: `/v2/oauth/${client.clientId}/refresh`,
        headers: { ...secret, 'content-type': 'application/json' },
        payload: `{"refreshToken":"${refreshed.body.data.refreshToken}"`,
      },
      400,
    )

    // credentials in query strings (where they do not belong) stay out of the access log
    await call({ method: 'GET', url: `/v2/me?access_token=${rfc.body.access_token}` }, 401)
    await call(
      { method: 'GET', url: `/v2/oauth-clients/%ff/users?secret=${client.clientSecret}` },
      400,
    )

    // an internal failure whose message holds no credential (its text may be logged)
    const list = vi
      .spyOn(t.tessera.organizations, 'list')
      .mockRejectedValue(new Error('simulated outage'))
    await call({ method: 'GET', url: '/v2/admin/organizations', headers: OPERATOR }, 500)
    list.mockRestore()
    await t.tessera.sealAudit()
  })

  test('the flow was logged as JSON lines, more lines than requests', () => {
    expect(lines.length).toBeGreaterThan(requestIds.length)
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow()
  })

  test('no credential, token or fragment of one appears anywhere in the log', () => {
    const text = lines.join('')
    expect(secrets.size).toBe(16)
    for (const [name, value] of secrets) {
      for (const fragment of fragments(value)) {
        expect(fragment.length, name).toBeGreaterThanOrEqual(20)
        expect(text.includes(fragment), `${name} (${fragment.slice(0, 8)}…) is in the log`).toBe(
          false,
        )
      }
    }
  })

  test('every request has one access-log line with its request id, path and status', () => {
    const parsed = lines.map((line) => JSON.parse(line) as LogLine)
    for (const { id, path, status } of requestIds) {
      const matching = parsed.filter((l) => l.reqId === id && l.msg === 'request')
      expect(matching, `${path} ${status}`).toHaveLength(1)
      expect(matching[0]).toMatchObject({ path, status, level: 30 })
    }
    expect(new Set(requestIds.map((r) => r.id)).size).toBe(requestIds.length)
  })

  test('the 500 is logged as an error with its request id and cause', () => {
    const failed = requestIds.find((r) => r.status === 500)!
    const parsed = lines.map((line) => JSON.parse(line) as LogLine)
    const error = parsed.find((l) => l.reqId === failed.id && l.level === 50)
    expect(error).toMatchObject({ msg: 'request failed', err: { message: 'simulated outage' } })
  })
})
