import type { Writable } from 'node:stream'

/** Past this many bytes waiting to leave, new lines are dropped (and counted) instead. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024
/** How long an exit waits for the last lines to leave. */
const EXIT_DRAIN_MS = 2_000

/**
 * The server's log destination (pino writes to it): stdout, without ever blocking. pino's default
 * writes synchronously, so a stdout pipe that nobody reads (a stuck log collector) froze the whole
 * process, SIGTERM included. Here Node's stream writes from the event loop: lines wait in memory
 * while the pipe is full, up to a bound past which they are dropped, and an exit gives them a
 * bounded time to leave. (pino.destination({ sync: false }) does not do: its writes run on a
 * libuv thread, and one blocked in write() on a full pipe keeps process.exit from returning.)
 */
export class LogOutput {
  #dropped = 0
  #broken = false

  constructor(
    private readonly stream: Writable = process.stdout,
    private readonly maxBufferedBytes = MAX_BUFFERED_BYTES,
  ) {
    // a reader that went away (EPIPE) must not end the process: the lines have nowhere to go
    stream.on('error', () => (this.#broken = true))
  }

  write(line: string): void {
    if (this.#broken) return
    if (this.stream.writableLength > this.maxBufferedBytes) {
      if (this.#dropped++ === 0) {
        process.stderr.write('tessera: stdout is not being read; dropping log lines\n')
      }
      return
    }
    this.stream.write(line)
  }

  /** Resolves once every line written has left the process, or after `timeoutMs`. */
  drain(timeoutMs = EXIT_DRAIN_MS): Promise<void> {
    if (this.#broken || this.stream.writableLength === 0) return Promise.resolve()
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        this.stream.off('drain', done)
        resolve()
      }
      const timer = setTimeout(done, timeoutMs)
      this.stream.once('drain', done)
    })
  }

  /** Exits with `code` once the last lines have left (or could not, in time: then says so). */
  async exit(code: number): Promise<never> {
    await this.drain()
    const unwritten = this.#broken ? 0 : this.stream.writableLength
    if (unwritten > 0 || this.#dropped > 0) {
      process.stderr.write(
        `tessera: stdout is not being read: ${unwritten} bytes of log lines not written, ${this.#dropped} lines dropped\n`,
      )
    }
    process.exit(code)
  }
}
