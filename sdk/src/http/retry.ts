/** How requests are retried. Only what is safe to repeat is repeated (see `Transport`). */
export interface RetryOptions {
  /** Retries after the first attempt. Default 3. */
  readonly retries?: number
  /** The n-th retry waits a random time in [0, min(maxDelayMs, baseDelayMs · 2ⁿ)]. Default 250 ms. */
  readonly baseDelayMs?: number
  /** Default 4000 ms. */
  readonly maxDelayMs?: number
  /**
   * The longest `Retry-After` the SDK waits for before retrying a 429 or 503 itself; a longer one
   * is thrown at once (as `RateLimitedError` / `ServerError` with `retryAfterMs`). Default 10 s.
   */
  readonly maxRetryAfterMs?: number
}

export interface RetryPolicy {
  readonly retries: number
  readonly baseDelayMs: number
  readonly maxDelayMs: number
  readonly maxRetryAfterMs: number
}

const NO_RETRIES: RetryPolicy = {
  retries: 0,
  baseDelayMs: 0,
  maxDelayMs: 0,
  maxRetryAfterMs: 0,
}

export function retryPolicy(options: RetryOptions | false | undefined): RetryPolicy {
  if (options === false) return NO_RETRIES
  return {
    retries: options?.retries ?? 3,
    baseDelayMs: options?.baseDelayMs ?? 250,
    maxDelayMs: options?.maxDelayMs ?? 4000,
    maxRetryAfterMs: options?.maxRetryAfterMs ?? 10_000,
  }
}

/**
 * "Full jitter" backoff: spreading retries uniformly keeps a fleet of backends that failed
 * together from retrying in lock-step against a recovering server.
 */
export function backoffDelay(policy: RetryPolicy, retry: number, random = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry)
  return Math.floor(random() * ceiling)
}

/** `Retry-After` (RFC 9110 §10.2.3): delay-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null) return null
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? null : Math.max(0, date - now)
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
