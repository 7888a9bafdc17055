import { SingleFlight } from '../tokens/single-flight.js'
import { VerifierUnavailableError } from './errors.js'

export interface IntrospectionOptions {
  /** The OAuth client whose tokens this resource server accepts (RFC 7662 §2.1 authentication). */
  readonly clientId: string
  readonly clientSecret: string
  /**
   * How long an "active" answer is reused for the same token. Default 0: every verification
   * asks Tessera (concurrent verifications of one token share one request), so a revocation is
   * seen at once. A few seconds trade that for load on busy routes. "Inactive" answers are kept
   * until the token's expiry: a revoked token never comes back.
   */
  readonly cacheMs?: number
}

export interface IntrospectionResult {
  readonly active: boolean
  readonly client_id?: string
  readonly sid?: string
  readonly sub?: string
  readonly exp?: number
}

/** Answers kept at most; the oldest go first. */
const MAX_CACHED = 10_000

/** RFC 7662 introspection at Tessera, with a short cache and one request per token at a time. */
export class Introspector {
  readonly #cache = new Map<string, { result: IntrospectionResult; until: number }>()
  readonly #inFlight = new SingleFlight<IntrospectionResult>()
  readonly #authorization: string

  constructor(
    private readonly endpoint: string,
    private readonly options: IntrospectionOptions,
    private readonly fetchImpl: typeof fetch,
    private readonly timeoutMs: number,
  ) {
    // RFC 6749 §2.3.1: each part form-urlencoded before joining
    const id = encodeURIComponent(options.clientId)
    const secret = encodeURIComponent(options.clientSecret)
    this.#authorization = `Basic ${btoa(`${id}:${secret}`)}`
  }

  async introspect(token: string, expiresAt: number): Promise<IntrospectionResult> {
    const cached = this.#cache.get(token)
    if (cached && cached.until > Date.now()) return cached.result
    const result = await this.#inFlight.run(token, () => this.#ask(token))
    const until = result.active ? Date.now() + (this.options.cacheMs ?? 0) : expiresAt
    if (until > Date.now()) this.#remember(token, result, until)
    return result
  }

  #remember(token: string, result: IntrospectionResult, until: number): void {
    this.#cache.delete(token)
    this.#cache.set(token, { result, until })
    if (this.#cache.size > MAX_CACHED) {
      const oldest = this.#cache.keys().next().value
      if (oldest !== undefined) this.#cache.delete(oldest)
    }
  }

  async #ask(token: string): Promise<IntrospectionResult> {
    let response: Response
    try {
      response = await this.fetchImpl(this.endpoint, {
        method: 'POST',
        headers: {
          authorization: this.#authorization,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: new URLSearchParams({ token, token_type_hint: 'access_token' }).toString(),
        signal: AbortSignal.timeout(this.timeoutMs),
      })
    } catch (err) {
      throw new VerifierUnavailableError('Introspection request failed', { cause: err })
    }
    const body = (await response.json().catch(() => null)) as IntrospectionResult | null
    if (response.status !== 200 || !body || typeof body.active !== 'boolean') {
      // 401: the resource server's client credentials are wrong — a configuration problem
      throw new VerifierUnavailableError(`Introspection answered HTTP ${response.status}`)
    }
    return body
  }
}
