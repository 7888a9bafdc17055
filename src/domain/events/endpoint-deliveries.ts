import type { Context } from '../../context.js'
import type { DeliveryKind, DeliveryStatus } from '../../db/schema.js'
import { conflict, notFound } from '../../errors.js'
import { enqueueDelivery, findDelivery, redeliver } from './delivery.repository.js'
import { deliveryLog, toDeliveryViews, type DeliveryView } from './delivery-log.js'
import { isUuid } from './uuid.js'

/**
 * The delivery log of one endpoint and what its owner can do with it: read it, send one message
 * again, or queue a test (a ping for webhooks, a verification event for streams). The caller has
 * already checked that the endpoint is the owner's.
 */
export class EndpointDeliveries {
  constructor(
    private readonly ctx: Context,
    /** Wakes this process's delivery worker: what was just queued goes out now, not at the next poll. */
    readonly wake: () => void,
  ) {}

  list(
    endpointId: string,
    page: { limit: number; cursor?: string; status?: DeliveryStatus },
  ): Promise<{ deliveries: DeliveryView[]; nextCursor: string | null }> {
    return deliveryLog(this.ctx.database.db, endpointId, page)
  }

  async get(endpointId: string, deliveryId: string): Promise<DeliveryView> {
    const { db } = this.ctx.database
    const row = isUuid(deliveryId) ? await findDelivery(db, endpointId, deliveryId) : undefined
    if (!row) throw notFound(`Delivery (${deliveryId}) not found`)
    return (await toDeliveryViews(db, [row]))[0]!
  }

  /**
   * Sends a delivery again, now, with a new round of retries and the same `webhook-id` (receivers
   * that deduplicate on it see a repeat). One being attempted right now is left to finish: 409.
   */
  async redeliver(endpointId: string, deliveryId: string): Promise<DeliveryView> {
    const { db } = this.ctx.database
    const now = this.ctx.clock()
    const current = isUuid(deliveryId) ? await findDelivery(db, endpointId, deliveryId) : undefined
    if (!current) throw notFound(`Delivery (${deliveryId}) not found`)
    if (current.lease_until && current.lease_until.getTime() > now) {
      throw conflict('This delivery is being attempted right now; try again when the attempt ends')
    }
    const row = await redeliver(db, endpointId, deliveryId, new Date(now))
    if (!row) throw notFound(`Delivery (${deliveryId}) not found`)
    this.wake()
    return (await toDeliveryViews(db, [row]))[0]!
  }

  /** Queues a message that is not an audit event (single attempt unless `maxAttempts`). */
  async enqueue(
    endpointId: string,
    kind: Exclude<DeliveryKind, 'event'>,
    payload: Record<string, unknown>,
    maxAttempts?: number,
  ): Promise<DeliveryView> {
    const { db } = this.ctx.database
    const row = await enqueueDelivery(db, {
      endpointId,
      kind,
      payload,
      now: new Date(this.ctx.clock()),
      ...(maxAttempts !== undefined ? { maxAttempts } : {}),
    })
    this.wake()
    return (await toDeliveryViews(db, [row]))[0]!
  }
}
