import type { AuditEventType } from '../audit/record.js'
import type { EndpointScope } from '../../db/schema.js'

/**
 * The events a webhook can subscribe to: Tessera's audit events (docs/events.md), each spelled as
 * a Cal.com-style trigger (`token.force_refreshed` → `TOKEN_FORCE_REFRESHED`), which is what
 * `triggers[]` and a payload's `triggerEvent` carry. The dotted audit spelling is accepted too.
 *
 * `reaches` says which subscriptions can ever see an event: a client-level webhook hears only
 * events about its client, so subscribing it to `API_KEY_CREATED` is refused rather than left to
 * wait forever. The signing-key rotation is public (the JWKS shows it anyway) and reaches all.
 */
interface CatalogEntry {
  readonly trigger: string
  readonly reaches: readonly EndpointScope[]
}

const ALL: readonly EndpointScope[] = ['client', 'organization', 'instance']
const ORGANIZATION: readonly EndpointScope[] = ['organization', 'instance']

const CATALOG: Readonly<Record<AuditEventType, CatalogEntry>> = {
  'organization.created': { trigger: 'ORGANIZATION_CREATED', reaches: ['instance'] },
  'api_key.created': { trigger: 'API_KEY_CREATED', reaches: ORGANIZATION },
  'api_key.revoked': { trigger: 'API_KEY_REVOKED', reaches: ORGANIZATION },
  'client.created': { trigger: 'CLIENT_CREATED', reaches: ORGANIZATION },
  'client.updated': { trigger: 'CLIENT_UPDATED', reaches: ALL },
  'client.deleted': { trigger: 'CLIENT_DELETED', reaches: ALL },
  'client.secret_rotated': { trigger: 'CLIENT_SECRET_ROTATED', reaches: ALL },
  'client.previous_secret_revoked': { trigger: 'CLIENT_PREVIOUS_SECRET_REVOKED', reaches: ALL },
  'client.imported': { trigger: 'CLIENT_IMPORTED', reaches: ORGANIZATION },
  'user.created': { trigger: 'USER_CREATED', reaches: ALL },
  'user.updated': { trigger: 'USER_UPDATED', reaches: ALL },
  'user.deleted': { trigger: 'USER_DELETED', reaches: ALL },
  'user.imported': { trigger: 'USER_IMPORTED', reaches: ALL },
  'token.issued': { trigger: 'TOKEN_ISSUED', reaches: ALL },
  'token.refreshed': { trigger: 'TOKEN_REFRESHED', reaches: ALL },
  'token.force_refreshed': { trigger: 'TOKEN_FORCE_REFRESHED', reaches: ALL },
  'token.revoked': { trigger: 'TOKEN_REVOKED', reaches: ALL },
  'token.reuse_detected': { trigger: 'TOKEN_REUSE_DETECTED', reaches: ALL },
  'signing_key.rotated': { trigger: 'SIGNING_KEY_ROTATED', reaches: ALL },
  'webhook.created': { trigger: 'WEBHOOK_CREATED', reaches: ALL },
  'webhook.updated': { trigger: 'WEBHOOK_UPDATED', reaches: ALL },
  'webhook.deleted': { trigger: 'WEBHOOK_DELETED', reaches: ALL },
  'webhook.disabled': { trigger: 'WEBHOOK_DISABLED', reaches: ALL },
  'ssf_stream.created': { trigger: 'SSF_STREAM_CREATED', reaches: ALL },
  'ssf_stream.updated': { trigger: 'SSF_STREAM_UPDATED', reaches: ALL },
  'ssf_stream.deleted': { trigger: 'SSF_STREAM_DELETED', reaches: ALL },
  'ssf_stream.disabled': { trigger: 'SSF_STREAM_DISABLED', reaches: ALL },
}

const BY_TRIGGER = new Map<string, AuditEventType>(
  Object.entries(CATALOG).map(([type, entry]) => [entry.trigger, type as AuditEventType]),
)

/**
 * Cal.com's trigger names (WebhookTriggerEvents): all about bookings, meetings, recordings and
 * forms, none of which Tessera has. Recognised so the refusal can say so instead of "unknown".
 */
const CALCOM_TRIGGER =
  /^(BOOKING_[A-Z_]+|MEETING_(STARTED|ENDED)|RECORDING_[A-Z_]+|INSTANT_MEETING[A-Z_]*|FORM_SUBMITTED[A-Z_]*|OOO_CREATED|AFTER_(HOSTS|GUESTS)_CAL_VIDEO_NO_SHOW|ROUTING_FORM_FALLBACK_HIT|DELEGATION_CREDENTIAL_ERROR|WRONG_ASSIGNMENT_REPORT)$/

/** The trigger spelling of an audit event type (`token.refreshed` → `TOKEN_REFRESHED`). */
export function triggerOf(type: string): string {
  return CATALOG[type as AuditEventType]?.trigger ?? type.toUpperCase().replace(/\./g, '_')
}

/** Every trigger a subscription of this scope can receive, in catalog order. */
export function triggersFor(scope: EndpointScope): string[] {
  return Object.values(CATALOG)
    .filter((entry) => entry.reaches.includes(scope))
    .map((entry) => entry.trigger)
}

export type TriggerCheck =
  | { readonly ok: true; readonly types: AuditEventType[]; readonly triggers: string[] }
  | { readonly ok: false; readonly message: string }

/**
 * Reads `triggers[]` as given (trigger or audit spelling; repeats dropped) into audit types
 * and canonical trigger names. Refuses, with a message a developer can act on, Cal.com's booking
 * triggers, unknown names and events that can never reach a subscription of this scope.
 */
export function parseTriggers(given: readonly string[], scope: EndpointScope): TriggerCheck {
  const types = new Set<AuditEventType>()
  for (const name of given) {
    const type = BY_TRIGGER.get(name) ?? (name in CATALOG ? (name as AuditEventType) : undefined)
    if (type === undefined) {
      if (CALCOM_TRIGGER.test(name)) {
        return {
          ok: false,
          message: `triggers: ${name} is a Cal.com booking trigger, and Tessera has no bookings (it manages users and their tokens). Tessera's triggers: ${triggersFor(scope).join(', ')}`,
        }
      }
      return {
        ok: false,
        message: `triggers: ${printable(name)} is not a Tessera trigger. Valid here: ${triggersFor(scope).join(', ')}`,
      }
    }
    if (!CATALOG[type].reaches.includes(scope)) {
      return {
        ok: false,
        message: `triggers: ${CATALOG[type].trigger} never reaches a ${scope}-level webhook (subscribe at the ${CATALOG[type].reaches[0]} level). Valid here: ${triggersFor(scope).join(', ')}`,
      }
    }
    types.add(type)
  }
  // in the order given, without repeats, as Cal.com echoes them
  const ordered = [...types]
  return { ok: true, types: ordered, triggers: ordered.map((t) => CATALOG[t].trigger) }
}

/** A caller's string in a message: bounded and without control characters. */
function printable(value: string): string {
  const clean = value.replace(/[^\x20-\x7E]/g, '?')
  return clean.length > 64 ? `${clean.slice(0, 61)}...` : clean
}
