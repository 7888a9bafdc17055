import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ReceivedRequest {
  readonly method: string
  readonly path: string
  readonly headers: IncomingHttpHeaders
  /** The raw body, exactly as sent (what signatures cover). */
  readonly body: string
  readonly at: number
}

/** An answer, or a function choosing one from the request. */
export type Answer = ReceiverAnswer | ((request: ReceivedRequest) => ReceiverAnswer)

export interface ReceiverAnswer {
  readonly status: number
  readonly headers?: Record<string, string>
  readonly body?: string
  /** Never answer (the connection stays open until the receiver closes). */
  readonly hang?: boolean
}

/**
 * A real HTTP receiver on loopback: records every request and answers with `answer` (per request,
 * in order; the last answer repeats). Tests await requests instead of sleeping.
 */
export class Receiver {
  readonly requests: ReceivedRequest[] = []
  #answers: Answer[] = [{ status: 200, body: 'ok' }]
  #waiters: { count: number; resolve: () => void }[] = []
  readonly #server: Server

  private constructor(server: Server) {
    this.#server = server
  }

  static async start(): Promise<Receiver> {
    const server = createServer()
    const receiver = new Receiver(server)
    server.on('request', (req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        const request: ReceivedRequest = {
          method: req.method ?? '',
          path: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          at: Date.now(),
        }
        receiver.requests.push(request)
        const next = receiver.#next()
        const answer = typeof next === 'function' ? next(request) : next
        receiver.#notify()
        if (answer.hang) return
        res.writeHead(answer.status, answer.headers ?? {})
        res.end(answer.body ?? '')
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return receiver
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`
  }

  /** Answers for the next requests, in order; the last one repeats. */
  answer(...answers: Answer[]): this {
    this.#answers = answers
    return this
  }

  /** Resolves once `count` requests have arrived in total. */
  received(count: number, timeoutMs = 10_000): Promise<ReceivedRequest[]> {
    if (this.requests.length >= count) return Promise.resolve(this.requests.slice(0, count))
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`expected ${count} requests, got ${this.requests.length}`)),
        timeoutMs,
      )
      this.#waiters.push({
        count,
        resolve: () => {
          clearTimeout(timer)
          resolve(this.requests.slice(0, count))
        },
      })
    })
  }

  reset(): void {
    this.requests.length = 0
    this.#answers = [{ status: 200, body: 'ok' }]
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections()
    await new Promise<void>((resolve) => this.#server.close(() => resolve()))
  }

  #next(): Answer {
    return this.#answers.length > 1 ? this.#answers.shift()! : this.#answers[0]!
  }

  #notify(): void {
    this.#waiters = this.#waiters.filter((w) => {
      if (this.requests.length < w.count) return true
      w.resolve()
      return false
    })
  }
}
