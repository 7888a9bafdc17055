import pg from 'pg'
import type { Logger } from 'pino'
import type { NotificationSource } from './database.js'
import { safeError } from './errors.js'

/**
 * The NOTIFY channel of the schema a connection works in, as SQL. Channels are database-wide, and
 * a database may hold several Tessera schemas (staging and production, or one per test); each
 * hears only its own. Hashed because a channel name has at most 63 bytes, as a schema name does.
 */
export const NOTIFY_CHANNEL_SQL =
  "'tessera_' || left(encode(sha256(convert_to(current_schema(), 'UTF8')), 'hex'), 24)"

/** LISTEN on a dedicated connection, reconnecting with backoff; never throws into the caller. */
export class PostgresNotifications implements NotificationSource {
  #client: pg.Client | undefined
  #stopped = false
  #retry: NodeJS.Timeout | undefined
  #onPayload: (payload: string) => void = () => {}
  #onLiveChange: (live: boolean) => void = () => {}

  constructor(
    private readonly url: string,
    private readonly logger: Logger,
  ) {}

  async start(onPayload: (payload: string) => void, onLiveChange: (live: boolean) => void) {
    this.#onPayload = onPayload
    this.#onLiveChange = onLiveChange
    await this.#connect(0)
  }

  async #connect(attempt: number): Promise<void> {
    if (this.#stopped) return
    const client = new pg.Client({ connectionString: this.url })
    let channel: string | undefined
    client.on('notification', (msg) => {
      if (msg.channel === channel && msg.payload) this.#onPayload(msg.payload)
    })
    client.on('error', (err) => {
      this.logger.warn(
        { err: safeError(err) },
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
      this.#client = client
      this.#onLiveChange(true)
    } catch (err) {
      this.logger.warn({ err: safeError(err) }, 'could not LISTEN for changes; retrying')
      client.end().catch(() => {})
      this.#schedule(attempt + 1)
    }
  }

  #lost(client: pg.Client) {
    if (this.#client !== client) return
    this.#client = undefined
    this.#onLiveChange(false)
    client.end().catch(() => {})
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
    const client = this.#client
    this.#client = undefined
    if (client) await client.end().catch(() => {})
  }
}
