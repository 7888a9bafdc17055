import { secretsInForce } from '../events/endpoint-secrets.js'
import { triggerOf } from '../events/event-catalog.js'
import {
  messageId,
  type MessageRenderer,
  type RenderInput,
  type Rendered,
} from '../events/message.js'
import { signWebhook } from './signing.js'
import { renderTemplate } from './template.js'

export const USER_AGENT = 'Tessera-Webhooks/1.0'
/** `triggerEvent` of a test delivery, as Cal.com's test button sends it. */
export const PING_TRIGGER = 'PING'

/**
 * A webhook request: Cal.com's body (`{triggerEvent, createdAt, payload}`, or the rendered
 * `payloadTemplate`), signed for Standard Webhooks and for Cal.com receivers (signing.ts).
 */
export class WebhookRenderer implements MessageRenderer {
  constructor(private readonly secretKey: Buffer) {}

  render({ delivery, endpoint, event, now }: RenderInput): Rendered {
    let triggerEvent: string
    let createdAt: string
    let payload: Record<string, unknown>
    if (delivery.kind === 'event') {
      if (!event) return { discard: 'event_pruned' }
      triggerEvent = triggerOf(event.type)
      createdAt = event.occurredAt
      payload = { ...event }
    } else if (delivery.kind === 'ping') {
      triggerEvent = PING_TRIGGER
      createdAt = delivery.createdAt.toISOString()
      payload = delivery.payload ?? {}
    } else {
      return { discard: 'not_a_webhook_message' }
    }

    const { body, contentType } = endpoint.payload_template
      ? renderTemplate(endpoint.payload_template, { ...payload, payload, triggerEvent, createdAt })
      : {
          body: JSON.stringify({ triggerEvent, createdAt, payload }),
          contentType: 'application/json' as const,
        }
    const secrets = secretsInForce(this.secretKey, endpoint, now)
    if (secrets.length === 0) return { fail: 'the webhook has no signing secret' }
    const signed = signWebhook(messageId(delivery.id), Math.floor(now / 1000), body, secrets)
    return {
      requests: [
        {
          url: endpoint.url,
          body,
          headers: { 'content-type': contentType, 'user-agent': USER_AGENT, ...signed },
        },
      ],
    }
  }
}
