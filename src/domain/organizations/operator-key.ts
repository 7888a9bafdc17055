import type { Context } from '../../context.js'
import { digestsEqual, keyedHash } from '../../crypto/keyed-hash.js'
import { generateSecret } from '../../crypto/secrets.js'

const SETTING = 'operator_key_hash'

/**
 * The operator's bearer key. From TESSERA_ADMIN_KEY when set; otherwise generated on the first
 * start of an instance, shown once, and kept only as a keyed hash in the database.
 */
export class OperatorKey {
  #hash: Buffer | undefined
  #loadedAt = 0

  constructor(private readonly ctx: Context) {}

  /** Returns the key when this call generated it (the caller prints it once), else null. */
  async ensure(): Promise<string | null> {
    if (this.ctx.config.adminKey) {
      this.#hash = keyedHash(this.ctx.keys.secretHash, this.ctx.config.adminKey)
      return null
    }
    const generated = generateSecret('operator')
    const hash = keyedHash(this.ctx.keys.secretHash, generated)
    // Two processes starting at once: exactly one insert wins, and only its key is printed.
    const inserted = await this.ctx.database.db
      .insertInto('instance_settings')
      .values({ key: SETTING, value: hash.toString('base64url') })
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('key')
      .executeTakeFirst()
    if (inserted) {
      this.#hash = hash
      return generated
    }
    await this.#load()
    return null
  }

  /** Replaces a generated operator key (CLI `operator-key reset`); returns the new key. */
  async reset(): Promise<string> {
    const generated = generateSecret('operator')
    const value = keyedHash(this.ctx.keys.secretHash, generated).toString('base64url')
    await this.ctx.database.db
      .insertInto('instance_settings')
      .values({ key: SETTING, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: new Date() }))
      .execute()
    return generated
  }

  async #load(): Promise<void> {
    this.#loadedAt = this.ctx.clock()
    const row = await this.ctx.database.db
      .selectFrom('instance_settings')
      .select('value')
      .where('key', '=', SETTING)
      .executeTakeFirst()
    this.#hash = row ? Buffer.from(row.value, 'base64url') : undefined
  }

  /**
   * Constant-time check. A generated key's hash is re-read when it is more than a second old, so a
   * reset by the CLI (from another process) retires the old key everywhere within a second; and
   * at most once a second, so a flood of wrong keys is not a flood of queries.
   */
  async verify(presented: string): Promise<boolean> {
    if (!this.ctx.config.adminKey && this.ctx.clock() - this.#loadedAt >= 1_000) await this.#load()
    const hash = keyedHash(this.ctx.keys.secretHash, presented)
    return this.#hash !== undefined && digestsEqual(hash, this.#hash)
  }
}
