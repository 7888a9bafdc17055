import { createServer, type RequestListener, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Config } from '../config/config.js'

/**
 * The HTTP server with Tessera's limits on slow clients: headers and the whole request must
 * arrive in time (408, connection closed), checked every second rather than Node's default 30 s
 * so the limits mean what they say; idle keep-alive connections close after their timeout.
 */
export function createHttpServer(http: Config['http'], handler: RequestListener): Server {
  const server = createServer(
    {
      headersTimeout: http.headersTimeoutSeconds * 1000,
      requestTimeout: http.bodyTimeoutSeconds * 1000,
      connectionsCheckingInterval: 1000,
    },
    handler,
  )
  server.keepAliveTimeout = http.keepAliveTimeoutSeconds * 1000
  return server
}

/**
 * One listening socket for the process's whole life. It listens before start-up, answering
 * through `starting` (probes, and 503 for everything else), and is the server Fastify is built
 * on (`serverFactory`), so once the app is ready `serve()` hands every later request to it on
 * the same socket: no moment in which connections are refused.
 */
export class Listener {
  readonly server: Server
  #handler: RequestListener
  #app: RequestListener | null = null

  constructor(http: Config['http'], starting: RequestListener) {
    this.#handler = starting
    this.server = createHttpServer(http, (request, response) => this.#handler(request, response))
  }

  /** Fastify's `serverFactory`: the app is built on this server and served once `serve()` runs. */
  readonly serverFactory = (handler: RequestListener): Server => {
    this.#app = handler
    return this.server
  }

  /** From now on the app answers (call once it is ready). */
  serve(): void {
    if (!this.#app) throw new Error('no app was built on this listener')
    this.#handler = this.#app
  }

  /** Resolves with the address as a URL (`http://127.0.0.1:5555`). */
  listen(host: string, port: number): Promise<string> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen({ host, port }, () => {
        this.server.off('error', reject)
        const { address, family, port: bound } = this.server.address() as AddressInfo
        resolve(`http://${family === 'IPv6' ? `[${address}]` : address}:${bound}`)
      })
    })
  }

  get listening(): boolean {
    return this.server.listening
  }

  /** Stops accepting and closes idle connections; resolves when the last connection has ended. */
  close(): Promise<void> {
    if (!this.server.listening) return Promise.resolve()
    return new Promise((resolve) => this.server.close(() => resolve()))
  }
}
