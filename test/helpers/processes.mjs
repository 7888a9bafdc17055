// @ts-check
// Child processes for the suites and the benchmark, in one copy: JavaScript with JSDoc types, so
// that `bench/` runs it with plain Node and the TypeScript suites import it type-checked.
// Processes are only ever signalled by their own pid, never by name.

import { spawn } from 'node:child_process'
import { closeSync, openSync } from 'node:fs'
import { createServer } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'

/** A port that was free a moment ago on 127.0.0.1 (the OS picks it). */
export function freePort() {
  return /** @type {Promise<number>} */ (
    new Promise((resolve, reject) => {
      const server = createServer()
      server.unref()
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () => {
        const address = server.address()
        const port = typeof address === 'object' && address ? address.port : 0
        server.close(() => resolve(port))
      })
    })
  )
}

/**
 * @typedef {object} Exit
 * @property {number | null} code
 * @property {NodeJS.Signals | null} signal
 * @property {string} [error] why the process could not be started
 */

/**
 * @typedef {Exit & { forced: boolean, alreadyExited?: boolean, shutdownMs?: number }} Stopped
 *   How a stop ended: `forced` when the grace period ran out and SIGKILL followed.
 */

/**
 * @typedef {object} SpawnOptions
 * @property {string} command
 * @property {readonly string[]} args
 * @property {string} [cwd]
 * @property {NodeJS.ProcessEnv} env the whole environment of the child (nothing is inherited)
 * @property {string} [logPath] append stdout and stderr to this file; otherwise they are kept in
 *   memory (`stdout`, `stderr`)
 */

/**
 * Children still running when this process exits (a suite that failed or timed out before its
 * teardown, a benchmark interrupted) are killed with it, never left behind.
 * @type {Set<import('node:child_process').ChildProcess>}
 */
const liveChildren = new Set()
process.once('exit', () => {
  for (const child of liveChildren) child.kill('SIGKILL')
})

/** A long-running child process (a server): its output, its exit, and a stop by its own pid. */
export class ChildServer {
  stdout = ''
  stderr = ''
  /** @type {Exit | null} */
  exit = null
  /** @type {Promise<Exit>} */
  exited
  /** @type {string | undefined} */
  logPath

  /** @param {SpawnOptions} options */
  constructor(options) {
    const fd = options.logPath === undefined ? null : openSync(options.logPath, 'a')
    this.logPath = options.logPath
    this.child = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', fd ?? 'pipe', fd ?? 'pipe'],
    })
    if (fd !== null) closeSync(fd)
    this.child.stdout?.on('data', (/** @type {Buffer} */ d) => (this.stdout += d.toString()))
    this.child.stderr?.on('data', (/** @type {Buffer} */ d) => (this.stderr += d.toString()))
    liveChildren.add(this.child)
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        liveChildren.delete(this.child)
        this.exit = { code, signal }
        resolve(this.exit)
      })
      this.child.once('error', (err) => {
        this.exit ??= { code: null, signal: null, error: err.message }
        resolve(this.exit)
      })
    })
  }

  /** @returns {number | undefined} */
  get pid() {
    return this.child.pid
  }

  /** Everything it printed so far (or where its log is), for an error message. */
  describeOutput() {
    return this.logPath === undefined ? `${this.stderr}\n${this.stdout}` : `see ${this.logPath}`
  }

  /**
   * Sends `signal` to this process alone and waits for it to exit; after `graceMs`, SIGKILL.
   * @param {NodeJS.Signals} [signal]
   * @param {number} [graceMs]
   * @returns {Promise<Stopped>}
   */
  async stop(signal = 'SIGTERM', graceMs = 20_000) {
    if (this.exit) return { ...this.exit, forced: false, alreadyExited: true }
    const started = Date.now()
    this.#signal(signal)
    const exited = await Promise.race([this.exited, sleep(graceMs).then(() => null)])
    if (exited) return { ...exited, forced: false, shutdownMs: Date.now() - started }
    this.#signal('SIGKILL')
    return { ...(await this.exited), forced: true, shutdownMs: Date.now() - started }
  }

  /** @param {NodeJS.Signals} signal */
  #signal(signal) {
    try {
      if (this.child.pid !== undefined) process.kill(this.child.pid, signal)
    } catch {
      // already gone
    }
  }
}

/**
 * Polls `GET url` until it answers 200. Fails at once when `process` exits first (with its
 * output), or after `timeoutMs` (with the last answer). A server announces readiness in no other
 * way a client can see, so this is the one place that polls.
 * @param {string} url
 * @param {{ process?: ChildServer, timeoutMs?: number, intervalMs?: number }} [options]
 */
export async function waitForHttp(url, options = {}) {
  const { process: child, timeoutMs = 60_000, intervalMs = 100 } = options
  const deadline = Date.now() + timeoutMs
  let last = 'no answer'
  while (Date.now() < deadline) {
    if (child?.exit) {
      throw new Error(
        `server exited (${JSON.stringify(child.exit)}) before ${url} answered: ${child.describeOutput()}`,
      )
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) })
      await res.arrayBuffer()
      if (res.status === 200) return
      last = `HTTP ${res.status}`
    } catch (err) {
      last = err instanceof Error ? err.message : String(err)
    }
    await sleep(intervalMs)
  }
  throw new Error(
    `${url} not ready after ${timeoutMs} ms (${last})${child ? `: ${child.describeOutput()}` : ''}`,
  )
}
