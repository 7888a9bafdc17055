/**
 * Which database errors mean "the database is unreachable or too slow right now" (so the request
 * may succeed if retried shortly), as opposed to a bug or a bad request. Used to answer 503 with
 * Retry-After instead of 500, and by start-up to wait for the database instead of exiting.
 */

/** Socket-level failures: the server is down, restarting, or the network between is broken. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  // a database host's name may not resolve yet while a container network comes up
  'ENOTFOUND',
  'EAI_AGAIN',
])

/** SQLSTATEs of a server that is shutting down, starting, overloaded, or that cancelled a slow statement. */
const TRANSIENT_SQLSTATES = new Set([
  '57P01', // admin_shutdown: terminated by an administrator or a fast shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or in recovery
  '53300', // too_many_connections
  '57014', // query_canceled: statement_timeout
  '55P03', // lock_not_available: lock_timeout
  '25P03', // idle_in_transaction_session_timeout
])

/** node-postgres reports these without a code. */
const PG_CLIENT_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|not queryable|connection timeout/i

export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null
  if (!e || typeof e !== 'object') return false
  const code = typeof e.code === 'string' ? e.code : ''
  if (NETWORK_CODES.has(code) || TRANSIENT_SQLSTATES.has(code)) return true
  // class 08: connection exception
  if (/^08[0-9A-Z]{3}$/.test(code)) return true
  return typeof e.message === 'string' && PG_CLIENT_MESSAGES.test(e.message)
}

/**
 * Why the database is unavailable, in words safe to show anyone who can reach a probe: the error
 * code (`ECONNREFUSED`, `57P03`), or the driver's fixed phrase for errors without one. Never the
 * message itself, which may name the host or the user.
 */
export function unavailableReason(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown } | null
  if (e && typeof e.code === 'string' && /^[A-Z0-9_]{1,32}$/.test(e.code)) return e.code
  const phrase = typeof e?.message === 'string' ? PG_CLIENT_MESSAGES.exec(e.message) : null
  return phrase ? phrase[0].toLowerCase() : 'unknown error'
}
