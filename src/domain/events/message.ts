import type { ClaimedDelivery } from './delivery.repository.js'
import type { EndpointRow } from './endpoint.repository.js'
import type { EventPayload } from './event-record.js'
import type { OutboundRequest } from './outbound/http-sender.js'

export interface RenderInput {
  readonly delivery: ClaimedDelivery
  readonly endpoint: EndpointRow
  /** The audit event of an `event` delivery; null for other kinds. */
  readonly event: EventPayload | null
  /** Epoch ms of this attempt. */
  readonly now: number
}

/**
 * What one attempt sends: usually one request (a webhook); an SSF event may map to several SETs,
 * each its own POST (RFC 8935), or to none (a force-refresh of a user without sessions). A
 * delivery that cannot be sent at all is discarded with a reason.
 */
export type Rendered =
  | { readonly requests: readonly OutboundRequest[] }
  | { readonly discard: string }
  | { readonly fail: string }

/** Turns a delivery into requests, per endpoint kind (webhook, SSF stream). */
export interface MessageRenderer {
  render(input: RenderInput): Rendered
}

/** `msg_` + the delivery id: Standard Webhooks' `webhook-id`, the same on every retry. */
export function messageId(deliveryId: string): string {
  return `msg_${deliveryId.replace(/-/g, '')}`
}
