import { ADVISORY_LOCKS } from '../advisory-locks.js'
import { sql } from 'kysely'
import type { Context } from '../../context.js'
import type { SigningAlg } from '../../config/config.js'
import { recordAuditEvent, type Actor } from '../audit/record.js'
import { transact } from '../transact.js'
import { generateSigningKey, loadSigningKey, type SigningKey } from './signing-key.js'

/** Extra life of a retired key beyond the longest-lived token it may have signed. */
const RETIREMENT_MARGIN_MS = 5 * 60_000

export interface RotationResult {
  readonly kid: string
  readonly alg: SigningAlg
  readonly previousKid: string | null
}

/**
 * The signing keys of this instance: exactly one active key signs; retired keys keep verifying
 * until the last token they signed has expired, then leave the JWKS and are deleted.
 */
export class KeyRing {
  #keys = new Map<string, SigningKey>()
  #active: SigningKey | undefined
  #lastReload = 0

  constructor(private readonly ctx: Context) {
    ctx.changes.subscribe((change) => {
      if (change.kind === 'signing-keys') void this.reload()
    })
  }

  get active(): SigningKey {
    if (!this.#active) throw new Error('signing keys are not loaded')
    return this.#active
  }

  /** A key that may verify a token now, by `kid`. */
  find(kid: string): SigningKey | undefined {
    const key = this.#keys.get(kid)
    if (!key) return undefined
    return key.verifyUntil === null || key.verifyUntil > this.ctx.clock() ? key : undefined
  }

  /**
   * Like `find`, but an unknown kid may mean another process rotated a moment ago: reload (at most
   * once a second, so forged kids cannot turn into a query per request) and look again.
   */
  async findFresh(kid: string): Promise<SigningKey | undefined> {
    const found = this.find(kid)
    if (found || this.ctx.clock() - this.#lastReload < 1_000) return found
    await this.reload()
    return this.find(kid)
  }

  /** Public keys that may still verify a token, for `/.well-known/jwks.json`. */
  jwks(): { keys: Record<string, unknown>[] } {
    const now = this.ctx.clock()
    const keys = [...this.#keys.values()]
      .filter((k) => k.publicJwk && (k.verifyUntil === null || k.verifyUntil > now))
      .sort((a, b) => (a.retiredAt ?? Infinity) - (b.retiredAt ?? Infinity))
      .reverse()
      .map((k) => ({ ...k.publicJwk }))
    return { keys }
  }

  async reload(): Promise<void> {
    this.#lastReload = this.ctx.clock()
    const rows = await this.ctx.database.db
      .selectFrom('signing_keys')
      .select(['kid', 'alg', 'public_jwk', 'private_key', 'retired_at', 'verify_until'])
      .execute()
    const keys = new Map<string, SigningKey>()
    let active: SigningKey | undefined
    for (const row of rows) {
      const key = loadSigningKey(row, this.ctx.keys.keyEncryption)
      keys.set(key.kid, key)
      if (key.retiredAt === null) active = key
    }
    this.#keys = keys
    if (active) this.#active = active
  }

  /** At start-up: make sure a key of the configured algorithm signs (rotating if it changed). */
  async ensureActive(alg: SigningAlg): Promise<void> {
    await this.reload()
    if (this.#active?.alg === alg) return
    await this.rotate('system', alg, { onlyIfNotAlg: alg })
  }

  /** Makes a new key the signer; the previous one keeps verifying until its tokens expire. */
  async rotate(
    actor: Actor,
    alg: SigningAlg = this.ctx.config.signingAlg,
    options: { onlyIfNotAlg?: SigningAlg } = {},
  ): Promise<RotationResult> {
    const material = await generateSigningKey(alg, this.ctx.keys.keyEncryption)
    const now = new Date(this.ctx.clock())
    const { accessTokenTtlSeconds, refreshReuseIntervalSeconds } = this.ctx.config
    // A duplicate refresh inside the reuse window re-signs with the key of the original answer.
    const lifetimeMs = (accessTokenTtlSeconds + refreshReuseIntervalSeconds) * 1000
    const result = await transact(this.ctx, async ({ trx, changed }) => {
      await sql`SELECT pg_advisory_xact_lock(${ADVISORY_LOCKS.signingKeys})`.execute(trx)
      const current = await trx
        .selectFrom('signing_keys')
        .select(['kid', 'alg'])
        .where('retired_at', 'is', null)
        .executeTakeFirst()
      if (options.onlyIfNotAlg && current?.alg === options.onlyIfNotAlg) {
        return { kid: current.kid, alg: options.onlyIfNotAlg, previousKid: null, rotated: false }
      }
      if (current) {
        await trx
          .updateTable('signing_keys')
          .set({
            retired_at: now,
            verify_until: new Date(now.getTime() + lifetimeMs + RETIREMENT_MARGIN_MS),
          })
          .where('kid', '=', current.kid)
          .execute()
      }
      await trx
        .insertInto('signing_keys')
        .values({
          kid: material.kid,
          alg: material.alg,
          public_jwk: material.publicJwk ? JSON.stringify(material.publicJwk) : null,
          private_key: material.sealedPrivateKey,
          created_at: now,
        })
        .execute()
      await recordAuditEvent(
        trx,
        {
          type: 'signing_key.rotated',
          organizationId: null,
          actor,
          data: { kid: material.kid, alg, previousKid: current?.kid ?? null },
        },
        now,
      )
      changed({ kind: 'signing-keys' })
      return { kid: material.kid, alg, previousKid: current?.kid ?? null, rotated: true }
    })
    await this.reload()
    return { kid: result.kid, alg: result.alg, previousKid: result.previousKid }
  }

  /** Deletes retired keys that can no longer verify anything. */
  async pruneExpired(): Promise<number> {
    const result = await this.ctx.database.db
      .deleteFrom('signing_keys')
      .where('verify_until', '<', new Date(this.ctx.clock()))
      .executeTakeFirst()
    return Number(result.numDeletedRows)
  }
}
