import type { AuditEventType } from '../audit/record.js'

/** CAEP 1.0, RISC 1.0 and SSF 1.0 event type URIs Tessera transmits. */
export const SESSION_REVOKED = 'https://schemas.openid.net/secevent/caep/event-type/session-revoked'
export const CREDENTIAL_CHANGE =
  'https://schemas.openid.net/secevent/caep/event-type/credential-change'
export const ACCOUNT_PURGED = 'https://schemas.openid.net/secevent/risc/event-type/account-purged'
export const VERIFICATION = 'https://schemas.openid.net/secevent/ssf/event-type/verification'
export const STREAM_UPDATED = 'https://schemas.openid.net/secevent/ssf/event-type/stream-updated'

/** Push delivery (RFC 8935), the only method Tessera offers. */
export const PUSH_METHOD = 'urn:ietf:rfc:8935'
export const POLL_METHOD = 'urn:ietf:rfc:8936'

/**
 * The audit events behind each SET type a stream can request (verification and stream-updated
 * are always sent and need no request). A force-refresh, an RFC 7009 revocation, a replay
 * (recorded as `token.revoked` with reason `replay`), a user's or client's deletion all end
 * sessions; a secret rotation or the end of the old secret's grace changes a credential.
 */
const SOURCES: Readonly<Record<string, readonly AuditEventType[]>> = {
  [SESSION_REVOKED]: ['token.revoked', 'token.force_refreshed', 'user.deleted', 'client.deleted'],
  [CREDENTIAL_CHANGE]: ['client.secret_rotated', 'client.previous_secret_revoked'],
  [ACCOUNT_PURGED]: ['user.deleted'],
}

export const EVENTS_SUPPORTED: readonly string[] = Object.keys(SOURCES)

/** `events_delivered`: the requested types Tessera supports, in the order of `events_supported`. */
export function eventsDelivered(requested: readonly string[]): string[] {
  return EVENTS_SUPPORTED.filter((uri) => requested.includes(uri))
}

/** The audit event types a stream delivering these SET types must hear. */
export function auditTypesFor(delivered: readonly string[]): AuditEventType[] {
  return [...new Set(delivered.flatMap((uri) => SOURCES[uri] ?? []))]
}
