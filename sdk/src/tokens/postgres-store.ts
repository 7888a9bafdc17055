import type { TokenPair } from '../types.js'
import type { TokenStore } from './token-store.js'

/**
 * What the PostgreSQL store needs of your client: `query(text, values)` resolving with `rows`.
 * A `pg` Pool or Client fits as it is (and PGlite too); the SDK depends on neither.
 */
export interface SqlClient {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>
}

export interface PostgresTokenStoreOptions {
  readonly client: SqlClient
  /** Table name, optionally schema-qualified. Default `tessera_tokens`. */
  readonly table?: string
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}(\.[A-Za-z_][A-Za-z0-9_]{0,62})?$/

/**
 * Token pairs in a PostgreSQL table of yours, shared by every process of your backend. The
 * compare-and-set is one conditional `UPDATE`, atomic under PostgreSQL's row locking. Refresh
 * tokens are bearer credentials: keep this table as private as your users' passwords.
 */
export class PostgresTokenStore implements TokenStore {
  readonly #client: SqlClient
  readonly #table: string

  constructor(options: PostgresTokenStoreOptions) {
    const table = options.table ?? 'tessera_tokens'
    if (!IDENTIFIER.test(table)) throw new TypeError(`Not a plain table name: ${table}`)
    this.#client = options.client
    this.#table = table
  }

  /** Creates the table if it does not exist (or create it with your migrations: see the docs). */
  async createTable(): Promise<void> {
    await this.#client.query(
      `CREATE TABLE IF NOT EXISTS ${this.#table} (
        key text PRIMARY KEY,
        access_token text NOT NULL,
        refresh_token text NOT NULL,
        access_token_expires_at bigint NOT NULL,
        refresh_token_expires_at bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
    )
  }

  async get(key: string): Promise<TokenPair | null> {
    const { rows } = await this.#client.query(
      `SELECT access_token, refresh_token, access_token_expires_at, refresh_token_expires_at
       FROM ${this.#table} WHERE key = $1`,
      [key],
    )
    const row = rows[0]
    return row
      ? {
          accessToken: String(row.access_token),
          refreshToken: String(row.refresh_token),
          // bigint comes back as a string from pg
          accessTokenExpiresAt: Number(row.access_token_expires_at),
          refreshTokenExpiresAt: Number(row.refresh_token_expires_at),
        }
      : null
  }

  async compareAndSet(
    key: string,
    expectedRefreshToken: string | null,
    next: TokenPair,
  ): Promise<boolean> {
    const values = [
      key,
      next.accessToken,
      next.refreshToken,
      next.accessTokenExpiresAt,
      next.refreshTokenExpiresAt,
    ]
    const { rows } =
      expectedRefreshToken === null
        ? await this.#client.query(
            `INSERT INTO ${this.#table}
               (key, access_token, refresh_token, access_token_expires_at, refresh_token_expires_at)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key) DO NOTHING RETURNING key`,
            values,
          )
        : await this.#client.query(
            `UPDATE ${this.#table} SET access_token = $2, refresh_token = $3,
               access_token_expires_at = $4, refresh_token_expires_at = $5, updated_at = now()
             WHERE key = $1 AND refresh_token = $6 RETURNING key`,
            [...values, expectedRefreshToken],
          )
    return rows.length === 1
  }

  async set(key: string, tokens: TokenPair): Promise<void> {
    await this.#client.query(
      `INSERT INTO ${this.#table}
         (key, access_token, refresh_token, access_token_expires_at, refresh_token_expires_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (key) DO UPDATE SET access_token = EXCLUDED.access_token,
         refresh_token = EXCLUDED.refresh_token,
         access_token_expires_at = EXCLUDED.access_token_expires_at,
         refresh_token_expires_at = EXCLUDED.refresh_token_expires_at, updated_at = now()`,
      [
        key,
        tokens.accessToken,
        tokens.refreshToken,
        tokens.accessTokenExpiresAt,
        tokens.refreshTokenExpiresAt,
      ],
    )
  }

  async delete(key: string): Promise<void> {
    await this.#client.query(`DELETE FROM ${this.#table} WHERE key = $1`, [key])
  }
}
