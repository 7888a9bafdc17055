import { randomBytes } from 'node:crypto'
import { get } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PgCluster } from '../helpers/fault/pg-cluster.js'
import { ServerProcess } from '../helpers/server-process.js'

type LogLine = Record<string, unknown> & { msg?: string; pid?: number }

/**
 * TESSERA_WORKERS through real processes: a primary that forks workers on one port, replaces a
 * worker killed with SIGKILL, drains on SIGTERM; embedded mode refuses more than one.
 */
describe('TESSERA_WORKERS', () => {
  let cluster: PgCluster
  let url: string
  const masterKey = randomBytes(32).toString('hex')

  beforeAll(async () => {
    cluster = await PgCluster.create()
    url = await cluster.createDatabase('tessera')
  })
  afterAll(async () => {
    await cluster?.destroy()
  })

  const env = (extra: Record<string, string> = {}) => ({
    DATABASE_URL: url,
    TESSERA_MASTER_KEY: masterKey,
    TESSERA_ADMIN_KEY: `op-${randomBytes(12).toString('hex')}`,
    TESSERA_DATA_DIR: '/nonexistent',
    TESSERA_LOG_LEVEL: 'info',
    ...extra,
  })

  it('refuses more than one worker on the embedded database, saying why', async () => {
    const server = await ServerProcess.start(
      { TESSERA_WORKERS: '2', TESSERA_DATA_DIR: '/nonexistent', TESSERA_LOG_LEVEL: 'info' },
      { waitReady: false },
    )
    expect(await server.exited).toBe(1)
    expect(server.stderr).toContain(
      'TESSERA_WORKERS: 2 server processes need PostgreSQL: set DATABASE_URL, or TESSERA_WORKERS=1',
    )
    expect(server.stdout).not.toMatch(/listening/)
  })

  it('serves from every worker on one port, replaces a killed worker, drains on SIGTERM', async () => {
    const server = await ServerProcess.start(env({ TESSERA_WORKERS: '2' }), { waitReady: false })
    try {
      // three processes starting at once take a while on a loaded machine
      await server.waitReady(90_000)
      const started = await waitForLog(server, (l) => l.msg === 'workers listening', 90_000)
      const first = started.workerPids as number[]
      expect(first).toHaveLength(2)
      expect(first).not.toContain(server.child.pid)

      // node:cluster hands new connections round-robin: a handful reach both workers
      expect(await servingPids(server, 8)).toEqual(new Set(first))

      const [victim, survivor] = first as [number, number]
      process.kill(victim, 'SIGKILL')
      const died = await waitForLog(server, (l) => l.msg === 'worker died; starting a replacement')
      expect(died).toMatchObject({ workerPid: victim, signal: 'SIGKILL' })
      // the survivor answers alone meanwhile: nobody waits for the replacement
      expect(await servingPids(server, 4)).toEqual(new Set([survivor]))

      // a start takes seconds, more on a loaded machine
      const replaced = await waitForLog(
        server,
        (l) => l.msg === 'replacement worker listening',
        90_000,
      )
      const replacement = replaced.workerPid as number
      expect([victim, survivor, server.child.pid]).not.toContain(replacement)
      expect(await servingPids(server, 8)).toEqual(new Set([survivor, replacement]))

      expect(await server.stop('SIGTERM')).toBe(0)
      for (const pid of [survivor, replacement]) expect(alive(pid)).toBe(false)
      expect(logLines(server).filter((l) => l.msg === 'worker stopped')).toHaveLength(2)
    } finally {
      await server.stop('SIGKILL')
    }
  }, 180_000)

  it('exits 1 when a worker cannot start, instead of restarting it forever', async () => {
    // the database was initialised with another master key: every worker refuses to start
    const server = await ServerProcess.start(
      env({ TESSERA_WORKERS: '2', TESSERA_MASTER_KEY: randomBytes(32).toString('hex') }),
      { waitReady: false },
    )
    expect(await server.exited).toBe(1)
    expect(logLines(server).map((l) => l.msg)).toContain(
      'a worker failed to start (its log says why); stopping',
    )
    expect(server.stdout).toContain(
      'TESSERA_MASTER_KEY is not the key this database was set up with',
    )
  })
})

function logLines(server: ServerProcess): LogLine[] {
  return server.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine)
}

/** Resolves with the first log line (so far or to come) that matches. */
function waitForLog(
  server: ServerProcess,
  match: (line: LogLine) => boolean,
  timeoutMs = 30_000,
): Promise<LogLine> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const hit = logLines(server).find(match)
      if (!hit) return
      done()
      resolve(hit)
    }
    const timer = setTimeout(() => {
      done()
      reject(new Error(`no matching log line within ${timeoutMs} ms:\n${server.stdout}`))
    }, timeoutMs)
    const done = () => {
      clearTimeout(timer)
      server.child.stdout?.off('data', check)
    }
    // registered after the helper's own listener, so server.stdout already has the chunk
    server.child.stdout?.on('data', check)
    check()
  })
}

/**
 * Sends `count` requests, each on its own connection, and returns the pids of the processes that
 * answered them, from the access log (every line carries its pid; the request id ties it).
 */
async function servingPids(server: ServerProcess, count: number): Promise<Set<number>> {
  const ids: string[] = []
  for (let i = 0; i < count; i++) ids.push(await requestId(`${server.url}/health`))
  const lines = await Promise.all(
    ids.map((id) => waitForLog(server, (l) => l.msg === 'request' && l.reqId === id)),
  )
  return new Set(lines.map((l) => l.pid as number))
}

/** One GET on a fresh connection (no keep-alive agent); the answer's x-request-id. */
function requestId(target: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get(target, { agent: false }, (res) => {
      res.resume()
      res.on('end', () => {
        if (res.statusCode !== 200) reject(new Error(`${target}: ${res.statusCode}`))
        else resolve(String(res.headers['x-request-id']))
      })
    }).on('error', reject)
  })
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
