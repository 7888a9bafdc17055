import type { EventPayload } from '../events/event-record.js'
import {
  ACCOUNT_PURGED,
  CREDENTIAL_CHANGE,
  SESSION_REVOKED,
  STREAM_UPDATED,
  VERIFICATION,
} from './event-types.js'

/** A subject identifier (RFC 9493), or an SSF complex subject made of them. */
export type SubjectId = Record<string, unknown> & { format: string }

/** One security event to put in a SET: its type, subject and event claims. */
export interface SecurityEvent {
  readonly type: string
  readonly subject: SubjectId
  readonly claims: Record<string, unknown>
}

/**
 * Subjects, as receivers can match them to what they already hold: a managed user is `iss_sub`
 * with the `iss` and `sub` of its access tokens; a session is `opaque` with the token's `sid`;
 * an OAuth client (the application) is `opaque` with its client id.
 */
const userSubject = (issuer: string, userId: number): SubjectId => ({
  format: 'iss_sub',
  iss: issuer,
  sub: String(userId),
})
const opaque = (id: string): SubjectId => ({ format: 'opaque', id })

const REVOCATION_REASONS: Record<string, { initiator: string; text: string }> = {
  replay: {
    initiator: 'policy',
    text: 'A used refresh token was presented again (replay); the session was revoked',
  },
  revoked_via_rfc7009: { initiator: 'admin', text: 'The client revoked the session (RFC 7009)' },
  revoked_by_client: { initiator: 'admin', text: 'The client revoked the session' },
}

/**
 * The security events an audit event means for a stream that asked for `delivered` types. An
 * event can mean several (a deleted user: its sessions are revoked and its account purged) or
 * none (a force-refresh of a user who had no session).
 */
export function securityEventsOf(
  event: EventPayload,
  issuer: string,
  delivered: readonly string[],
): SecurityEvent[] {
  const out: SecurityEvent[] = []
  const timestamp = { event_timestamp: Math.floor(Date.parse(event.occurredAt) / 1000) }
  const wants = (type: string) => delivered.includes(type)
  const session = (familyId: string, initiator: string, reason: string): SecurityEvent => ({
    type: SESSION_REVOKED,
    subject: {
      format: 'complex',
      user: userSubject(issuer, event.userId!),
      session: opaque(familyId),
    },
    claims: { ...timestamp, initiating_entity: initiator, reason_admin: { en: reason } },
  })

  switch (event.type) {
    case 'token.revoked': {
      if (!wants(SESSION_REVOKED) || !event.familyId || event.userId === null) break
      const reason = REVOCATION_REASONS[String(event.data.reason)] ?? {
        initiator: 'admin',
        text: `The session was revoked (${String(event.data.reason)})`,
      }
      out.push(session(event.familyId, reason.initiator, reason.text))
      break
    }
    case 'token.force_refreshed': {
      if (!wants(SESSION_REVOKED) || event.userId === null) break
      const revoked = Array.isArray(event.data.revokedFamilies) ? event.data.revokedFamilies : []
      for (const familyId of revoked) {
        if (typeof familyId === 'string') {
          out.push(
            session(
              familyId,
              'admin',
              'Force refresh: every earlier session of the user was revoked',
            ),
          )
        }
      }
      break
    }
    case 'user.deleted': {
      if (event.userId === null) break
      if (wants(SESSION_REVOKED)) {
        // a complex subject without a session: every session of the user
        out.push({
          type: SESSION_REVOKED,
          subject: { format: 'complex', user: userSubject(issuer, event.userId) },
          claims: {
            ...timestamp,
            initiating_entity: 'admin',
            reason_admin: { en: 'The managed user was deleted with all its sessions' },
          },
        })
      }
      if (wants(ACCOUNT_PURGED)) {
        out.push({ type: ACCOUNT_PURGED, subject: userSubject(issuer, event.userId), claims: {} })
      }
      break
    }
    case 'client.deleted': {
      if (!wants(SESSION_REVOKED) || !event.clientId) break
      out.push({
        type: SESSION_REVOKED,
        subject: { format: 'complex', application: opaque(event.clientId) },
        claims: {
          ...timestamp,
          initiating_entity: 'admin',
          reason_admin: {
            en: 'The OAuth client was deleted with its users and all their sessions',
          },
        },
      })
      break
    }
    case 'client.secret_rotated':
    case 'client.previous_secret_revoked': {
      if (!wants(CREDENTIAL_CHANGE) || !event.clientId) break
      const rotated = event.type === 'client.secret_rotated'
      out.push({
        type: CREDENTIAL_CHANGE,
        subject: { format: 'complex', application: opaque(event.clientId) },
        claims: {
          ...timestamp,
          // not in CAEP's list, which its definition allows by agreement (docs/webhooks.md)
          credential_type: 'client_secret',
          change_type: rotated ? 'update' : 'revoke',
          initiating_entity: 'admin',
          reason_admin: {
            en: rotated
              ? 'A new client secret was issued; the previous one works until its grace period ends'
              : 'The previous client secret was revoked before the end of its grace period',
          },
        },
      })
      break
    }
  }
  return out
}

/** SSF's own events about a stream: its subject is the stream (`opaque`, the stream id). */
export function verificationEvent(streamId: string, state: string | undefined): SecurityEvent {
  return {
    type: VERIFICATION,
    subject: opaque(streamId),
    claims: state === undefined ? {} : { state },
  }
}

export function streamUpdatedEvent(
  streamId: string,
  status: string,
  reason?: string,
): SecurityEvent {
  return {
    type: STREAM_UPDATED,
    subject: opaque(streamId),
    claims: { status, ...(reason ? { reason } : {}) },
  }
}
