import { randomBytes } from 'node:crypto'
import type { Socket } from 'node:net'
import pg from 'pg'
import type { FaultLog } from '../faults/fault-log.js'
import type { NotificationSource } from './database.js'
import { NOTIFY_CHANNEL_SQL } from './notify-channel.js'

/** Heartbeat payloads start with this; change payloads are JSON objects, so they never do. */
const HEARTBEAT_PREFIX = 'heartbeat:'

export interface NotificationOptions {
  /** How often a heartbeat goes through the channel; the feed counts as stalled after 2 missed. */
  readonly heartbeatMs: number
  /** Bound on establishing the LISTEN connection (a stalled network never refuses). */
  readonly connectTimeoutMs: number
}

const DEFAULTS: NotificationOptions = { heartbeatMs: 1_000, connectTimeoutMs: 5_000 }

/**
 * LISTEN on a dedicated connection, reconnecting with backoff; never throws into the caller.
 *
 * A closed connection is noticed at once, but a stalled one (a half-open socket, a hung host, a
 * partition) says nothing. So the connection sends itself a heartbeat NOTIFY through the channel
 * every `heartbeatMs`: the whole path a change takes. When one has not come back within two
 * intervals the feed is declared not live (callers bypass their caches) and the connection is
 * replaced: a stall is detected within 3 × `heartbeatMs`. TCP keepalive is on as well, so the
 * operating system eventually reaps a dead socket even without traffic.
 */
export class PostgresNotifications implements NotificationSource {
  #client: pg.Client | undefined
  #stopped = false
  #retry: NodeJS.Timeout | undefined
  #heartbeat: NodeJS.Timeout | undefined
  /** The heartbeat sent and not yet heard back. */
  #outstanding: { seq: number; sentAt: number } | undefined
  /** Round trip of the last heartbeat heard on the current connection (ms). */
  #lastRoundTripMs: number | undefined
  #seq = 0
  /** Tells this process's heartbeats from those of the others on the same channel. */
  readonly #instance = randomBytes(6).toString('hex')
  readonly #options: NotificationOptions
  #onPayload: (payload: string) => void = () => {}
  #onLiveChange: (live: boolean) => void = () => {}

  constructor(
    private readonly url: string,
    private readonly faults: FaultLog,
    options: Partial<NotificationOptions> = {},
  ) {
    this.#options = { ...DEFAULTS, ...options }
  }

  async start(onPayload: (payload: string) => void, onLiveChange: (live: boolean) => void) {
    this.#onPayload = onPayload
    this.#onLiveChange = onLiveChange
    await this.#connect(0)
  }

  async #connect(attempt: number): Promise<void> {
    if (this.#stopped) return
    const client = new pg.Client({
      connectionString: this.url,
      connectionTimeoutMillis: this.#options.connectTimeoutMs,
      // the set-up queries below must not wait forever on a connection that stalls after connecting
      query_timeout: this.#options.connectTimeoutMs,
      keepAlive: true,
      application_name: 'tessera-notifications',
      keepAliveInitialDelayMillis: this.#options.heartbeatMs,
    })
    let channel: string | undefined
    client.on('notification', (msg) => {
      if (msg.channel !== channel || !msg.payload) return
      if (msg.payload.startsWith(HEARTBEAT_PREFIX)) this.#heard(msg.payload)
      else this.#onPayload(msg.payload)
    })
    client.on('error', (err) => {
      this.faults.report(
        'change_feed',
        err,
        'notification connection failed; caches bypassed until it is back',
      )
      this.#lost(client)
    })
    client.on('end', () => this.#lost(client))
    try {
      await client.connect()
      const { rows } = await client.query<{ channel: string }>(
        `SELECT ${NOTIFY_CHANNEL_SQL} AS channel`,
      )
      channel = rows[0]!.channel
      // the name is ours (a fixed prefix and hex digits), so it needs no quoting
      await client.query(`LISTEN ${channel}`)
      if (this.#stopped) {
        destroy(client)
        return
      }
      this.#client = client
      this.#startHeartbeat(client, channel)
      this.faults.recovered('change_feed', 'notification connection is back; caches in use again')
      this.#onLiveChange(true)
    } catch (err) {
      this.faults.report('change_feed', err, 'could not LISTEN for changes; retrying')
      destroy(client)
      this.#schedule(attempt + 1)
    }
  }

  #startHeartbeat(client: pg.Client, channel: string) {
    this.#outstanding = undefined
    this.#lastRoundTripMs = undefined
    const interval = this.#options.heartbeatMs
    this.#heartbeat = setInterval(() => {
      const now = performance.now()
      if (this.#outstanding) {
        if (now - this.#outstanding.sentAt < 2 * interval) return
        this.faults.report(
          'change_feed',
          new Error(`no heartbeat for ${Math.round(now - this.#outstanding.sentAt)} ms`),
          'notification connection stalled; caches bypassed until it is replaced',
        )
        this.#lost(client)
        return
      }
      const seq = ++this.#seq
      this.#outstanding = { seq, sentAt: now }
      // A failure here also ends the connection, which the listeners above handle.
      client
        .query('SELECT pg_notify($1, $2)', [channel, `${HEARTBEAT_PREFIX}${this.#instance}:${seq}`])
        .catch(() => {})
    }, interval)
    this.#heartbeat.unref()
  }

  #heard(payload: string) {
    const [instance, seq] = payload.slice(HEARTBEAT_PREFIX.length).split(':')
    if (instance === this.#instance && Number(seq) === this.#outstanding?.seq) {
      this.#lastRoundTripMs = performance.now() - this.#outstanding.sentAt
      this.#outstanding = undefined
    }
  }

  /**
   * The delay a change from another process meets on its way here, as the heartbeats measure it:
   * the round trip of the last one heard (a NOTIFY committed, delivered and read, as a change is),
   * or how long the one in flight has waited when that is longer, so a stall shows as a rising lag
   * until the connection is replaced. Undefined while there is no connection or before the first
   * heartbeat on it came back.
   */
  lagMs(): number | undefined {
    const last = this.#lastRoundTripMs
    if (this.#client === undefined || last === undefined) return undefined
    const waiting = this.#outstanding ? performance.now() - this.#outstanding.sentAt : 0
    return Math.max(last, waiting)
  }

  #lost(client: pg.Client) {
    if (this.#client !== client) return
    this.#client = undefined
    clearInterval(this.#heartbeat)
    this.#onLiveChange(false)
    destroy(client)
    this.#schedule(1)
  }

  #schedule(attempt: number) {
    if (this.#stopped) return
    const delay = Math.min(5_000, 100 * 2 ** Math.min(attempt, 6))
    this.#retry = setTimeout(() => void this.#connect(attempt), delay)
    this.#retry.unref()
  }

  async stop() {
    this.#stopped = true
    if (this.#retry) clearTimeout(this.#retry)
    clearInterval(this.#heartbeat)
    const client = this.#client
    this.#client = undefined
    if (!client) return
    await Promise.race([
      client.end().catch(() => {}),
      new Promise((resolve) => setTimeout(resolve, 1_000).unref()),
    ])
    destroy(client)
  }
}

/**
 * Closes a connection without waiting for the server: `end()` sends a goodbye and waits for the
 * socket to close, which never happens on a stalled connection.
 */
function destroy(client: pg.Client): void {
  const stream = (client as unknown as { connection?: { stream?: Socket } }).connection?.stream
  stream?.destroy()
}
