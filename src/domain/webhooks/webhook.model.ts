import type { EndpointRow } from '../events/endpoint.repository.js'
import { triggerOf } from '../events/event-catalog.js'

/** A webhook as the API shows it: Cal.com's fields, then Tessera's. Never its secret. */
export interface WebhookView {
  id: string
  subscriberUrl: string
  active: boolean
  triggers: string[]
  payloadTemplate: string | null
  /** Client-level webhooks (Cal.com's field). */
  oAuthClientId?: string
  /** Organization-level webhooks. */
  organizationId?: number
  /** Why Tessera switched it off (410 Gone, or failing for the whole retry schedule). */
  disabledReason: string | null
  /** While a rotated secret's grace lasts, deliveries carry a signature by each secret. */
  previousSecretExpiresAt: string | null
  createdAt: string
  updatedAt: string
}

export function toWebhookView(row: EndpointRow): WebhookView {
  return {
    id: row.id,
    subscriberUrl: row.url,
    active: row.status === 'enabled',
    triggers: row.event_types.map(triggerOf),
    payloadTemplate: row.payload_template,
    ...(row.scope === 'client' ? { oAuthClientId: row.client_id! } : {}),
    ...(row.scope === 'organization' ? { organizationId: row.organization_id! } : {}),
    disabledReason: row.status === 'disabled' ? row.status_reason : null,
    previousSecretExpiresAt: row.previous_secret_expires_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  }
}
