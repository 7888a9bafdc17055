import type { AttemptLogEntry, DeliveryStatus } from '../../db/schema.js'
import type { ClaimedDelivery } from './delivery.repository.js'
import { parseRetryAfter, type OutboundResult } from './outbound/http-sender.js'
import type { RetrySchedule } from './retry-schedule.js'

/** Why an endpoint is switched off by Tessera rather than by its owner. */
export type DisableReason = 'gone' | 'failing'

export interface Decision {
  readonly status: DeliveryStatus
  readonly nextAttemptAt: number | null
  readonly outcome: string
  /** Set when this attempt means the endpoint must stop receiving events. */
  readonly disable: DisableReason | null
}

/** Statuses on which a receiver's Retry-After is followed. */
const THROTTLED = new Set([429, 503])

/**
 * What follows an attempt (Standard Webhooks' rules): any 2xx delivers; 410 Gone means the
 * receiver wants no more, so the endpoint is disabled; anything else (3xx included: redirects are
 * not followed) is retried on the schedule, sooner or later as a 429 or 503 asks. A delivery that
 * exhausts the schedule fails, and if its endpoint has not succeeded once since the delivery was
 * created (it failed for the whole schedule), the endpoint is disabled too.
 */
export function decide(
  delivery: ClaimedDelivery,
  result: OutboundResult,
  schedule: RetrySchedule,
  now: number,
  lastSuccessAt: number | null,
): Decision {
  const code = result.statusCode
  if (code !== null && code >= 200 && code < 300) {
    return { status: 'delivered', nextAttemptAt: null, outcome: 'delivered', disable: null }
  }
  if (code === 410) {
    return { status: 'failed', nextAttemptAt: null, outcome: 'gone', disable: 'gone' }
  }
  const capped = delivery.maxAttempts !== null && delivery.roundAttempt >= delivery.maxAttempts
  const retryAfterSeconds =
    code !== null && THROTTLED.has(code) ? parseRetryAfter(result.retryAfter, now) : null
  const retryAfterMs = retryAfterSeconds === null ? null : retryAfterSeconds * 1000
  const next = capped
    ? { retry: false as const }
    : schedule.next(delivery.roundAttempt, retryAfterMs)
  if (next.retry) {
    return {
      status: 'pending',
      nextAttemptAt: now + next.delayMs,
      outcome: 'retrying',
      disable: null,
    }
  }
  const failedThroughout =
    !capped && (lastSuccessAt === null || lastSuccessAt < delivery.createdAt.getTime())
  return {
    status: 'failed',
    nextAttemptAt: null,
    outcome: capped ? 'failed' : 'exhausted',
    disable: failedThroughout ? 'failing' : null,
  }
}

export function logEntry(
  delivery: ClaimedDelivery,
  result: OutboundResult,
  at: number,
): AttemptLogEntry {
  const code = result.statusCode
  return {
    attempt: delivery.attempt,
    at: new Date(at).toISOString(),
    succeeded: code !== null && code >= 200 && code < 300,
    latencyMs: result.latencyMs,
    responseCode: code,
    responseBody: result.responseBody,
    error: result.error,
  }
}
