import {
  apiError,
  ConnectionError,
  TimeoutError,
  type TesseraApiError,
  type TesseraError,
} from '../errors.js'
import { backoffDelay, parseRetryAfter, retryPolicy, sleep, type RetryOptions } from './retry.js'
import type { RetryPolicy } from './retry.js'

/** Options every client takes. */
export interface TransportOptions {
  /**
   * Where Tessera is served, e.g. `https://tessera.example.com`. A trailing `/v2` (how Cal.com
   * integrations spell their API URL) is accepted and ignored.
   */
  readonly baseUrl: string | URL
  /** The `fetch` to use; the platform's by default (Node 20+, Bun, Deno, edge runtimes). */
  readonly fetch?: typeof fetch
  /** Per attempt, until the whole answer is read. Default 10 000 ms. */
  readonly timeoutMs?: number
  /** Retry policy, or `false` for none. */
  readonly retry?: RetryOptions | false
  /** Headers sent with every request (e.g. `origin`). */
  readonly headers?: Readonly<Record<string, string>>
}

export interface RequestSpec {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  /** Path from the base URL, parameters already encoded (`/v2/…`). */
  readonly path: string
  readonly query?: Readonly<Record<string, string | number | undefined>>
  readonly json?: unknown
  readonly form?: Readonly<Record<string, string>>
  readonly headers?: Readonly<Record<string, string>>
  /**
   * Safe to send again when the outcome is unknown (no answer, timeout, 5xx): the server's state
   * ends the same however many copies arrive. A 429, and a connection that was refused, are
   * retried for every request: the server did not act on them.
   */
  readonly idempotent: boolean
  /** No attempt starts later than this after the first (refresh: inside the reuse window). */
  readonly retryWindowMs?: number
  readonly signal?: AbortSignal
}

export interface Answer<T> {
  readonly status: number
  readonly body: T
  readonly headers: Headers
  readonly requestId: string | null
}

const DEFAULT_TIMEOUT_MS = 10_000
/** Failures that happen before a request leaves this machine: repeating them is always safe. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'])

/** HTTP to one Tessera: timeouts, retries with jittered backoff, and error answers as typed errors. */
export class Transport {
  readonly baseUrl: string
  readonly #fetch: typeof fetch
  readonly #timeoutMs: number
  readonly #retry: RetryPolicy
  readonly #headers: Readonly<Record<string, string>>

  constructor(options: TransportOptions) {
    this.baseUrl = normaliseBaseUrl(options.baseUrl)
    // looked up per call, not captured: a fetch patched later (tracing, tests) is honoured
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
    this.#retry = retryPolicy(options.retry)
    this.#headers = options.headers ?? {}
  }

  /** The `data` of a `{status:"success", data}` answer. */
  async data<T>(spec: RequestSpec): Promise<T> {
    const answer = await this.send<{ data: T }>(spec)
    return answer.body.data
  }

  /** One request, retried as the policy allows; resolves with a 2xx answer or throws. */
  async send<T>(spec: RequestSpec): Promise<Answer<T>> {
    const started = Date.now()
    for (let retry = 0; ; retry++) {
      const outcome = await this.#attempt<T>(spec)
      if ('answer' in outcome) return outcome.answer
      const wait = this.#nextDelay(spec, outcome, retry, started)
      if (wait === null) throw outcome.error
      await sleep(wait, spec.signal)
    }
  }

  #nextDelay(spec: RequestSpec, outcome: Failure, retry: number, started: number): number | null {
    if (retry >= this.#retry.retries || !isRetryable(spec, outcome)) return null
    let wait = backoffDelay(this.#retry, retry)
    const retryAfter = outcome.retryAfterMs
    if (retryAfter !== null) {
      if (retryAfter > this.#retry.maxRetryAfterMs) return null
      wait = Math.max(wait, retryAfter)
    }
    if (spec.retryWindowMs !== undefined && Date.now() + wait - started > spec.retryWindowMs) {
      return null
    }
    return wait
  }

  async #attempt<T>(spec: RequestSpec): Promise<{ answer: Answer<T> } | Failure> {
    const controller = new AbortController()
    const onCallerAbort = () => controller.abort(spec.signal?.reason)
    if (spec.signal?.aborted) throw spec.signal.reason
    spec.signal?.addEventListener('abort', onCallerAbort, { once: true })
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      controller.abort()
    }, this.#timeoutMs)
    try {
      const response = await this.#fetch(this.#url(spec), {
        method: spec.method,
        headers: this.#requestHeaders(spec),
        ...requestBody(spec),
        signal: controller.signal,
        redirect: 'manual',
      })
      const text = await response.text()
      const requestId = response.headers.get('x-request-id')
      const body = parseJson(text)
      if (response.status >= 200 && response.status < 300) {
        return {
          answer: {
            status: response.status,
            body: body as T,
            headers: response.headers,
            requestId,
          },
        }
      }
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'))
      return {
        kind: 'status',
        status: response.status,
        retryAfterMs,
        error: errorFromAnswer(response, body, requestId, retryAfterMs),
      }
    } catch (err) {
      if (spec.signal?.aborted) throw spec.signal.reason
      if (timedOut) {
        return {
          kind: 'timeout',
          status: 0,
          retryAfterMs: null,
          error: new TimeoutError(`No answer from Tessera within ${this.#timeoutMs} ms`),
        }
      }
      const code = errorCode(err)
      return {
        kind: code !== null && NOT_SENT_CODES.has(code) ? 'not-sent' : 'network',
        status: 0,
        retryAfterMs: null,
        error: new ConnectionError(
          `Could not reach Tessera at ${this.baseUrl}${code ? ` (${code})` : ''}`,
          { cause: err },
        ),
      }
    } finally {
      clearTimeout(timer)
      spec.signal?.removeEventListener('abort', onCallerAbort)
    }
  }

  #url(spec: RequestSpec): string {
    const url = new URL(this.baseUrl + spec.path)
    for (const [name, value] of Object.entries(spec.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value))
    }
    return url.toString()
  }

  #requestHeaders(spec: RequestSpec): Record<string, string> {
    const headers: Record<string, string> = { accept: 'application/json', ...this.#headers }
    if (spec.json !== undefined) headers['content-type'] = 'application/json'
    if (spec.form !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded'
    return { ...headers, ...spec.headers }
  }
}

interface Failure {
  readonly kind: 'status' | 'timeout' | 'network' | 'not-sent'
  readonly status: number
  readonly retryAfterMs: number | null
  readonly error: TesseraError
}

function isRetryable(spec: RequestSpec, failure: Failure): boolean {
  switch (failure.kind) {
    case 'not-sent':
      return true
    case 'network':
    case 'timeout':
      return spec.idempotent
    case 'status':
      // 429: refused before anything was done
      if (failure.status === 429) return true
      return spec.idempotent && failure.status >= 500
  }
}

function requestBody(spec: RequestSpec): { body?: string } {
  if (spec.json !== undefined) return { body: JSON.stringify(spec.json) }
  if (spec.form !== undefined) return { body: new URLSearchParams(spec.form).toString() }
  return {}
}

function parseJson(text: string): unknown {
  if (text === '') return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/**
 * Cal.com's envelope (`{status:"error", error:{code, message, details}}`) or RFC 6749's
 * (`{error, error_description}`); anything else (a proxy's HTML page) by its status alone.
 */
function errorFromAnswer(
  response: Response,
  body: unknown,
  requestId: string | null,
  retryAfterMs: number | null,
): TesseraApiError {
  const { status, headers } = response
  const b = (body ?? {}) as Record<string, unknown>
  const envelope = b.error as Record<string, unknown> | undefined
  if (b.status === 'error' && envelope && typeof envelope === 'object') {
    return apiError({
      status,
      code: String(envelope.code ?? `HTTP_${status}`),
      message: String(envelope.message ?? `HTTP ${status}`),
      details: envelope.details,
      requestId,
      retryAfterMs,
      headers,
    })
  }
  if (typeof b.error === 'string') {
    return apiError({
      status,
      code: b.error,
      message: typeof b.error_description === 'string' ? b.error_description : b.error,
      requestId,
      retryAfterMs,
      headers,
    })
  }
  const message = `HTTP ${status}`
  return apiError({ status, code: `HTTP_${status}`, message, requestId, retryAfterMs, headers })
}

function errorCode(err: unknown): string | null {
  for (
    let e: unknown = err, depth = 0;
    e && depth < 4;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string') return code
  }
  return null
}

function normaliseBaseUrl(baseUrl: string | URL): string {
  const url = new URL(String(baseUrl))
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`baseUrl must be an http(s) URL, not ${url.protocol}`)
  }
  url.search = ''
  url.hash = ''
  return url.toString().replace(/\/+$/, '').replace(/\/v2$/, '')
}

/** A path segment from a caller's value (ids may come from anywhere). */
export function segment(value: string | number): string {
  return encodeURIComponent(String(value))
}
