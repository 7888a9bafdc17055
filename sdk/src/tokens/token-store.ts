import type { TokenPair } from '../types.js'

/**
 * Where a platform keeps its managed users' token pairs. Several processes may share one store;
 * `compareAndSet` is what keeps them from overwriting a newer pair with an older one, so it must
 * be atomic with respect to every process using the store.
 *
 * Keys are opaque strings (the token manager uses `<clientId>:<userId>`).
 */
export interface TokenStore {
  /** The stored pair, or null. */
  get(key: string): Promise<TokenPair | null>
  /**
   * Stores `next` only if the stored pair's refresh token is still `expectedRefreshToken`
   * (`null`: only if nothing is stored). Resolves true when it stored `next`.
   */
  compareAndSet(key: string, expectedRefreshToken: string | null, next: TokenPair): Promise<boolean>
  /** Stores `tokens` whatever is there (a new user's first pair). */
  set(key: string, tokens: TokenPair): Promise<void>
  delete(key: string): Promise<void>
}

/** The default store: one process's memory. Use a shared store when several processes serve users. */
export class MemoryTokenStore implements TokenStore {
  readonly #pairs = new Map<string, TokenPair>()

  async get(key: string): Promise<TokenPair | null> {
    return this.#pairs.get(key) ?? null
  }

  async compareAndSet(
    key: string,
    expectedRefreshToken: string | null,
    next: TokenPair,
  ): Promise<boolean> {
    // compare and set in one synchronous step: nothing else runs in between
    const current = this.#pairs.get(key)?.refreshToken ?? null
    if (current !== expectedRefreshToken) return false
    this.#pairs.set(key, next)
    return true
  }

  async set(key: string, tokens: TokenPair): Promise<void> {
    this.#pairs.set(key, tokens)
  }

  async delete(key: string): Promise<void> {
    this.#pairs.delete(key)
  }
}
