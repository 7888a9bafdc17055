import type { Context } from '../../context.js'
import { recordOutcomes, type AttemptOutcome } from './delivery.repository.js'
import type { DisableReason } from './delivery-outcome.js'
import { disableEndpoint } from './endpoint-lifecycle.js'
import { markSucceeded } from './endpoint.repository.js'

/** How one attempt ended, waiting to be written. */
export interface PendingOutcome {
  readonly outcome: AttemptOutcome
  readonly endpointId: string
  readonly disable: DisableReason | null
  readonly succeeded: boolean
  readonly lastResponseCode: number | null
}

export interface OutcomeBatcherEvents {
  /** A batch could not be written (its leases run out and the deliveries are retried). */
  onError(err: unknown): void
  /** Nothing is buffered or being written any more. */
  onIdle(): void
}

/** Outcomes are written together: one statement for what finishes within this window. */
const FLUSH_DELAY_MS = 5
/** An endpoint's last success is written at most this often (it decides disabling, in days). */
const MARK_SUCCESS_EVERY_MS = 60_000

/**
 * A delivery worker's outcomes, written in batches: one statement records every attempt that
 * finished within a few milliseconds (only where the worker still holds the lease), then what
 * they imply for their endpoints (last success, disabling).
 */
export class OutcomeBatcher {
  #buffer: PendingOutcome[] = []
  #timer: NodeJS.Timeout | undefined
  #writing: Promise<void> | null = null
  /** When this worker last recorded each endpoint's success. */
  readonly #markedSuccess = new Map<string, number>()

  constructor(
    private readonly ctx: Context,
    private readonly owner: string,
    private readonly events: OutcomeBatcherEvents,
  ) {}

  /** True when nothing waits to be written and no write is under way. */
  get idle(): boolean {
    return this.#buffer.length === 0 && this.#writing === null && this.#timer === undefined
  }

  add(pending: PendingOutcome): void {
    this.#buffer.push(pending)
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined
      void this.flush()
    }, FLUSH_DELAY_MS)
  }

  /** Writes what is buffered (after any write under way). Never throws. */
  flush(): Promise<void> {
    if (this.#writing) return this.#writing.then(() => this.flush())
    if (this.#buffer.length === 0) return Promise.resolve()
    const batch = this.#buffer
    this.#buffer = []
    const writing = this.#write(batch)
      .catch((err: unknown) => this.events.onError(err))
      .finally(() => {
        this.#writing = null
        this.events.onIdle()
      })
    this.#writing = writing
    return writing
  }

  async #write(batch: PendingOutcome[]): Promise<void> {
    const { db } = this.ctx.database
    const now = this.ctx.clock()
    const recorded = await recordOutcomes(
      db,
      this.owner,
      now,
      batch.map((p) => p.outcome),
    )
    const mine = batch.filter((p) => recorded.has(p.outcome.id))
    const succeeded = [...new Set(mine.filter((p) => p.succeeded).map((p) => p.endpointId))].filter(
      (id) => now - (this.#markedSuccess.get(id) ?? -Infinity) >= MARK_SUCCESS_EVERY_MS,
    )
    if (succeeded.length > 0) {
      await markSucceeded(db, succeeded, new Date(now))
      for (const id of succeeded) this.#markedSuccess.set(id, now)
    }
    const toDisable = new Map<string, PendingOutcome>()
    for (const p of mine)
      if (p.disable && !toDisable.has(p.endpointId)) toDisable.set(p.endpointId, p)
    for (const [endpointId, p] of toDisable) {
      const disabled = await disableEndpoint(this.ctx, endpointId, p.disable!, p.lastResponseCode)
      if (disabled) {
        this.ctx.logger.warn({ endpointId, reason: p.disable }, 'event endpoint disabled')
      }
    }
  }
}
