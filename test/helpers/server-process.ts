import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

const ENTRY = fileURLToPath(new URL('../../dist/src/server.js', import.meta.url))

/** A real `node dist/src/server.js` process (built by `npm test`'s pretest step). */
export class ServerProcess {
  stdout = ''
  stderr = ''
  readonly exited: Promise<number | null>

  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
  ) {
    child.stdout?.on('data', (d: Buffer) => (this.stdout += d.toString()))
    child.stderr?.on('data', (d: Buffer) => (this.stderr += d.toString()))
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)))
  }

  static async start(
    env: Record<string, string>,
    options: { waitReady?: boolean } = {},
  ): Promise<ServerProcess> {
    const port = env.PORT ?? String(await freePort())
    const child = spawn(process.execPath, [ENTRY], {
      env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: port, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const server = new ServerProcess(child, `http://127.0.0.1:${port}`)
    if (options.waitReady !== false) await server.waitReady()
    return server
  }

  async waitReady(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    let exited = false
    void this.exited.then(() => (exited = true))
    while (Date.now() < deadline) {
      if (exited) throw new Error(`server exited early:\n${this.stderr}\n${this.stdout}`)
      try {
        const res = await fetch(`${this.url}/health`)
        if (res.status === 200) return
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100))
    }
    throw new Error(`server not ready after ${timeoutMs} ms:\n${this.stderr}`)
  }

  async fetch(
    path: string,
    init: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
  ) {
    const res = await fetch(`${this.url}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    })
    const text = await res.text()
    let body: any
    try {
      body = text ? JSON.parse(text) : undefined
    } catch {
      body = text
    }
    return { status: res.status, headers: res.headers, body }
  }

  /** SIGTERM and wait; resolves with the exit code. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode
    this.child.kill(signal)
    return this.exited
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      const port = typeof address === 'object' && address ? address.port : 0
      srv.close(() => resolve(port))
    })
  })
}
