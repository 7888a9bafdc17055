import { tmpdir } from 'node:os'
import { fileURLToPath } from 'node:url'
import { ChildServer, freePort, waitForHttp } from './processes.mjs'

export { freePort } from './processes.mjs'

const ENTRY = fileURLToPath(new URL('../../dist/src/server.js', import.meta.url))

/** A real `node dist/src/server.js` process (built by `npm test`'s pretest step). */
export class ServerProcess {
  /** Resolves with the exit code (null when a signal ended it). */
  readonly exited: Promise<number | null>

  private constructor(
    private readonly process: ChildServer,
    readonly url: string,
  ) {
    this.exited = process.exited.then((exit) => exit.code)
  }

  /**
   * Starts the server with exactly `env` (plus PATH, HOST and a free PORT unless given). No drain
   * on SIGTERM unless `env` sets TESSERA_SHUTDOWN_DRAIN_SECONDS: no balancer waits on a suite.
   */
  static async start(
    env: Record<string, string>,
    options: { waitReady?: boolean } = {},
  ): Promise<ServerProcess> {
    const port = env.PORT ?? String(await freePort())
    const child = new ChildServer({
      command: process.execPath,
      args: [ENTRY],
      // not the checkout: a developer's .env there would fill gaps in the test's environment
      cwd: tmpdir(),
      env: {
        PATH: process.env.PATH ?? '',
        HOST: '127.0.0.1',
        PORT: port,
        TESSERA_SHUTDOWN_DRAIN_SECONDS: '0',
        ...env,
      },
    })
    const server = new ServerProcess(child, `http://127.0.0.1:${port}`)
    if (options.waitReady !== false) {
      try {
        await server.waitReady()
      } catch (err) {
        // nobody else holds this process: a failed start must not leave it running
        await child.stop('SIGKILL')
        throw err
      }
    }
    return server
  }

  get child() {
    return this.process.child
  }

  get stdout(): string {
    return this.process.stdout
  }

  get stderr(): string {
    return this.process.stderr
  }

  /** Resolves when the server's stdout has a line matching `pattern` (a log event it announces). */
  waitForOutput(pattern: RegExp, timeoutMs = 30_000): Promise<void> {
    if (pattern.test(this.stdout)) return Promise.resolve()
    const stream = this.process.child.stdout!
    return new Promise((resolve, reject) => {
      const done = (err?: Error) => {
        clearTimeout(timer)
        stream.off('data', onData)
        if (err) reject(err)
        else resolve()
      }
      const onData = () => {
        if (pattern.test(this.stdout)) done()
      }
      const timer = setTimeout(
        () =>
          done(new Error(`no output matching ${pattern} after ${timeoutMs} ms: ${this.stdout}`)),
        timeoutMs,
      )
      // after ChildServer's own listener, which appends the chunk to `stdout`
      stream.on('data', onData)
      void this.exited.then(() => done(new Error(`server exited before printing ${pattern}`)))
    })
  }

  waitReady(timeoutMs = 30_000): Promise<void> {
    return waitForHttp(`${this.url}/health`, { process: this.process, timeoutMs })
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

  /** Sends `signal` (SIGKILL after 20 s) and resolves with the exit code. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    return (await this.process.stop(signal)).code
  }
}
