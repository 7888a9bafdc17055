import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const SCRIPT = fileURLToPath(new URL('../fixtures/token-worker.mjs', import.meta.url))

export interface WorkerConfig {
  readonly baseUrl: string
  readonly clientId: string
  readonly clientSecret: string
  readonly store: 'postgres' | 'redis'
  readonly url: string
  readonly table?: string
  readonly prefix?: string
}

/** A platform-backend process of its own (fixtures/token-worker.mjs), driven over IPC. */
export class TokenWorker {
  #next = 0
  readonly #pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>()

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (m: { id: number; ok: boolean; result?: unknown; error?: Error }) => {
      const waiting = this.#pending.get(m.id)
      if (!waiting) return
      this.#pending.delete(m.id)
      if (m.ok) waiting.resolve(m.result)
      else waiting.reject(Object.assign(new Error(m.error!.message), { name: m.error!.name }))
    })
  }

  static start(config: WorkerConfig): Promise<TokenWorker> {
    const child = fork(SCRIPT, [JSON.stringify(config)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    return new Promise((resolve, reject) => {
      child.once('error', reject)
      child.once('message', () => resolve(new TokenWorker(child)))
    })
  }

  call<T>(op: string, args: Record<string, unknown> = {}): Promise<T> {
    const id = this.#next++
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
      this.child.send({ id, op, ...args })
    })
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return
    const exited = new Promise((resolve) => this.child.once('exit', resolve))
    await this.call('exit').catch(() => this.child.kill())
    await exited
  }
}
