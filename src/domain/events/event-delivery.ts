import { sql } from 'kysely'
import type { Context } from '../../context.js'
import { safeError } from '../../db/errors.js'
import type { LoadSensor } from '../../health/saturation.js'
import type { KeyRing } from '../keys/key-ring.js'
import { SsfRenderer } from '../ssf/ssf-message.js'
import { StreamService } from '../ssf/stream.service.js'
import { WebhookRenderer } from '../webhooks/webhook-message.js'
import { WebhookService } from '../webhooks/webhook.service.js'
import { backlog, pruneDeliveries } from './delivery.repository.js'
import { DeliveryWorker, type DeliveryObserver } from './delivery-worker.js'
import { EndpointDeliveries } from './endpoint-deliveries.js'
import { AddressPolicy, type Resolver } from './outbound/address-policy.js'
import { HttpSender, type Send } from './outbound/http-sender.js'
import { RetrySchedule } from './retry-schedule.js'

/** Everything that sends events out: subscriptions, the outbox worker and its housekeeping. */
export interface EventDelivery {
  readonly policy: AddressPolicy
  readonly webhooks: WebhookService
  readonly streams: StreamService
  readonly deliveries: EndpointDeliveries
  readonly worker: DeliveryWorker
  /** Pending deliveries and the age of the oldest due one (cached a few seconds, for /metrics). */
  backlog(): Promise<{ pending: number; oldestDueMs: number }>
  /** Deletes old finished deliveries and the endpoints of deleted clients once drained. */
  housekeeping(): Promise<{ deliveries: number; endpoints: number }>
  close(): Promise<void>
}

export interface EventDeliveryOptions {
  readonly keyRing: KeyRing
  readonly observer: DeliveryObserver
  /** Run the worker and housekeeping in the background (off in tests, which drive them). */
  readonly background: boolean
  /** Tests: a resolver whose answers they control (DNS rebinding). */
  readonly resolver?: Resolver
  /** Tests: a sender that is not HTTP. */
  readonly send?: Send
  /** Whether the process is saturated by requests: deliveries then yield (delivery-worker.ts). */
  readonly load?: LoadSensor
}

const HOUSEKEEPING_INTERVAL_MS = 60_000
const BACKLOG_CACHE_MS = 5_000

export function createEventDelivery(ctx: Context, options: EventDeliveryOptions): EventDelivery {
  const config = ctx.config.webhooks
  const policy = new AddressPolicy({
    allowPrivateNetworks: config.allowPrivateNetworks,
    ...(options.resolver ? { resolver: options.resolver } : {}),
  })
  const sender = new HttpSender(policy, config.timeoutSeconds * 1000)
  const secretKey = ctx.keys.endpointSecretEncryption
  const worker = new DeliveryWorker(ctx, {
    concurrency: config.concurrency,
    pollIntervalMs: config.pollIntervalMs,
    timeoutMs: config.timeoutSeconds * 1000,
    schedule: new RetrySchedule(config.retryScheduleMs),
    send: options.send ?? sender.send,
    renderers: {
      webhook: new WebhookRenderer(secretKey),
      ssf_stream: new SsfRenderer(options.keyRing, ctx.config.issuer, secretKey),
    },
    observer: options.observer,
    ...(options.load ? { load: options.load } : {}),
  })
  const deliveries = new EndpointDeliveries(ctx, () => worker.kick())
  const webhooks = new WebhookService(ctx, {
    policy,
    secretRotationGraceMs: config.secretRotationGraceSeconds * 1000,
  })
  const streams = new StreamService(ctx, policy, deliveries)

  let cached: { at: number; value: { pending: number; oldestDueMs: number } } | undefined
  const housekeeping = async () => {
    const { db } = ctx.database
    const cutoff = new Date(ctx.clock() - config.logRetentionDays * 86_400_000)
    const pruned = await pruneDeliveries(db, cutoff)
    // a deleted client's endpoints stay until the events of its deletion are delivered
    const orphans = await sql<{ id: string }>`
      DELETE FROM event_endpoints ep
       WHERE ep.scope = 'client'
         AND NOT EXISTS (SELECT 1 FROM oauth_clients c WHERE c.id = ep.client_id)
         AND NOT EXISTS (SELECT 1 FROM event_deliveries d WHERE d.endpoint_id = ep.id AND d.status = 'pending')
      RETURNING ep.id`.execute(db)
    const ids = orphans.rows.map((r) => r.id)
    if (ids.length > 0)
      await db.deleteFrom('event_deliveries').where('endpoint_id', 'in', ids).execute()
    return { deliveries: pruned, endpoints: ids.length }
  }
  let timer: NodeJS.Timeout | undefined
  if (options.background) {
    if (config.worker) worker.start()
    timer = setInterval(() => {
      housekeeping().catch((err: unknown) =>
        ctx.logger.warn({ err: safeError(err) }, 'delivery housekeeping failed; retrying later'),
      )
    }, HOUSEKEEPING_INTERVAL_MS)
    timer.unref()
  }

  return {
    policy,
    webhooks,
    streams,
    deliveries,
    worker,
    async backlog() {
      const now = ctx.clock()
      if (!cached || now - cached.at > BACKLOG_CACHE_MS) {
        cached = { at: now, value: await backlog(ctx.database.db, now) }
      }
      return cached.value
    },
    housekeeping,
    async close() {
      clearInterval(timer)
      await worker.stop()
      sender.close()
    },
  }
}
