import { randomUUID } from 'node:crypto'
import type { Context } from '../../context.js'
import { safeError } from '../../db/errors.js'
import type { EndpointKind } from '../../db/schema.js'
import type { LoadSensor } from '../../health/saturation.js'
import { claimDue, type ClaimedDelivery } from './delivery.repository.js'
import { decide, logEntry } from './delivery-outcome.js'
import { loadEndpoints, type EndpointRow } from './endpoint.repository.js'
import { loadEvents, type EventPayload } from './event-record.js'
import type { MessageRenderer } from './message.js'
import type { OutboundResult, Send } from './outbound/http-sender.js'
import { OutcomeBatcher, type PendingOutcome } from './outcome-batcher.js'
import type { RetrySchedule } from './retry-schedule.js'

/** How one delivery ended this time, for the counters. */
export type AttemptKind = 'delivered' | 'retrying' | 'failed' | 'discarded'

export interface DeliveryObserver {
  attempted(endpointKind: EndpointKind, outcome: AttemptKind): void
  /** A delivery succeeded this long after its event. */
  delivered(secondsSinceEvent: number): void
}

export interface DeliveryWorkerOptions {
  /** Attempts in flight at once in this process. */
  readonly concurrency: number
  readonly pollIntervalMs: number
  /** The sender's deadline; a lease outlives it so no other worker starts the same attempt. */
  readonly timeoutMs: number
  readonly schedule: RetrySchedule
  readonly send: Send
  readonly renderers: Readonly<Record<EndpointKind, MessageRenderer>>
  readonly observer: DeliveryObserver
  /**
   * Whether the process is saturated. While it is, deliveries yield to requests: the worker
   * claims only on its poll timer (up to its free slots each time) instead of refilling as
   * attempts finish. Unset: never.
   */
  readonly load?: LoadSensor
}

/** Margin of a lease beyond the attempt's deadline, for recording its outcome. */
const LEASE_MARGIN_MS = 30_000
/**
 * Delivers the outbox. Every process runs one; they share the rows through leases, so an attempt
 * is made by one process at a time, and a process that dies mid-attempt leaves a lease that runs
 * out and is taken over (at least once, never lost). Attempts run side by side up to the
 * concurrency limit, each as soon as a slot frees (a slow receiver holds one slot, not a batch),
 * and their outcomes are written in batches.
 */
export class DeliveryWorker {
  readonly #owner = randomUUID()
  readonly #leaseMs: number
  /** Free slots that make a claim worth its statement while more is due. */
  readonly #refillAt: number
  #timer: NodeJS.Timeout | undefined
  #stopped = false
  #claiming: Promise<number> | null = null
  #moreDue = false
  readonly #inFlight = new Set<Promise<void>>()
  readonly #outcomes: OutcomeBatcher
  #settledWaiters: (() => void)[] = []
  #lastErrorLog = 0
  #yielding = false

  constructor(
    private readonly ctx: Context,
    private readonly options: DeliveryWorkerOptions,
  ) {
    this.#leaseMs = options.timeoutMs + LEASE_MARGIN_MS
    this.#refillAt = Math.max(1, Math.floor(options.concurrency / 2))
    this.#outcomes = new OutcomeBatcher(ctx, this.#owner, {
      onError: (err) =>
        this.#logError(
          err,
          'recording delivery outcomes failed; the leases will run out and the deliveries be retried',
        ),
      onIdle: () => this.#checkSettled(),
    })
  }

  /** Whether the last look found the process saturated, so that deliveries yield to requests. */
  get yielding(): boolean {
    return this.#yielding
  }

  /**
   * Another worker with these settings (but those given) and its own lease owner, as a second
   * process runs one.
   */
  sibling(
    overrides: Partial<Pick<DeliveryWorkerOptions, 'concurrency' | 'load'>> = {},
  ): DeliveryWorker {
    return new DeliveryWorker(this.ctx, { ...this.options, ...overrides })
  }

  /** Polls in the background until stopped. */
  start(): void {
    if (this.#timer || this.#stopped) return
    this.#timer = setInterval(() => {
      this.#checkLoad()
      this.kick()
    }, this.options.pollIntervalMs)
    this.#timer.unref()
    this.kick()
  }

  /** Looks for due deliveries now (something was just queued in this process). */
  kick(): void {
    if (this.#stopped || this.#claiming) return
    void this.#claimAndStart().catch(() => 0)
  }

  /**
   * Delivers everything due now and waits until its outcomes are recorded (tests, CLI). Attempts
   * that fail are rescheduled, not repeated here.
   */
  async drain(): Promise<void> {
    for (;;) {
      const claimed = await this.#claimAndStart()
      await this.#settled()
      if (claimed === 0 && !this.#moreDue) return
    }
  }

  /** Stops claiming, lets attempts in flight finish (up to `graceMs`) and records them. */
  async stop(graceMs = 5_000): Promise<void> {
    this.#stopped = true
    clearInterval(this.#timer)
    await this.#claiming?.catch(() => 0)
    let timer: NodeJS.Timeout | undefined
    await Promise.race([
      Promise.allSettled([...this.#inFlight]),
      new Promise((resolve) => {
        timer = setTimeout(resolve, graceMs)
        timer.unref()
      }),
    ])
    clearTimeout(timer)
    await this.#outcomes.flush()
  }

  /** Claims what is due up to the free slots and starts each attempt; returns how many. */
  #claimAndStart(): Promise<number> {
    if (this.#claiming) return this.#claiming
    const free = this.options.concurrency - this.#inFlight.size
    if (free <= 0 || this.#stopped) return Promise.resolve(0)
    const claiming = this.#claim(free)
      .catch((err: unknown) => {
        this.#logError(err, 'claiming due deliveries failed; retrying on the next poll')
        return 0
      })
      .finally(() => {
        this.#claiming = null
        this.#checkSettled()
      })
    this.#claiming = claiming
    return claiming
  }

  async #claim(limit: number): Promise<number> {
    const { db } = this.ctx.database
    const now = this.ctx.clock()
    const claimed = await claimDue(db, this.#owner, now, now + this.#leaseMs, limit)
    this.#moreDue = claimed.length === limit
    if (claimed.length === 0) return 0
    const [endpoints, events] = await Promise.all([
      loadEndpoints(
        db,
        claimed.map((d) => d.endpointId),
      ),
      loadEvents(
        db,
        claimed.flatMap((d) => (d.eventId === null ? [] : [d.eventId])),
      ),
    ])
    for (const delivery of claimed) {
      const endpoint = endpoints.get(delivery.endpointId)
      const event = delivery.eventId === null ? null : (events.get(delivery.eventId) ?? null)
      const attempt = this.#attempt(delivery, endpoint, event).finally(() => {
        this.#inFlight.delete(attempt)
        // refill in batches: one claim for half the slots, not one per finished attempt; none
        // while the process is saturated (the poll timer still claims)
        if (
          this.#moreDue &&
          this.options.concurrency - this.#inFlight.size >= this.#refillAt &&
          !this.#checkLoad()
        ) {
          this.kick()
        }
        this.#checkSettled()
      })
      this.#inFlight.add(attempt)
    }
    return claimed.length
  }

  async #attempt(
    delivery: ClaimedDelivery,
    endpoint: EndpointRow | undefined,
    event: EventPayload | null,
  ): Promise<void> {
    if (!endpoint) return this.#settle(delivery, null, 'discarded', 'endpoint_deleted')
    // a test delivery may go to a switched-off endpoint: that is how its owner checks it is fixed
    if (endpoint.status === 'disabled' && delivery.kind !== 'ping') {
      return this.#settle(delivery, endpoint, 'failed', 'endpoint_disabled')
    }
    if (endpoint.status === 'paused' && delivery.kind !== 'ping') {
      // committed while the stream was being paused: it waits with the rest
      return this.#record(delivery, endpoint, {
        outcome: {
          id: delivery.id,
          status: 'pending',
          nextAttemptAt: this.ctx.clock() + 60_000,
          outcome: 'held',
          entry: null,
        },
        disable: null,
        succeeded: false,
        lastResponseCode: null,
      })
    }
    const now = this.ctx.clock()
    let result: OutboundResult
    try {
      const rendered = this.options.renderers[endpoint.kind].render({
        delivery,
        endpoint,
        event,
        now,
      })
      if ('discard' in rendered)
        return this.#settle(delivery, endpoint, 'discarded', rendered.discard)
      if ('fail' in rendered) {
        result = {
          statusCode: null,
          latencyMs: 0,
          responseBody: null,
          retryAfter: null,
          error: rendered.fail,
        }
      } else {
        result = await this.#sendAll(rendered.requests)
      }
    } catch (err) {
      // a bug or a secret that no longer opens: recorded as a failed attempt, retried later
      this.ctx.logger.error(
        { err: safeError(err), deliveryId: delivery.id },
        'could not build a delivery',
      )
      result = {
        statusCode: null,
        latencyMs: 0,
        responseBody: null,
        retryAfter: null,
        error: 'internal error while building the request',
      }
    }
    const finished = this.ctx.clock()
    const decision = decide(
      delivery,
      result,
      this.options.schedule,
      finished,
      endpoint.last_success_at?.getTime() ?? null,
    )
    if (decision.status === 'delivered') {
      this.options.observer.delivered(Math.max(0, finished - delivery.createdAt.getTime()) / 1000)
    }
    this.#record(delivery, endpoint, {
      outcome: {
        id: delivery.id,
        status: decision.status,
        nextAttemptAt: decision.nextAttemptAt,
        outcome: decision.outcome,
        entry: logEntry(delivery, result, now),
      },
      disable: decision.disable,
      succeeded: decision.status === 'delivered',
      lastResponseCode: result.statusCode,
    })
  }

  /** Several requests (SETs of one event) in order; the first failure is the attempt's result. */
  async #sendAll(requests: readonly Parameters<Send>[0][]): Promise<OutboundResult> {
    let last: OutboundResult | undefined
    let latencyMs = 0
    for (const request of requests) {
      last = await this.options.send(request)
      latencyMs += last.latencyMs
      const code = last.statusCode
      if (code === null || code < 200 || code >= 300) break
    }
    return { ...last!, latencyMs }
  }

  /** Ends a delivery without an attempt. */
  #settle(
    delivery: ClaimedDelivery,
    endpoint: EndpointRow | null,
    status: 'failed' | 'discarded',
    outcome: string,
  ): void {
    this.#record(delivery, endpoint, {
      outcome: { id: delivery.id, status, nextAttemptAt: null, outcome, entry: null },
      disable: null,
      succeeded: false,
      lastResponseCode: null,
    })
  }

  #record(
    delivery: ClaimedDelivery,
    endpoint: EndpointRow | null,
    pending: Omit<PendingOutcome, 'endpointId'>,
  ): void {
    // a held delivery (paused stream) made no attempt: nothing to count
    if (pending.outcome.entry !== null || pending.outcome.status !== 'pending') {
      this.options.observer.attempted(
        endpoint?.kind ?? 'webhook',
        pending.outcome.status === 'pending' ? 'retrying' : (pending.outcome.status as AttemptKind),
      )
    }
    this.#outcomes.add({ ...pending, endpointId: delivery.endpointId })
  }

  #settled(): Promise<void> {
    return new Promise((resolve) => {
      this.#settledWaiters.push(resolve)
      this.#checkSettled()
    })
  }

  #checkSettled(): void {
    if (this.#claiming || this.#inFlight.size > 0 || !this.#outcomes.idle) {
      return
    }
    const waiters = this.#settledWaiters
    this.#settledWaiters = []
    for (const resolve of waiters) resolve()
  }

  /** Whether to yield now (remembered for /metrics). */
  #checkLoad(): boolean {
    this.#yielding = this.options.load?.busy() ?? false
    return this.#yielding
  }

  /** At most one log line per 10 s for a failure that repeats every poll (database down). */
  #logError(err: unknown, message: string): void {
    const now = Date.now()
    if (now - this.#lastErrorLog < 10_000) return
    this.#lastErrorLog = now
    this.ctx.logger.warn({ err: safeError(err) }, message)
  }
}
