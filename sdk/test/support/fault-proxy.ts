import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * What the proxy does to the next request that matches:
 * - `drop-response`: forwards it (the server acts on it), then cuts the connection instead of
 *   answering: the caller never learns the outcome;
 * - `reset`: cuts the connection without forwarding;
 * - `hang`: never answers (until the caller gives up);
 * - `hold`: forwards it and keeps the server's answer until `release()`;
 * - `{status, headers}`: answers itself without forwarding.
 */
export type Fault =
  | 'drop-response'
  | 'reset'
  | 'hang'
  | 'hold'
  | { status: number; headers?: Record<string, string>; body?: unknown }

export interface Exchange {
  readonly method: string
  readonly path: string
  readonly at: number
  readonly fault: Fault | null
  /** What the server answered, when the request was forwarded. */
  status?: number
  headers?: IncomingMessage['headers']
  body?: string
}

/** An HTTP proxy in front of a real Tessera that injects faults into chosen requests. */
export class FaultProxy {
  readonly exchanges: Exchange[] = []
  readonly #faults: { match: (method: string, path: string) => boolean; fault: Fault }[] = []
  readonly #hanging = new Set<IncomingMessage>()
  readonly #held: (() => void)[] = []
  #onHeld: (() => void) | null = null

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(target: string): Promise<FaultProxy> {
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    const proxy = new FaultProxy(server, `http://127.0.0.1:${port}`)
    server.on('request', (req, res) => proxy.#handle(new URL(target), req, res))
    return proxy
  }

  /** Applies `fault` to the next request whose method and path match (path: prefix or RegExp). */
  inject(method: string, path: string | RegExp, fault: Fault): this {
    const test = (m: string, p: string) =>
      m === method && (typeof path === 'string' ? p.startsWith(path) : path.test(p))
    this.#faults.push({ match: test, fault })
    return this
  }

  /** Exchanges whose path starts with `path`. */
  to(path: string): Exchange[] {
    return this.exchanges.filter((e) => e.path.startsWith(path))
  }

  #handle(target: URL, req: IncomingMessage, res: ServerResponse): void {
    const method = req.method ?? 'GET'
    const path = req.url ?? '/'
    const index = this.#faults.findIndex((f) => f.match(method, path))
    const fault = index >= 0 ? this.#faults.splice(index, 1)[0]!.fault : null
    const exchange: Exchange = { method, path, at: Date.now(), fault }
    this.exchanges.push(exchange)
    if (fault === 'reset') {
      req.socket.destroy()
      return
    }
    if (fault === 'hang') {
      this.#hanging.add(req)
      req.on('close', () => this.#hanging.delete(req))
      return
    }
    if (fault !== null && typeof fault === 'object') {
      res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers })
      res.end(
        JSON.stringify(
          fault.body ?? { status: 'error', error: { code: 'Injected', message: 'injected' } },
        ),
      )
      return
    }
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method,
        path,
        headers: { ...req.headers, host: target.host },
      },
      (answer) => {
        let body = ''
        answer.setEncoding('utf8')
        answer.on('data', (chunk: string) => (body += chunk))
        answer.on('end', () => {
          exchange.status = answer.statusCode
          exchange.headers = answer.headers
          exchange.body = body
          if (fault === 'drop-response') {
            req.socket.destroy()
            return
          }
          const deliver = () => {
            res.writeHead(answer.statusCode ?? 502, answer.headers)
            res.end(body)
          }
          if (fault !== 'hold') return deliver()
          this.#held.push(deliver)
          this.#onHeld?.()
        })
      },
    )
    upstream.on('error', () => req.socket.destroy())
    req.pipe(upstream)
  }

  /** Resolves once an answer is being held (the server has acted on the request). */
  held(): Promise<void> {
    if (this.#held.length > 0) return Promise.resolve()
    return new Promise((resolve) => {
      this.#onHeld = () => {
        this.#onHeld = null
        resolve()
      }
    })
  }

  /** Delivers the held answers. */
  release(): void {
    for (const deliver of this.#held.splice(0)) deliver()
  }

  async close(): Promise<void> {
    for (const req of this.#hanging) req.socket.destroy()
    this.server.closeAllConnections()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }
}
