import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '../../db/database.js'
import { NOTIFY_CHANNEL_SQL } from '../../db/notify-channel.js'
import type { DB } from '../../db/schema.js'
import type { FaultLog } from '../../faults/fault-log.js'

/**
 * What other processes must forget when it changes. Processes cache clients, users, signing keys
 * and the set of recently revoked token families; a change is published with `pg_notify` inside
 * the transaction that makes it (so it is delivered only if that commits) and applied to this
 * process's own caches right after the commit.
 */
export type Change =
  | { readonly kind: 'client'; readonly id: string }
  | { readonly kind: 'user'; readonly id: number }
  | { readonly kind: 'families-revoked'; readonly ids: readonly string[] }
  | { readonly kind: 'signing-keys' }

/** A handler may be async (a reload): its failure is reported, never left unhandled. */
export type ChangeHandler = (change: Change) => void
export type LiveHandler = (live: boolean) => void

// NOTIFY payloads are limited to 8000 bytes; 36-character ids, 150 at a time, stay well inside.
const IDS_PER_NOTIFY = 150

export class ChangeFeed {
  readonly #handlers: ChangeHandler[] = []
  readonly #liveHandlers: LiveHandler[] = []
  #live: boolean

  constructor(
    private readonly database: Database,
    private readonly faults: FaultLog,
  ) {
    // Without a notification source (embedded), this process sees every change it makes.
    this.#live = database.notifications === null
  }

  /** True while changes made by other processes reach this one; caches are bypassed otherwise. */
  get live(): boolean {
    return this.#live
  }

  /**
   * How late changes from other processes arrive now, in seconds (the notification heartbeat's
   * round trip; 0 embedded, where there are no other processes); undefined while not measured.
   */
  get lagSeconds(): number | undefined {
    const source = this.database.notifications
    if (!source) return 0
    const ms = source.lagMs()
    return ms === undefined ? undefined : ms / 1000
  }

  subscribe(handler: ChangeHandler): void {
    this.#handlers.push(handler)
  }

  onLiveChange(handler: LiveHandler): void {
    this.#liveHandlers.push(handler)
  }

  async start(): Promise<void> {
    const source = this.database.notifications
    if (!source) return
    await source.start(
      (payload) => {
        const change = parseChange(payload)
        if (change) this.apply([change])
        else {
          this.faults.report(
            'change_handler',
            new Error('malformed payload'),
            'ignored a malformed change notification',
          )
        }
      },
      (live) => {
        this.#live = live
        for (const handler of this.#liveHandlers) this.#run(() => handler(live))
      },
    )
  }

  async stop(): Promise<void> {
    await this.database.notifications?.stop()
  }

  /** Queues the changes for delivery to other processes when `trx` commits. */
  async publish(trx: Transaction<DB> | Kysely<DB>, changes: readonly Change[]): Promise<void> {
    if (!this.database.notifications || changes.length === 0) return
    for (const payload of changes.flatMap(encodeChange)) {
      await sql`SELECT pg_notify(${sql.raw(NOTIFY_CHANNEL_SQL)}, ${payload})`.execute(trx)
    }
  }

  /** Applies changes to this process's caches (after a commit, or on a notification). */
  apply(changes: readonly Change[]): void {
    for (const change of changes) {
      for (const handler of this.#handlers) this.#run(() => handler(change))
    }
  }

  /** Runs a handler so that neither a throw nor a rejection escapes (either would end the process). */
  #run(handler: () => unknown): void {
    const report = (err: unknown) =>
      this.faults.report('change_handler', err, 'a cache failed to apply a change')
    try {
      const result = handler()
      if (result instanceof Promise) result.catch(report)
    } catch (err) {
      report(err)
    }
  }
}

function encodeChange(change: Change): string[] {
  if (change.kind !== 'families-revoked') return [JSON.stringify(change)]
  const out: string[] = []
  for (let i = 0; i < change.ids.length; i += IDS_PER_NOTIFY) {
    out.push(JSON.stringify({ kind: change.kind, ids: change.ids.slice(i, i + IDS_PER_NOTIFY) }))
  }
  return out
}

function parseChange(payload: string): Change | null {
  try {
    const value = JSON.parse(payload) as Record<string, unknown>
    switch (value.kind) {
      case 'client':
        return typeof value.id === 'string' ? { kind: 'client', id: value.id } : null
      case 'user':
        return typeof value.id === 'number' ? { kind: 'user', id: value.id } : null
      case 'families-revoked':
        return Array.isArray(value.ids) && value.ids.every((id) => typeof id === 'string')
          ? { kind: 'families-revoked', ids: value.ids as string[] }
          : null
      case 'signing-keys':
        return { kind: 'signing-keys' }
      default:
        return null
    }
  } catch {
    return null
  }
}
