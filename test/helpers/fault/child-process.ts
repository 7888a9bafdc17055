import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process'
import { rmSync } from 'node:fs'

/**
 * A server the fault suite starts (PostgreSQL, Redis, HAProxy): its own process group, so a
 * crash can kill it with every child it forked, output kept for failure messages, and killed
 * with the test process however that ends, so no run leaves one behind.
 */
export class ManagedProcess {
  output = ''
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  #lineWaiters: { pattern: RegExp; resolve: () => void }[] = []
  #pending = ''

  private constructor(readonly child: ChildProcess) {
    const onData = (chunk: Buffer) => {
      const text = chunk.toString()
      this.output += text
      // keep the tail only: a long scenario must not hold megabytes of server log
      if (this.output.length > 200_000) this.output = this.output.slice(-100_000)
      this.#pending += text
      const lines = this.#pending.split('\n')
      this.#pending = lines.pop() ?? ''
      for (const line of lines) this.#match(line)
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        live.delete(this)
        resolve({ code, signal })
      }),
    )
    live.add(this)
  }

  static spawn(command: string, args: readonly string[], options: SpawnOptions = {}) {
    const child = spawn(command, args, {
      ...options,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    return new ManagedProcess(child)
  }

  get pid(): number {
    return this.child.pid!
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null
  }

  /** Resolves at the first output line (from now on) matching the pattern; rejects on exit or timeout. */
  waitForLine(pattern: RegExp, timeoutMs = 30_000, what = String(pattern)): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        done()
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}:\n${this.tail()}`))
      }, timeoutMs)
      const waiter = {
        pattern,
        resolve: () => {
          done()
          resolve()
        },
      }
      const onExit = () => {
        done()
        reject(new Error(`exited while waiting for ${what}:\n${this.tail()}`))
      }
      const done = () => {
        clearTimeout(timer)
        this.#lineWaiters = this.#lineWaiters.filter((w) => w !== waiter)
        this.child.off('exit', onExit)
      }
      this.#lineWaiters.push(waiter)
      this.child.once('exit', onExit)
    })
  }

  /** Sends a signal to the process alone. */
  signal(signal: NodeJS.Signals): void {
    if (this.running) process.kill(this.pid, signal)
  }

  /** Sends a signal to the process and everything it forked. */
  signalGroup(signal: NodeJS.Signals): void {
    try {
      process.kill(-this.pid, signal)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err
    }
  }

  tail(chars = 4_000): string {
    return this.output.slice(-chars)
  }

  #match(line: string) {
    for (const waiter of [...this.#lineWaiters]) if (waiter.pattern.test(line)) waiter.resolve()
  }
}

const live = new Set<ManagedProcess>()
const directories = new Set<string>()

/** Removed when the test process exits (a failing test may never reach its own cleanup). */
export function removeOnExit(dir: string): () => void {
  directories.add(dir)
  return () => {
    directories.delete(dir)
    rmSync(dir, { recursive: true, force: true })
  }
}

process.once('exit', () => {
  for (const proc of live) proc.signalGroup('SIGKILL')
  for (const dir of directories) rmSync(dir, { recursive: true, force: true })
})
