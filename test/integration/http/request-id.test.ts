import type { InjectOptions } from 'fastify'
import { beforeAll, expect, test, vi } from 'vitest'
import { describeApp } from '../../helpers/fixture.js'
import { type TestApp } from '../../helpers/test-app.js'
import { UUID_V4 } from '../../helpers/expect-error.js'
import { OPERATOR_KEY } from '../../helpers/http.js'

const CLIENT_SENT_ID = '11111111-2222-4333-8444-555555555555'

describeApp(
  `X-Request-Id on every response`,
  { env: { TESSERA_RATE_LIMIT_FAILURES: '1' } },
  (t) => {
    let client: { clientId: string; clientSecret: string; apiKey: string }
    let user: Awaited<ReturnType<TestApp['createUser']>>
    let addresses = 0

    beforeAll(async () => {
      client = await t.createClient()
      user = await t.createUser(client)
    })

    /** Sends the request twice with a client-chosen id; returns the two ids the server gave. */
    async function idsOf(options: InjectOptions, status: number): Promise<[string, string]> {
      const ids: string[] = []
      for (let i = 0; i < 2; i++) {
        const headers = {
          ...(options.headers ?? {}),
          'x-request-id': CLIENT_SENT_ID,
          'request-id': CLIENT_SENT_ID,
        }
        // a fresh address each time, so failures here never reach the (tiny) rate limit
        const remoteAddress = options.remoteAddress ?? `203.0.113.${++addresses}`
        const res = await t.request({ ...options, headers, remoteAddress })
        expect(res.status, `${options.method} ${options.url}: ${res.text}`).toBe(status)
        const id = res.headers['x-request-id']
        expect(typeof id).toBe('string')
        expect(id).toMatch(UUID_V4)
        expect(id).not.toBe(CLIENT_SENT_ID)
        ids.push(id as string)
      }
      return ids as [string, string]
    }

    test('successes carry a fresh UUID request id, never the one the client sent', async () => {
      const cases: [InjectOptions, number][] = [
        [{ method: 'GET', url: '/health' }, 200],
        [
          {
            method: 'GET',
            url: '/v2/me',
            headers: { authorization: `Bearer ${user.accessToken}` },
          },
          200,
        ],
        [
          {
            method: 'GET',
            url: `/v2/oauth-clients/${client.clientId}/users`,
            headers: { 'x-cal-secret-key': client.clientSecret },
          },
          200,
        ],
        [
          {
            method: 'GET',
            url: '/v2/admin/organizations',
            headers: { authorization: `Bearer ${OPERATOR_KEY}` },
          },
          200,
        ],
        [{ method: 'GET', url: '/.well-known/jwks.json' }, 200],
        [
          {
            method: 'OPTIONS',
            url: '/v2/me',
            headers: { origin: 'https://app.example', 'access-control-request-method': 'GET' },
          },
          204,
        ],
      ]
      const seen = new Set<string>()
      for (const [options, status] of cases) {
        for (const id of await idsOf(options, status)) seen.add(id)
      }
      expect(seen.size).toBe(cases.length * 2)
    })

    test('errors of every kind carry a fresh UUID request id', async () => {
      const usersUrl = `/v2/oauth-clients/${client.clientId}/users`
      const secret = { 'x-cal-secret-key': client.clientSecret }
      const cases: [InjectOptions, number][] = [
        [{ method: 'GET', url: '/v2/me' }, 401],
        [{ method: 'GET', url: '/v2/me', headers: { authorization: 'Bearer not-a-token' } }, 401],
        [{ method: 'GET', url: '/no/such/route' }, 404],
        [{ method: 'GET', url: `${usersUrl}/1e3`, headers: secret }, 400],
        [
          {
            method: 'POST',
            url: usersUrl,
            headers: { ...secret, 'content-type': 'application/json' },
            payload: '{',
          },
          400,
        ],
        [
          {
            method: 'POST',
            url: usersUrl,
            headers: { ...secret, 'content-type': 'text/plain' },
            payload: '{}',
          },
          415,
        ],
        [
          {
            method: 'POST',
            url: usersUrl,
            headers: { ...secret, 'content-type': 'application/json' },
            payload: `"${'x'.repeat(1024 * 1024)}"`,
          },
          413,
        ],
        [{ method: 'GET', url: '/v2/oauth-clients/%ff/users', headers: secret }, 400],
        [
          { method: 'GET', url: `/v2/oauth-clients/${'x'.repeat(20_000)}/users`, headers: secret },
          414,
        ],
        [
          {
            method: 'POST',
            url: '/v2/oauth/token',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            payload: 'grant_type=password',
          },
          401,
        ],
      ]
      const seen = new Set<string>()
      for (const [options, status] of cases) {
        for (const id of await idsOf(options, status)) seen.add(id)
      }
      expect(seen.size).toBe(cases.length * 2)
    })

    test('a 429 carries a fresh UUID request id', async () => {
      const wrong = {
        method: 'GET' as const,
        url: `/v2/oauth-clients/${client.clientId}/users`,
        headers: { 'x-cal-secret-key': 'tsr_cs_wrong' },
        remoteAddress: '198.51.100.7',
      }
      expect((await t.request(wrong)).status).toBe(401)
      const [first, second] = await idsOf(wrong, 429)
      expect(first).not.toBe(second)
    })

    test('a 500 carries a fresh UUID request id', async () => {
      const list = vi.spyOn(t.tessera.organizations, 'list').mockRejectedValue(new Error('boom'))
      try {
        const [first, second] = await idsOf(
          {
            method: 'GET',
            url: '/v2/admin/organizations',
            headers: { authorization: `Bearer ${OPERATOR_KEY}` },
          },
          500,
        )
        expect(first).not.toBe(second)
      } finally {
        list.mockRestore()
      }
    })
  },
)
