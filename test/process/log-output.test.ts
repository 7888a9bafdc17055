import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { freePort, waitForHttp } from '../helpers/processes.mjs'

const ENTRY = fileURLToPath(new URL('../../dist/src/server.js', import.meta.url))

const holdBack = () => {}

/** Far more access-log lines than the pipe and the test's read buffer hold (~200 bytes each). */
const REQUESTS = 6_000

/**
 * A server whose stdout pipe nobody reads (a stuck log collector) keeps serving and still stops
 * on SIGTERM; once a reader comes back, the last lines ("stopped") arrive. The pipe is this
 * process's end of the child's stdout, left paused: it fills, and the child's writes back up.
 */
describe('log output to a stdout nobody reads', () => {
  const dirs: string[] = []
  const children: ChildProcess[] = []
  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL')
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  })

  /** An embedded server with stdout piped and never read; stderr is collected. */
  async function start() {
    const dataDir = mkdtempSync(join(tmpdir(), 'tessera-log-output-'))
    dirs.push(dataDir)
    const port = await freePort()
    const child = spawn(process.execPath, [ENTRY], {
      cwd: tmpdir(),
      env: {
        PATH: process.env.PATH ?? '',
        HOST: '127.0.0.1',
        PORT: String(port),
        TESSERA_DATA_DIR: dataDir,
        TESSERA_MASTER_KEY: randomBytes(32).toString('hex'),
        TESSERA_ADMIN_KEY: `op-${randomBytes(12).toString('hex')}`,
        TESSERA_LOG_LEVEL: 'info',
        TESSERA_SHUTDOWN_DRAIN_SECONDS: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    children.push(child)
    // Listening for 'readable' without reading: the stream fills up to its high-water mark and
    // stops taking from the pipe. (With no listener at all, Node discards the data at exit.)
    child.stdout!.on('readable', holdBack)
    let stderr = ''
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>
    const url = `http://127.0.0.1:${port}`
    await waitForHttp(`${url}/health`, { timeoutMs: 60_000 })
    return { child, url, exited, stderr: () => stderr }
  }

  /** Every request is answered although each one's access-log line cannot be written yet. */
  async function flood(url: string) {
    let next = 0
    const statuses = new Map<number, number>()
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next++ < REQUESTS) {
          const res = await fetch(`${url}/health/live`)
          await res.arrayBuffer()
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
        }
      }),
    )
    expect(Object.fromEntries(statuses)).toEqual({ 200: REQUESTS })
  }

  async function readAll(child: ChildProcess): Promise<string> {
    child.stdout!.off('readable', holdBack)
    let text = ''
    for await (const chunk of child.stdout!) text += String(chunk)
    return text
  }

  const lines = (text: string) =>
    text
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg: string; path?: string })
  const messages = (text: string) => lines(text).map((line) => line.msg)

  it('stops with exit 0 on SIGTERM while the pipe stays full, saying what was not written', async () => {
    const server = await start()
    await flood(server.url)
    server.child.kill('SIGTERM')
    // the shutdown limit (25 s) would exit 1; a process blocked on its stdout would never exit
    expect(await server.exited).toEqual([0, null])
    expect(server.stderr()).toMatch(
      /^tessera: stdout is not being read: [1-9]\d* bytes of log lines not written, 0 lines dropped$/m,
    )
    const logged = messages(await readAll(server.child))
    expect(logged[0]).toBe('listening; starting (requests get 503 until ready)')
    expect(logged).toContain('request')
  })

  it('writes every line, "stopped" last, once a reader comes back after SIGTERM', async () => {
    const server = await start()
    await flood(server.url)
    server.child.kill('SIGTERM')
    const output = readAll(server.child)
    expect(await server.exited).toEqual([0, null])
    const written = lines(await output)
    const flooded = written.filter((l) => l.msg === 'request' && l.path === '/health/live')
    expect(flooded).toHaveLength(REQUESTS)
    expect(written.slice(-3).map((l) => l.msg)).toEqual([
      'shutting down: draining',
      'shutting down: closing the listener, finishing in-flight requests',
      'stopped',
    ])
    expect(server.stderr()).toBe('')
  })
})
