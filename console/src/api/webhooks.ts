import type { Identity } from './identity.js'

export interface Webhook {
  id: string
  subscriberUrl: string
  active: boolean
  triggers: string[]
  payloadTemplate: string | null
  secret?: string
  disabledReason: string | null
  previousSecretExpiresAt: string | null
  createdAt: string
  updatedAt: string
}

export interface Delivery {
  id: string
  messageId: string
  kind: string
  triggerEvent: string | null
  status: 'pending' | 'delivered' | 'failed' | 'discarded'
  outcome: string | null
  attempts: number
  createdAt: string
  nextAttemptAt: string | null
  finishedAt: string | null
  attemptLog: {
    attempt: number
    at: string
    succeeded: boolean
    latencyMs: number
    responseCode: number | null
    error: string | null
  }[]
}

/** The webhook API of the signed-in key's level: the instance (operator) or its organization. */
export class WebhookApi {
  readonly base: string

  constructor(private readonly identity: Identity) {
    const { whoami } = identity
    this.base =
      whoami.kind === 'operator'
        ? '/v2/admin/webhooks'
        : `/v2/organizations/${whoami.organizationId}/webhooks`
  }

  list() {
    return this.identity.rest.data<Webhook[]>({ path: this.base })
  }
  get(id: string) {
    return this.identity.rest.data<Webhook>({ path: `${this.base}/${encodeURIComponent(id)}` })
  }
  create(body: { subscriberUrl: string; triggers: string[]; active: boolean }) {
    return this.identity.rest.data<Webhook>({ method: 'POST', path: this.base, json: body })
  }
  update(id: string, body: { active?: boolean }) {
    return this.identity.rest.data<Webhook>({
      method: 'PATCH',
      path: `${this.base}/${encodeURIComponent(id)}`,
      json: body,
    })
  }
  delete(id: string) {
    return this.identity.rest.data<Webhook>({
      method: 'DELETE',
      path: `${this.base}/${encodeURIComponent(id)}`,
    })
  }
  ping(id: string) {
    return this.identity.rest.data<Delivery>({
      method: 'POST',
      path: `${this.base}/${encodeURIComponent(id)}/ping`,
    })
  }
  deliveries(id: string, cursor?: string) {
    return this.identity.rest.data<{ deliveries: Delivery[]; nextCursor: string | null }>({
      path: `${this.base}/${encodeURIComponent(id)}/deliveries`,
      query: { limit: 25, cursor },
    })
  }
  redeliver(id: string, deliveryId: string) {
    return this.identity.rest.data<Delivery>({
      method: 'POST',
      path: `${this.base}/${encodeURIComponent(id)}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`,
    })
  }
}
