import { randomBytes } from 'node:crypto'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import {
  ConnectionError,
  OrganizationClient,
  RateLimitedError,
  ServerError,
  TesseraClient,
  TimeoutError,
  type TesseraClientOptions,
} from '@tessera/sdk'
import { BACKENDS } from '../../test/helpers/backends.js'
import { freePort } from '../../test/helpers/server-process.js'
import { FaultProxy } from './support/fault-proxy.js'
import { startTessera, type RunningTessera } from './support/server.js'

const email = () => `t-${randomBytes(4).toString('hex')}@example.com`
const FAST_RETRIES = { baseDelayMs: 5, maxDelayMs: 20 }

for (const backend of BACKENDS) {
  describe(`timeouts and retries through a faulty network (${backend})`, () => {
    let server: RunningTessera
    let proxy: FaultProxy
    let credentials: Pick<TesseraClientOptions, 'clientId' | 'clientSecret'>
    let client: TesseraClient
    let usersPath: string

    beforeAll(async () => {
      server = await startTessera(backend)
      const { apiKey } = await server.app.createOrganization()
      const org = new OrganizationClient({ baseUrl: server.url, apiKey })
      credentials = await org.oauthClients.create({
        name: 'Retries',
        redirectUris: [],
        permissions: ['*'],
      })
      usersPath = `/v2/oauth-clients/${credentials.clientId}/users`
    })
    afterAll(() => server.close())
    beforeEach(async () => {
      proxy = await FaultProxy.start(server.url)
      client = new TesseraClient({ baseUrl: proxy.url, ...credentials, retry: FAST_RETRIES })
    })
    afterEach(() => proxy.close())

    test('a read is retried after a reset connection, a 500 and a 503', async () => {
      proxy
        .inject('GET', usersPath, 'reset')
        .inject('GET', usersPath, { status: 500 })
        .inject('GET', usersPath, { status: 503 })
      expect(await client.users.list()).toEqual([])
      expect(proxy.to(usersPath).map((e) => e.fault)).toEqual([
        'reset',
        { status: 500 },
        { status: 503 },
        null,
      ])
    })

    test('a read gives up after the configured retries with the last error', async () => {
      const limited = new TesseraClient({
        baseUrl: proxy.url,
        ...credentials,
        retry: { ...FAST_RETRIES, retries: 1 },
      })
      proxy.inject('GET', usersPath, { status: 502 }).inject('GET', usersPath, { status: 503 })
      const err = await limited.users.list().catch((e) => e)
      expect(err).toBeInstanceOf(ServerError)
      expect(err).toMatchObject({ status: 503, code: 'Injected' })
      expect(proxy.to(usersPath)).toHaveLength(2)
    })

    test('a create whose answer is lost is not repeated (a copy would be a second user)', async () => {
      const address = email()
      proxy.inject('POST', usersPath, 'drop-response')
      const err = await client.users.create({ email: address, name: 'Once' }).catch((e) => e)
      expect(err).toBeInstanceOf(ConnectionError)
      expect(proxy.to(usersPath)).toHaveLength(1)
      // the server did act on it: repeating it blindly would have been wrong
      expect((await client.users.findByEmail(address))?.name).toBe('Once')
    })

    test('a create answered 503 is not repeated; one answered 429 is (nothing was done)', async () => {
      proxy.inject('POST', usersPath, { status: 503 })
      expect(
        await client.users.create({ email: email(), name: 'X' }).catch((e) => e),
      ).toBeInstanceOf(ServerError)
      expect(proxy.to(usersPath)).toHaveLength(1)

      proxy.inject('POST', usersPath, { status: 429, headers: { 'retry-after': '1' } })
      const created = await client.users.create({ email: email(), name: 'After 429' })
      expect(created.user.name).toBe('After 429')
      const [limited, retried] = proxy.to(usersPath).slice(1)
      // Retry-After is a floor for the wait, whatever the backoff says
      expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(1000)
    })

    test('a Retry-After longer than maxRetryAfterMs is thrown at once, with its value', async () => {
      proxy.inject('GET', usersPath, { status: 429, headers: { 'retry-after': '120' } })
      const err = await client.users.list().catch((e) => e)
      expect(err).toBeInstanceOf(RateLimitedError)
      expect(err.retryAfterMs).toBe(120_000)
      expect(proxy.to(usersPath)).toHaveLength(1)
    })

    test('an answer that never comes times out; a read is retried, a create is not', async () => {
      const impatient = new TesseraClient({
        baseUrl: proxy.url,
        ...credentials,
        timeoutMs: 300,
        retry: FAST_RETRIES,
      })
      proxy.inject('GET', usersPath, 'hang')
      expect(await impatient.users.list()).toEqual(expect.any(Array))
      expect(proxy.to(usersPath).map((e) => e.fault)).toEqual(['hang', null])

      proxy.inject('POST', usersPath, 'hang')
      const err = await impatient.users.create({ email: email(), name: 'Slow' }).catch((e) => e)
      expect(err).toBeInstanceOf(TimeoutError)
      expect(err.message).toContain('300 ms')
      expect(proxy.to(usersPath)).toHaveLength(3)
    })

    test('a refused connection is retried for any request (nothing was sent)', async () => {
      const closedPort = await freePort()
      let attempts = 0
      const nowhere = new TesseraClient({
        baseUrl: `http://127.0.0.1:${closedPort}`,
        ...credentials,
        retry: { ...FAST_RETRIES, retries: 2 },
        fetch: (input, init) => {
          attempts++
          return fetch(input, init)
        },
      })
      const err = await nowhere.users.create({ email: email(), name: 'X' }).catch((e) => e)
      expect(err).toBeInstanceOf(ConnectionError)
      expect(err.message).toContain('ECONNREFUSED')
      expect(attempts).toBe(3)
    })

    test('retry: false sends each request once', async () => {
      const once = new TesseraClient({ baseUrl: proxy.url, ...credentials, retry: false })
      proxy.inject('GET', usersPath, { status: 503 })
      expect(await once.users.list().catch((e) => e)).toBeInstanceOf(ServerError)
      expect(proxy.to(usersPath)).toHaveLength(1)
    })

    test("a proxy's non-JSON error page becomes an error named by its status", async () => {
      const once = new TesseraClient({ baseUrl: proxy.url, ...credentials, retry: false })
      proxy.inject('GET', usersPath, { status: 502, headers: { 'content-type': 'text/html' } })
      const err = await once.users.list().catch((e) => e)
      expect(err).toBeInstanceOf(ServerError)
      expect(err).toMatchObject({ status: 502, code: 'Injected' })
    })

    test('a refresh whose answer is lost is retried with the same token and gets the same pair', async () => {
      const created = await client.users.create({ email: email(), name: 'Lost answer' })
      const refreshPath = `/v2/oauth/${credentials.clientId}/refresh`
      proxy.inject('POST', refreshPath, 'drop-response')
      const result = await client.refresh(created.refreshToken)
      const [dropped, retried] = proxy.to(refreshPath)
      expect(dropped!.fault).toBe('drop-response')
      // what the server said the first time, which never arrived, is what the retry delivered
      expect(JSON.parse(dropped!.body!).data).toEqual(result.tokens)
      expect(retried!.headers!['x-tessera-refresh-reuse']).toBe('duplicate')
      expect(result.duplicate).toBe(true)
      const me = await fetch(`${server.url}/v2/me`, {
        headers: { authorization: `Bearer ${result.tokens.accessToken}` },
      })
      expect(me.status).toBe(200)
    })
  })
}
