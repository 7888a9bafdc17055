import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from '../server-process.js'
import { ManagedProcess, removeOnExit } from './child-process.js'
import { findProgram } from './tools.js'

const BIN = findProgram('redis-server')

/**
 * A throwaway `redis-server` on a free port, without persistence: stop and start it again on the
 * same port, or hang it (SIGSTOP: connections stay open, nothing answers) and resume it.
 */
export class RedisServer {
  #process: ManagedProcess | null = null
  readonly #cleanup: () => void

  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {
    this.#cleanup = removeOnExit(dir)
  }

  static async start(): Promise<RedisServer> {
    const server = new RedisServer(mkdtempSync(join(tmpdir(), 'tessera-redis-')), await freePort())
    await server.start()
    return server
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`
  }

  get running(): boolean {
    return this.#process?.running ?? false
  }

  async start(): Promise<void> {
    if (this.running) throw new Error('redis already running')
    const proc = ManagedProcess.spawn(
      BIN,
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        this.dir,
      ],
      { env: { PATH: process.env.PATH ?? '' } },
    )
    this.#process = proc
    await proc.waitForLine(/Ready to accept connections/, 30_000, `redis on port ${this.port}`)
  }

  /** Shuts down: open connections are closed, new ones refused. */
  async stop(): Promise<void> {
    const proc = this.#process
    if (!proc?.running) return
    proc.signal('SIGTERM')
    await proc.exited
  }

  /** SIGSTOP: every connection stays open and nothing answers, as a hung host or a long fork. */
  hang(): void {
    this.#process?.signal('SIGSTOP')
  }

  resume(): void {
    this.#process?.signal('SIGCONT')
  }

  async destroy(): Promise<void> {
    const proc = this.#process
    if (proc?.running) {
      proc.signalGroup('SIGKILL')
      await proc.exited
    }
    this.#cleanup()
  }
}
