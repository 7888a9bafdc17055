import type { SqlClient } from '../../db/database.js'
import { rotateFamilies, type Rotation } from './family.repository.js'
import type { Deadline } from '../deadline.js'

/** Outcome of one rotation: the family's organization when it won, null when it did not. */
export type RotationOutcome = { organizationId: number } | null

interface Pending {
  readonly rotation: Rotation
  readonly deadline: Deadline | undefined
  readonly resolve: (outcome: RotationOutcome) => void
  readonly reject: (err: unknown) => void
}

/** How often a batch chosen as a deadlock victim is sent again before its requests fail. */
const DEADLOCK_RETRIES = 3

/**
 * Refreshes that arrive while earlier ones are at the database go together in one statement.
 *
 * A refresh is one statement (docs/adr/0003-token-families.md), and under load the cost of a
 * statement — its round trip, its transaction and commit record, and the socket work on both
 * sides — is most of what a refresh costs. At most `maxInFlight` rotation statements run at once;
 * requests that arrive meanwhile wait for the next free slot and share it. An idle server
 * therefore sends each refresh within the same turn of the event loop (no timer), and a busy one
 * sends fewer, larger statements.
 *
 * A batch never holds two rotations of one family: the second waits for the next batch, where it
 * loses like any concurrent duplicate and gets the identical successor (RefreshService). Every
 * guarantee of the single-row statement holds per row, because each row of the batch carries the
 * same conditions.
 */
export class RotationBatcher {
  #queue: Pending[] = []
  #inFlight = 0
  #scheduled = false

  constructor(
    private readonly sql: SqlClient,
    private readonly maxInFlight: number,
    private readonly maxBatch = 128,
    /** The service's clock (epoch ms): the commit time of a rotation is measured on it. */
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * Queues a rotation. If `deadline` is aborted before the rotation's batch is sent, it is dropped
   * and rejected: its request has been answered 503 already, and a rotation its client never
   * heard of must not commit behind its back (the retry would find its token already used).
   */
  rotate(rotation: Rotation, deadline?: Deadline): Promise<RotationOutcome> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ rotation, deadline, resolve, reject })
      this.#schedule()
    })
  }

  /**
   * Sends after the current turn of the event loop, so every refresh that the turn's network
   * input started rides along. Needed for the embedded database above all: PGlite runs a
   * statement synchronously, so nothing can queue while it runs.
   */
  #schedule(): void {
    if (this.#scheduled) return
    this.#scheduled = true
    setImmediate(() => {
      this.#scheduled = false
      this.#drain()
    })
  }

  #drain(): void {
    while (this.#inFlight < this.maxInFlight && this.#queue.length > 0) {
      const batch = this.#take()
      if (batch.length === 0) continue
      this.#inFlight++
      void this.#run(batch)
        // #run settles every request of the batch itself; this only guards the loop against a bug
        .catch((err: unknown) => {
          for (const pending of batch) pending.reject(err)
        })
        .finally(() => {
          this.#inFlight--
          this.#schedule()
        })
    }
  }

  /** The oldest waiting rotations, at most one per family, up to `maxBatch`. */
  #take(): Pending[] {
    if (this.#queue.some((p) => p.deadline?.aborted)) this.#dropAbandoned()
    if (this.#queue.length <= 1) return this.#queue.splice(0, 1)
    const batch: Pending[] = []
    const rest: Pending[] = []
    const families = new Set<string>()
    for (const pending of this.#queue) {
      const familyId = pending.rotation.familyId
      if (batch.length < this.maxBatch && !families.has(familyId)) {
        families.add(familyId)
        batch.push(pending)
      } else {
        rest.push(pending)
      }
    }
    this.#queue = rest
    return batch
  }

  #dropAbandoned(): void {
    const live: Pending[] = []
    for (const pending of this.#queue) {
      if (pending.deadline?.aborted) pending.reject(new RotationAbandonedError())
      else live.push(pending)
    }
    this.#queue = live
  }

  async #run(batch: Pending[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        const won = await rotateFamilies(
          this.sql,
          batch.map((p) => p.rotation),
          this.clock(),
        )
        batch.forEach((pending, i) => {
          const organizationId = won.get(i)
          pending.resolve(organizationId === undefined ? null : { organizationId })
        })
        return
      } catch (err) {
        // Two statements locking common families in opposite orders (two processes, say):
        // PostgreSQL aborts one of them whole, so sending it again is safe.
        if (isDeadlock(err) && attempt < DEADLOCK_RETRIES) continue
        for (const pending of batch) pending.reject(err)
        return
      }
    }
  }
}

/** A rotation whose request was answered before its turn came; it was never sent. */
class RotationAbandonedError extends Error {
  override name = 'RotationAbandonedError'
  constructor() {
    super('the request deadline passed before the rotation was sent')
  }
}

function isDeadlock(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === '40P01'
}
