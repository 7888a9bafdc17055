import * as http from 'node:http'
import * as https from 'node:https'
import { isIP } from 'node:net'
import { bareHost, type AddressPolicy } from './address-policy.js'

/** What the delivery log keeps of a response body. */
const RESPONSE_EXCERPT_BYTES = 1024
/** Read (and discard) at most this much more, so the connection can be reused; past it, close. */
const DRAIN_LIMIT_BYTES = 64 * 1024

export interface OutboundRequest {
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

export interface OutboundResult {
  /** null when no response arrived (refused, timed out, reset, TLS failure…). */
  readonly statusCode: number | null
  readonly latencyMs: number
  /** The first 1 KiB of the response body, as text. */
  readonly responseBody: string | null
  /** The receiver's Retry-After header, as sent (read against the delivery clock later). */
  readonly retryAfter: string | null
  /** Why no response arrived, or null. */
  readonly error: string | null
}

export type Send = (request: OutboundRequest) => Promise<OutboundResult>

/**
 * POSTs one event. Redirects are never followed (a 3xx is an answer, and following one would let
 * a receiver point Tessera anywhere); every connection goes through the address policy; the
 * whole exchange has one deadline. Connections are kept alive per receiver, so a busy endpoint
 * costs a request, not a TCP and TLS handshake, per event. Never throws.
 */
export class HttpSender {
  readonly #agents: { http: http.Agent; https: https.Agent }

  constructor(
    private readonly policy: AddressPolicy,
    private readonly timeoutMs: number,
  ) {
    const options = { keepAlive: true, maxSockets: 32, maxFreeSockets: 8, timeout: 60_000 }
    this.#agents = { http: new http.Agent(options), https: new https.Agent(options) }
  }

  readonly send: Send = (request) => {
    const target = this.#target(request.url)
    if (typeof target === 'string') {
      return Promise.resolve({
        statusCode: null,
        latencyMs: 0,
        responseBody: null,
        retryAfter: null,
        error: target,
      })
    }
    const started = performance.now()
    return new Promise<OutboundResult>((resolve) => {
      const secure = target.protocol === 'https:'
      const body = Buffer.from(request.body, 'utf8')
      const req = (secure ? https : http).request(target, {
        method: 'POST',
        agent: secure ? this.#agents.https : this.#agents.http,
        lookup: this.policy.lookup as never,
        headers: { ...request.headers, 'content-length': String(body.length) },
      })
      let settled = false
      const finish = (result: Omit<OutboundResult, 'latencyMs'>) => {
        if (settled) return
        settled = true
        clearTimeout(deadline)
        resolve({ ...result, latencyMs: Math.round(performance.now() - started) })
      }
      const failed = (error: string) =>
        finish({ statusCode: null, responseBody: null, retryAfter: null, error })
      const deadline = setTimeout(() => {
        failed(`no response within ${Number((this.timeoutMs / 1000).toFixed(1))} s`)
        req.destroy()
      }, this.timeoutMs)
      deadline.unref()

      req.on('error', (err: NodeJS.ErrnoException) => failed(describeError(err)))
      req.on('response', (res) => {
        const chunks: Buffer[] = []
        let kept = 0
        let read = 0
        res.on('data', (chunk: Buffer) => {
          read += chunk.length
          if (kept < RESPONSE_EXCERPT_BYTES) {
            const part = chunk.subarray(0, RESPONSE_EXCERPT_BYTES - kept)
            chunks.push(part)
            kept += part.length
          }
          if (read > DRAIN_LIMIT_BYTES) res.destroy()
        })
        const done = () =>
          finish({
            statusCode: res.statusCode ?? null,
            responseBody: chunks.length > 0 ? excerpt(Buffer.concat(chunks)) : null,
            retryAfter: headerText(res.headers['retry-after']),
            error: null,
          })
        res.on('end', done)
        // a receiver that closes mid-body has still answered with its status
        res.on('close', done)
        res.on('error', done)
      })
      req.end(body)
    })
  }

  /** The URL to connect to, or why not: net.connect skips `lookup` for an IP literal. */
  #target(text: string): URL | string {
    let url: URL
    try {
      url = new URL(text)
    } catch {
      return 'the subscriber URL is not valid'
    }
    const host = bareHost(url.hostname)
    if (isIP(host) !== 0 && !this.policy.allowsAddress(host)) {
      return `${host} is a private, loopback, link-local or metadata address`
    }
    return url
  }

  close(): void {
    this.#agents.http.destroy()
    this.#agents.https.destroy()
  }
}

/** Text for the delivery log: valid UTF-8 only (a cut multi-byte character is dropped). */
function excerpt(bytes: Buffer): string {
  return bytes.toString('utf8').replace(/\uFFFD+$/, '')
}

function describeError(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ECONNREFUSED':
      return 'connection refused'
    case 'ECONNRESET':
      return 'connection reset before a response'
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host does not resolve'
    case 'EREFUSEDADDRESS':
      return err.message
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable'
    default:
      // TLS and protocol errors: their messages name the problem, not a secret
      return err.code ? `${err.code}: ${err.message}` : err.message
  }
}

function headerText(value: string | string[] | undefined): string | null {
  const text = Array.isArray(value) ? value[0] : value
  return text === undefined ? null : text
}

/** RFC 9110 §10.2.3: delay-seconds or an HTTP-date; seconds from `now`. */
export function parseRetryAfter(text: string | null, now: number): number | null {
  if (text === null) return null
  const trimmed = text.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed)
  const date = Date.parse(trimmed)
  if (Number.isNaN(date)) return null
  return Math.max(0, Math.ceil((date - now) / 1000))
}
