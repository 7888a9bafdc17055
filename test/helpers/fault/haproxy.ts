import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { waitForHttp } from '../processes.mjs'
import { freePort } from '../server-process.js'
import { ManagedProcess, removeOnExit } from './child-process.js'
import { findProgram } from './tools.js'

const BIN = findProgram('haproxy')

export interface HaProxyOptions {
  /** `host:port` of each Tessera process. */
  readonly servers: readonly string[]
}

/** One line of HAProxy's HTTP log, as far as the tests read it. */
export interface HaProxyLogLine {
  readonly backend: string
  readonly server: string
  readonly status: number
  /** Retries of the request; redispatched (sent to another server) when `redispatched`. */
  readonly retries: number
  readonly redispatched: boolean
  readonly request: string
}

/**
 * A real HAProxy in front of Tessera processes, with the configuration docs/operations.md
 * recommends: round-robin, health checks, and for refreshes (safe to replay: the identical pair
 * comes back) `retry-on` with redispatch to another server. Logs every request to stdout in a
 * format this helper parses, so a test can see the retries it claims happened.
 */
export class HaProxy {
  readonly #cleanup: () => void

  private constructor(
    readonly port: number,
    dir: string,
    private readonly process: ManagedProcess,
  ) {
    this.#cleanup = removeOnExit(dir)
  }

  static async start(options: HaProxyOptions): Promise<HaProxy> {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-haproxy-'))
    const port = await freePort()
    const servers = (names: string) =>
      options.servers.map((s, i) => `  server ${names}${i} ${s}`).join('\n')
    const config = `
global
  maxconn 2000
  log stdout format raw local0 info

defaults
  mode http
  log global
  # backend name, server, status, retries (+N when redispatched), request line
  log-format "HAPROXY %b %s %ST %rc %{+Q}r"
  timeout connect 1s
  timeout client 30s
  timeout server 10s
  timeout queue 5s
  # a health check slower than this fails; on a loaded test machine /health can take a second
  timeout check 3s

frontend api
  bind 127.0.0.1:${port}
  use_backend tessera_refresh if METH_POST { path_end /refresh }
  default_backend tessera

backend tessera
  balance roundrobin
  option httpchk GET /health/ready
  default-server check inter 500 fall 3 rise 1
${servers('t')}

backend tessera_refresh
  balance roundrobin
  option httpchk GET /health/ready
  option redispatch 1
  retries 3
  retry-on conn-failure empty-response response-timeout 503
  default-server check inter 500 fall 3 rise 1
${servers('r')}
`
    const file = join(dir, 'haproxy.cfg')
    writeFileSync(file, config)
    // -db: stays in the foreground, one process the test owns and kills
    const proc = ManagedProcess.spawn(BIN, ['-db', '-f', file], {
      env: { PATH: process.env.PATH ?? '' },
    })
    const proxy = new HaProxy(port, dir, proc)
    try {
      await waitForHttp(`${proxy.url}/health`, { timeoutMs: 15_000, intervalMs: 50 })
    } catch (err) {
      await proxy.destroy()
      throw new Error(`${(err as Error).message}\nhaproxy output:\n${proc.tail()}`)
    }
    return proxy
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  /** Every request logged so far. */
  logLines(): HaProxyLogLine[] {
    const lines: HaProxyLogLine[] = []
    for (const line of this.process.output.split('\n')) {
      const m = /^HAPROXY (\S+) (\S+) (-?\d+) (\+?)(\d+) "(.*)"$/.exec(line.trim())
      if (!m) continue
      lines.push({
        backend: m[1]!,
        server: m[2]!,
        status: Number(m[3]),
        redispatched: m[4] === '+',
        retries: Number(m[5]),
        request: m[6]!,
      })
    }
    return lines
  }

  output(): string {
    return this.process.tail()
  }

  async destroy(): Promise<void> {
    if (this.process.running) {
      this.process.signalGroup('SIGKILL')
      await this.process.exited
    }
    this.#cleanup()
  }
}
