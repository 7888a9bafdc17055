import type { EndpointRow } from '../events/endpoint.repository.js'
import { EVENTS_SUPPORTED, PUSH_METHOD, eventsDelivered } from './event-types.js'

/** Receivers may ask for a verification event at most this often (SSF `min_verification_interval`). */
export const MIN_VERIFICATION_INTERVAL_SECONDS = 15

/**
 * A stream's configuration as SSF 1.0 §8.1.1 defines it. The receiver's authorization header is
 * write-only: it is a credential, and the response shows only that one is set.
 */
export interface StreamConfig {
  stream_id: string
  iss: string
  aud: string
  delivery: { method: string; endpoint_url: string; authorization_header_set: boolean }
  events_supported: string[]
  events_requested: string[]
  events_delivered: string[]
  min_verification_interval: number
  description?: string
}

export interface StreamStatus {
  stream_id: string
  status: 'enabled' | 'paused' | 'disabled'
  reason?: string
}

export function toStreamConfig(row: EndpointRow, issuer: string): StreamConfig {
  const requested = row.events_requested ?? []
  return {
    stream_id: row.id,
    iss: issuer,
    aud: row.client_id!,
    delivery: {
      method: PUSH_METHOD,
      endpoint_url: row.url,
      authorization_header_set: row.secret !== null,
    },
    events_supported: [...EVENTS_SUPPORTED],
    events_requested: requested,
    events_delivered: eventsDelivered(requested),
    min_verification_interval: MIN_VERIFICATION_INTERVAL_SECONDS,
    ...(row.description !== null ? { description: row.description } : {}),
  }
}

export function toStreamStatus(row: EndpointRow): StreamStatus {
  return {
    stream_id: row.id,
    status: row.status,
    ...(row.status_reason !== null ? { reason: row.status_reason } : {}),
  }
}
