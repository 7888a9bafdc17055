import type { TokenPair } from '../types.js'
import type { TokenStore } from './token-store.js'

/**
 * What the Redis store needs of your client: ioredis's `eval(script, numKeys, ...keysAndArgs)`.
 * An ioredis client fits as it is; for node-redis, pass
 * `{ eval: (s, n, ...a) => client.eval(s, { keys: a.slice(0, n), arguments: a.slice(n).map(String) }) }`.
 */
export interface RedisClient {
  eval(script: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>
}

export interface RedisTokenStoreOptions {
  readonly client: RedisClient
  /** Key prefix. Default `tessera:tokens:`. */
  readonly prefix?: string
}

// Every operation is a script, so the store needs nothing but EVAL and each one is atomic.
const GET = `return redis.call('GET', KEYS[1])`
const SET = `redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1`
const DELETE = `return redis.call('DEL', KEYS[1])`
/** ARGV: expected refresh token ('' for "nothing stored"), new JSON, TTL in ms. */
const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1])
if ARGV[1] == '' then
  if current then return 0 end
else
  if not current then return 0 end
  if cjson.decode(current).refreshToken ~= ARGV[1] then return 0 end
end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1`

/**
 * Token pairs in Redis, shared by every process of your backend. Each pair expires with its
 * refresh token, so sessions nobody refreshes leave by themselves. Compare-and-set is one Lua
 * script, atomic in Redis.
 */
export class RedisTokenStore implements TokenStore {
  readonly #client: RedisClient
  readonly #prefix: string

  constructor(options: RedisTokenStoreOptions) {
    this.#client = options.client
    this.#prefix = options.prefix ?? 'tessera:tokens:'
  }

  async get(key: string): Promise<TokenPair | null> {
    const value = await this.#client.eval(GET, 1, this.#prefix + key)
    return typeof value === 'string' ? (JSON.parse(value) as TokenPair) : null
  }

  async compareAndSet(
    key: string,
    expectedRefreshToken: string | null,
    next: TokenPair,
  ): Promise<boolean> {
    const stored = await this.#client.eval(
      COMPARE_AND_SET,
      1,
      this.#prefix + key,
      expectedRefreshToken ?? '',
      JSON.stringify(next),
      ttl(next),
    )
    return Number(stored) === 1
  }

  async set(key: string, tokens: TokenPair): Promise<void> {
    await this.#client.eval(SET, 1, this.#prefix + key, JSON.stringify(tokens), ttl(tokens))
  }

  async delete(key: string): Promise<void> {
    await this.#client.eval(DELETE, 1, this.#prefix + key)
  }
}

/** Until the refresh token expires (at least a second: Redis refuses PX 0). */
function ttl(tokens: TokenPair): number {
  return Math.max(1000, tokens.refreshTokenExpiresAt - Date.now())
}
