import { createConnection, createServer, type Server, type Socket } from 'node:net'

export interface Target {
  readonly host: string
  readonly port: number
}

interface Link {
  readonly client: Socket
  upstream: Socket | null
}

/**
 * A TCP proxy in front of a server (PostgreSQL, Redis, Tessera) that plays the network's faults:
 * cut every connection with a reset, stall them (open, nothing passes, no FIN: a partition or
 * a hung host), refuse new ones, or send new ones to another target (failover).
 */
export class TcpProxy {
  #links = new Set<Link>()
  /**
   * Every accepted socket until it closes. A link whose upstream ended only half-closes its client
   * (and leaves `#links`); a client paused by back-pressure then never reads the peer's end and
   * stays open, and `server.close()` would wait for it forever.
   */
  readonly #clients = new Set<Socket>()
  #stalled = false
  #refusing = false

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private target: Target,
  ) {}

  static async start(options: { target: Target }): Promise<TcpProxy> {
    const links: { proxy?: TcpProxy } = {}
    const server = createServer((client) => links.proxy!.onConnection(client))
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () => resolve())
    })
    const address = server.address()
    const port = typeof address === 'object' && address ? address.port : 0
    links.proxy = new TcpProxy(server, port, options.target)
    return links.proxy
  }

  /** Open connections (client side). */
  get connections(): number {
    return this.#links.size
  }

  /** New connections go to another server; open ones stay where they are (cut them to move them). */
  redirect(target: Target): void {
    this.target = target
  }

  /** Resets every open connection (both sides see ECONNRESET). Returns how many. */
  cut(): number {
    const count = this.#links.size
    for (const link of [...this.#links]) this.#close(link, true)
    return count
  }

  /**
   * Nothing passes on open or new connections until `resume()`; sockets stay open and silent.
   * Bytes sent meanwhile wait in the kernel's buffers and arrive on resume, as after a partition.
   */
  stall(): void {
    this.#stalled = true
    for (const link of this.#links) {
      link.client.pause()
      link.upstream?.pause()
    }
  }

  resume(): void {
    this.#stalled = false
    for (const link of [...this.#links]) {
      if (!link.upstream) this.#connectUpstream(link)
      link.client.resume()
      link.upstream?.resume()
    }
  }

  /** New connections are reset at once (the server looks down) until `accept()`. */
  refuse(): void {
    this.#refusing = true
  }

  accept(): void {
    this.#refusing = false
  }

  async close(): Promise<void> {
    this.cut()
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()))
    for (const client of this.#clients) client.destroy()
    await closed
  }

  private onConnection(client: Socket) {
    this.#clients.add(client)
    client.once('close', () => this.#clients.delete(client))
    if (this.#refusing) {
      client.resetAndDestroy()
      return
    }
    const link: Link = { client, upstream: null }
    this.#links.add(link)
    client.on('error', () => this.#close(link, true))
    client.on('close', () => this.#close(link, false))
    if (this.#stalled) {
      client.pause()
      return
    }
    this.#connectUpstream(link)
  }

  #connectUpstream(link: Link) {
    const upstream = createConnection(this.target)
    link.upstream = upstream
    upstream.setNoDelay(true)
    link.client.setNoDelay(true)
    upstream.on('error', () => this.#close(link, true))
    upstream.on('close', () => this.#close(link, false))
    forward(link.client, upstream, () => this.#stalled)
    forward(upstream, link.client, () => this.#stalled)
    if (this.#stalled) upstream.pause()
  }

  #close(link: Link, reset: boolean) {
    if (!this.#links.delete(link)) return
    for (const socket of [link.client, link.upstream]) {
      if (!socket || socket.destroyed) continue
      if (reset) socket.resetAndDestroy()
      else socket.end()
    }
  }
}

/** Copies bytes with back-pressure, and never un-pauses a stalled link. */
function forward(from: Socket, to: Socket, stalled: () => boolean) {
  from.on('data', (chunk) => {
    if (!to.write(chunk)) from.pause()
  })
  to.on('drain', () => {
    if (!stalled()) from.resume()
  })
  from.on('end', () => to.end())
}
