import type { TesseraClient } from '../clients/tessera-client.js'
import {
  ConnectionError,
  NoStoredTokensError,
  RateLimitedError,
  ServerError,
  SessionRevokedError,
} from '../errors.js'
import type { CreatedManagedUser, CreateManagedUserInput, TokenPair } from '../types.js'
import { SingleFlight } from './single-flight.js'
import { MemoryTokenStore, type TokenStore } from './token-store.js'

export interface TokenManagerOptions {
  /** The platform backend's client (its id and secret refresh the tokens). */
  readonly client: TesseraClient
  /** Where the pairs live. Default: this process's memory. */
  readonly store?: TokenStore
  /** Refresh when the access token expires within this. Default 60 000 ms. */
  readonly refreshMarginMs?: number
  /**
   * What a refused refresh does. `'throw'` (default): `SessionRevokedError`, because a revoked
   * session — above all one revoked for a replayed refresh token — is a security signal, not
   * something to paper over. `'force-refresh'`: start a new session for the user, as Cal.com's
   * starter kit does.
   */
  readonly onRefused?: 'throw' | 'force-refresh'
  /** The `fetch` of `fetchAs`. Default: the platform's. */
  readonly fetch?: typeof fetch
}

/** Below this, an access token is too close to expiry to hand out even when Tessera is down. */
const STILL_USABLE_MS = 5_000
/** Bound on compare-and-set rounds against other processes writing the same user. */
const MAX_SAVE_ROUNDS = 5

/**
 * Hands out valid access tokens for managed users and keeps their pairs fresh:
 * - refreshes ahead of expiry, one refresh per user at a time in this process;
 * - a lost refresh is retried with the same refresh token (Tessera answers with the same pair);
 * - a new pair is saved with compare-and-set on the previous refresh token, so processes sharing
 *   a store never replace a newer pair with an older one;
 * - a refused refresh throws `SessionRevokedError` (or force-refreshes, if configured).
 */
export class TokenManager {
  readonly #client: TesseraClient
  readonly #store: TokenStore
  readonly #marginMs: number
  readonly #onRefused: 'throw' | 'force-refresh'
  readonly #fetch: typeof fetch
  readonly #renewals = new SingleFlight<TokenPair>()

  constructor(options: TokenManagerOptions) {
    this.#client = options.client
    this.#store = options.store ?? new MemoryTokenStore()
    this.#marginMs = options.refreshMarginMs ?? 60_000
    this.#onRefused = options.onRefused ?? 'throw'
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
  }

  /** The store key of a user: a store may be shared by several OAuth clients. */
  keyOf(userId: number): string {
    return `${this.#client.clientId}:${userId}`
  }

  /** Creates a managed user and stores its first pair. */
  async createUser(input: CreateManagedUserInput): Promise<CreatedManagedUser> {
    const created = await this.#client.users.create(input)
    await this.save(created.user.id, created)
    return created
  }

  /** Stores a pair you obtained yourself (creation, force-refresh, an import). */
  async save(userId: number, tokens: TokenPair): Promise<void> {
    await this.#store.set(this.keyOf(userId), pairOf(tokens))
  }

  /** Forgets a user's pair (after deleting the user, for instance). */
  async forget(userId: number): Promise<void> {
    await this.#store.delete(this.keyOf(userId))
  }

  /** A valid access token for the user, refreshed first if it expires within the margin. */
  async getAccessToken(userId: number): Promise<string> {
    return (await this.getTokens(userId)).accessToken
  }

  /** The user's current pair, refreshed first if its access token expires within the margin. */
  async getTokens(userId: number): Promise<TokenPair> {
    const key = this.keyOf(userId)
    const stored = await this.#store.get(key)
    if (!stored) throw new NoStoredTokensError(userId)
    if (this.#isFresh(stored)) return stored
    return this.#renewals.run(key, () => this.#renew(userId, key, null))
  }

  /**
   * Refreshes now unless another caller already replaced `rejectedAccessToken` (what to call
   * when Tessera answered 498 for a token that looked valid here: clocks differ).
   */
  async refreshAfterRejection(userId: number, rejectedAccessToken: string): Promise<TokenPair> {
    const key = this.keyOf(userId)
    return this.#renewals.run(key, () => this.#renew(userId, key, rejectedAccessToken))
  }

  /**
   * A session for the user that starts now: every earlier token of the user stops working.
   * The new pair is stored.
   */
  async forceRefresh(userId: number): Promise<TokenPair> {
    const key = this.keyOf(userId)
    const stored = await this.#store.get(key)
    // not joined to a refresh in flight: the caller wants every earlier token revoked
    return this.#startNewSession(userId, key, stored?.refreshToken ?? null)
  }

  /**
   * `fetch` as the user: adds `Authorization: Bearer <access token>`; when the API answers 498
   * (the token expired there), refreshes once and sends the request again, as Cal.com's atoms
   * do. A request body is buffered for that second send.
   */
  async fetchAs(
    userId: number,
    input: Request | string | URL,
    init?: RequestInit,
  ): Promise<Response> {
    const request = new Request(input, init)
    const again = request.clone()
    const token = await this.getAccessToken(userId)
    const first = await this.#fetch(withBearer(request, token))
    if (first.status !== 498) return first
    await first.body?.cancel()
    const renewed = await this.refreshAfterRejection(userId, token)
    return this.#fetch(withBearer(again, renewed.accessToken))
  }

  #isFresh(tokens: TokenPair): boolean {
    return tokens.accessTokenExpiresAt - Date.now() > this.#marginMs
  }

  /**
   * The refresh itself, once per user at a time. Reads the store again first: another process
   * (or the flight that just ended) may have renewed the pair already.
   */
  async #renew(
    userId: number,
    key: string,
    rejectedAccessToken: string | null,
  ): Promise<TokenPair> {
    const current = await this.#store.get(key)
    if (!current) throw new NoStoredTokensError(userId)
    const alreadyRenewed =
      rejectedAccessToken === null
        ? this.#isFresh(current)
        : current.accessToken !== rejectedAccessToken && current.accessTokenExpiresAt > Date.now()
    if (alreadyRenewed) return current
    let refreshed: TokenPair
    try {
      refreshed = (await this.#client.refresh(current.refreshToken)).tokens
    } catch (err) {
      return this.#refreshFailed(err, userId, key, current, rejectedAccessToken)
    }
    return this.#save(key, current.refreshToken, refreshed)
  }

  async #refreshFailed(
    err: unknown,
    userId: number,
    key: string,
    current: TokenPair,
    rejectedAccessToken: string | null,
  ): Promise<TokenPair> {
    if (err instanceof SessionRevokedError) {
      // Not a replay: another process may have started a new session (force-refresh) since we
      // read the store. After a replay every pair of the session is dead, whatever is stored.
      if (err.reason !== 'replay') {
        const latest = await this.#store.get(key)
        if (latest && latest.refreshToken !== current.refreshToken && this.#isFresh(latest)) {
          return latest
        }
      }
      if (this.#onRefused === 'force-refresh') {
        return this.#startNewSession(userId, key, current.refreshToken)
      }
      throw err
    }
    // Tessera unreachable or overloaded while the token still has time left (we refresh ahead):
    // keep serving it; the next call tries again with the same refresh token.
    const transient =
      err instanceof ConnectionError ||
      err instanceof ServerError ||
      err instanceof RateLimitedError
    if (
      transient &&
      rejectedAccessToken === null &&
      current.accessTokenExpiresAt - Date.now() > STILL_USABLE_MS
    ) {
      return current
    }
    throw err
  }

  async #startNewSession(userId: number, key: string, expected: string | null): Promise<TokenPair> {
    const tokens = await this.#client.users.forceRefresh(userId)
    return this.#save(key, expected, tokens)
  }

  /**
   * Compare-and-set on the refresh token this pair replaces. When it fails, another process
   * wrote first: keep theirs if it is the same pair or a newer one (issued later); replace it
   * only if ours is newer (our force-refresh came after theirs and revoked it).
   */
  async #save(key: string, expected: string | null, next: TokenPair): Promise<TokenPair> {
    let replacing = expected
    for (let round = 0; round < MAX_SAVE_ROUNDS; round++) {
      if (await this.#store.compareAndSet(key, replacing, next)) return next
      const stored = await this.#store.get(key)
      // forgotten meanwhile (the user was deleted): do not bring it back
      if (!stored) return next
      if (stored.refreshToken === next.refreshToken) return stored
      if (stored.accessTokenExpiresAt >= next.accessTokenExpiresAt) return stored
      replacing = stored.refreshToken
    }
    return next
  }
}

function pairOf(tokens: TokenPair): TokenPair {
  return {
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    accessTokenExpiresAt: tokens.accessTokenExpiresAt,
    refreshTokenExpiresAt: tokens.refreshTokenExpiresAt,
  }
}

function withBearer(request: Request, token: string): Request {
  const headers = new Headers(request.headers)
  headers.set('authorization', `Bearer ${token}`)
  return new Request(request, { headers })
}
