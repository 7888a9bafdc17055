import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TcpProxy } from '../helpers/fault/tcp-proxy.js'
import { createSchema } from '../helpers/postgres.js'
import { waitForHttp } from '../helpers/processes.mjs'
import { ServerProcess } from '../helpers/server-process.js'

/**
 * `/health/ready` of a real process whose PostgreSQL stops answering (a hung host: the TCP
 * connections stay open, nothing passes) and comes back. Runs only with TEST_DATABASE_URL
 * (vitest.config.ts leaves this file out otherwise).
 */
describe('readiness while PostgreSQL hangs', () => {
  let proxy: TcpProxy
  let server: ServerProcess
  let dropSchema: () => Promise<void>

  beforeAll(async () => {
    const schema = await createSchema()
    dropSchema = schema.drop
    const url = new URL(schema.url)
    proxy = await TcpProxy.start({ target: { host: url.hostname, port: Number(url.port || 5432) } })
    url.hostname = '127.0.0.1'
    url.port = String(proxy.port)
    server = await ServerProcess.start({
      DATABASE_URL: url.toString(),
      TESSERA_MASTER_KEY: randomBytes(32).toString('hex'),
      TESSERA_ADMIN_KEY: `op-${randomBytes(12).toString('hex')}`,
      TESSERA_LOG_LEVEL: 'warn',
      TESSERA_DATA_DIR: '/tmp/tessera-readiness-unused',
    })
  })
  afterAll(async () => {
    proxy?.resume()
    await server?.stop()
    await proxy?.close()
    await dropSchema?.()
  })

  it('is 503 naming the database while it does not answer, 200 again once it does; live stays 200', async () => {
    expect((await server.fetch('/health/ready')).status).toBe(200)
    proxy.stall()
    const ready = await server.fetch('/health/ready')
    expect(ready.status).toBe(503)
    expect(ready.body.failing).toContain('database')
    expect(ready.body.checks.database).toEqual({
      ok: false,
      message: 'unreachable: no answer within 2000 ms',
    })
    expect((await server.fetch('/health/live')).status).toBe(200)

    proxy.resume()
    await waitForHttp(`${server.url}/health/ready`, { timeoutMs: 20_000 })
    expect((await server.fetch('/health/ready')).body).toMatchObject({ status: 'ok', failing: [] })
  })
})
