import { b64url, signature } from '../keys/jws.js'
import type { KeyRing } from '../keys/key-ring.js'
import { openSecret } from '../events/endpoint-secrets.js'
import type { MessageRenderer, RenderInput, Rendered } from '../events/message.js'
import type { OutboundRequest } from '../events/outbound/http-sender.js'
import { USER_AGENT } from '../webhooks/webhook-message.js'
import { eventsDelivered } from './event-types.js'
import {
  securityEventsOf,
  streamUpdatedEvent,
  verificationEvent,
  type SecurityEvent,
} from './security-events.js'

/** RFC 8417 §2.3: explicit typing, so a SET is never taken for another kind of JWT. */
const SET_TYP = 'secevent+jwt'

/**
 * Push delivery (RFC 8935) of Security Event Tokens (RFC 8417) as profiled by SSF 1.0: one SET
 * per POST, `application/secevent+jwt`, signed with the instance's signing key (the JWKS at
 * `/.well-known/jwks.json` verifies it), `sub_id` at the top, no `sub` and no `exp`.
 *
 * A SET is the same on every retry: its `jti` derives from the delivery, its `iat` is the time
 * the delivery was created, and EdDSA signatures are deterministic.
 */
export class SsfRenderer implements MessageRenderer {
  constructor(
    private readonly keyRing: KeyRing,
    private readonly issuer: string,
    private readonly secretKey: Buffer,
  ) {}

  render({ delivery, endpoint, event }: RenderInput): Rendered {
    const signer = this.keyRing.active
    if (signer.alg === 'HS256') {
      return {
        fail: 'this instance signs with HS256, which has no public key: Shared Signals need TESSERA_SIGNING_ALG=EdDSA or ES256',
      }
    }
    let events: SecurityEvent[]
    let txn: string | undefined
    switch (delivery.kind) {
      case 'event':
        if (!event) return { discard: 'event_pruned' }
        events = securityEventsOf(
          event,
          this.issuer,
          eventsDelivered(endpoint.events_requested ?? []),
        )
        txn = `tessera-event-${event.id}`
        break
      case 'verification':
        events = [verificationEvent(endpoint.id, stringOrUndefined(delivery.payload?.state))]
        break
      case 'stream_updated':
        events = [
          streamUpdatedEvent(
            endpoint.id,
            String(delivery.payload?.status ?? endpoint.status),
            stringOrUndefined(delivery.payload?.reason),
          ),
        ]
        break
      default:
        return { discard: 'not_a_security_event' }
    }
    if (events.length === 0) return { discard: 'nothing_to_signal' }

    const authorization = endpoint.secret
      ? openSecret(this.secretKey, endpoint.id, endpoint.secret)
      : undefined
    const iat = Math.floor(delivery.createdAt.getTime() / 1000)
    const requests = events.map((securityEvent, i): OutboundRequest => {
      const claims = {
        iss: this.issuer,
        jti: events.length === 1 ? delivery.id : `${delivery.id}-${i + 1}`,
        iat,
        aud: endpoint.client_id ?? this.issuer,
        ...(txn ? { txn } : {}),
        sub_id: securityEvent.subject,
        events: { [securityEvent.type]: securityEvent.claims },
      }
      const input = `${b64url({ alg: signer.alg, typ: SET_TYP, kid: signer.kid })}.${b64url(claims)}`
      const token = `${input}.${signature(signer.alg, input, signer.privateKey).toString('base64url')}`
      return {
        url: endpoint.url,
        body: token,
        headers: {
          'content-type': 'application/secevent+jwt',
          accept: 'application/json',
          'user-agent': USER_AGENT,
          ...(authorization ? { authorization } : {}),
        },
      }
    })
    return { requests }
  }
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}
