import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BACKENDS, type Backend } from '../helpers/backends.js'
import { createSchema } from '../helpers/postgres.js'
import { Receiver } from '../helpers/receiver.js'
import { ServerProcess } from '../helpers/server-process.js'

const OPERATOR = `op-${randomBytes(12).toString('hex')}`

/** Storage for real server processes: a data directory, or a fresh PostgreSQL schema. */
async function storage(backend: Backend) {
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-events-'))
  const schema = backend === 'postgres' ? await createSchema() : null
  return {
    env: {
      TESSERA_DATA_DIR: dataDir,
      TESSERA_MASTER_KEY: randomBytes(32).toString('hex'),
      TESSERA_ADMIN_KEY: OPERATOR,
      TESSERA_ISSUER: 'http://tessera.events',
      TESSERA_LOG_LEVEL: 'warn',
      TESSERA_WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
      TESSERA_WEBHOOK_POLL_INTERVAL_MS: '50',
      ...(schema ? { DATABASE_URL: schema.url } : {}),
    },
    async drop() {
      await schema?.drop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Through the public API: an organization, a client, and a webhook on the receiver. */
async function provision(server: ServerProcess, receiver: Receiver) {
  const org = await server.fetch('/v2/admin/organizations', {
    method: 'POST',
    headers: { authorization: `Bearer ${OPERATOR}` },
    body: { name: 'Events' },
  })
  const client = await server.fetch('/v2/oauth-clients', {
    method: 'POST',
    headers: { authorization: `Bearer ${org.body.data.apiKey}` },
    body: { name: 'App', redirectUris: ['http://localhost'], permissions: ['*'] },
  })
  const { clientId, clientSecret } = client.body.data as { clientId: string; clientSecret: string }
  const webhook = await server.fetch(`/v2/oauth-clients/${clientId}/webhooks`, {
    method: 'POST',
    headers: { 'x-cal-secret-key': clientSecret },
    body: { subscriberUrl: receiver.url, active: true, triggers: ['USER_CREATED'] },
  })
  expect(webhook.status).toBe(201)
  return { clientId, clientSecret }
}

function createUser(server: ServerProcess, c: { clientId: string; clientSecret: string }) {
  return server.fetch(`/v2/oauth-clients/${c.clientId}/users`, {
    method: 'POST',
    headers: { 'x-cal-secret-key': c.clientSecret },
    body: { email: `u-${randomBytes(4).toString('hex')}@example.com`, name: 'U' },
  })
}

for (const backend of BACKENDS) {
  describe(`event delivery survives a killed process [${backend}]`, () => {
    let receiver: Receiver
    let store: Awaited<ReturnType<typeof storage>>
    const servers: ServerProcess[] = []

    beforeAll(async () => {
      receiver = await Receiver.start()
      store = await storage(backend)
    })
    afterAll(async () => {
      await Promise.all(servers.map((s) => s.stop()))
      await receiver?.close()
      await store?.drop()
    })

    it('delivers, after a restart, an event recorded by a process killed before it could deliver it', async () => {
      // this process serves the API but delivers nothing, so the event waits in the outbox
      // an embedded first start can take long on a loaded machine: wait for it explicitly
      const first = await ServerProcess.start(
        { ...store.env, TESSERA_WEBHOOK_WORKER: 'false' },
        { waitReady: false },
      )
      servers.push(first)
      await first.waitReady(120_000)
      const client = await provision(first, receiver)
      const user = await createUser(first, client)
      expect(user.status).toBe(201)
      expect(await first.stop('SIGKILL')).toBeNull()
      expect(receiver.requests).toHaveLength(0)

      const second = await ServerProcess.start(store.env, { waitReady: false })
      servers.push(second)
      await second.waitReady(120_000)
      const [request] = await receiver.received(1, 20_000)
      expect(JSON.parse(request!.body)).toMatchObject({
        triggerEvent: 'USER_CREATED',
        payload: { userId: user.body.data.user.id, clientId: client.clientId },
      })
      expect(await second.stop()).toBe(0)
    }, 300_000)
  })
}

// two processes share a database only on PostgreSQL (an embedded one serves one process)
for (const backend of BACKENDS.filter((b) => b === 'postgres')) {
  describe(`two processes share the outbox [${backend}]`, () => {
    let receiver: Receiver
    let store: Awaited<ReturnType<typeof storage>>
    let a: ServerProcess
    let b: ServerProcess

    beforeAll(async () => {
      receiver = await Receiver.start()
      store = await storage(backend)
      ;[a, b] = await Promise.all([
        ServerProcess.start(store.env, { waitReady: false }),
        ServerProcess.start(store.env, { waitReady: false }),
      ])
      await Promise.all([a.waitReady(120_000), b.waitReady(120_000)])
    }, 300_000)
    afterAll(async () => {
      await Promise.all([a?.stop(), b?.stop()])
      await receiver?.close()
      await store?.drop()
    })

    it('delivers each event once though both processes poll the same rows', async () => {
      const client = await provision(a, receiver)
      const created = await Promise.all(
        Array.from({ length: 30 }, (_, i) => createUser(i % 2 ? a : b, client)),
      )
      expect(created.map((r) => r.status)).toEqual(Array(30).fill(201))
      await receiver.received(30, 20_000)
      // a duplicate would arrive within a poll or two; wait for one more round of both
      const settled = receiver.requests.length
      await Promise.all([createUser(a, client), receiver.received(settled + 1, 20_000)])
      const ids = receiver.requests.map((r) => r.headers['webhook-id'])
      expect(ids).toHaveLength(31)
      expect(new Set(ids).size).toBe(31)
      const users = receiver.requests.map((r) => JSON.parse(r.body).payload.userId)
      expect(new Set(users).size).toBe(31)
    })
  })
}
