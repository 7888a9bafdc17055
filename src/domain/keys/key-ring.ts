import { ADVISORY_LOCKS } from '../advisory-locks.js'
import { sql } from 'kysely'
import type { Context } from '../../context.js'
import type { SigningAlg } from '../../config/config.js'
import { conflict } from '../../errors.js'
import { retryInBackground } from '../../faults/fault-log.js'
import { recordAuditEvent, type Actor } from '../audit/record.js'
import { transact } from '../transact.js'
import { generateSigningKey, loadSigningKey, type SigningKey } from './signing-key.js'

/** Extra life of a retired key beyond the longest-lived token it may have signed. */
const RETIREMENT_MARGIN_MS = 5 * 60_000

export interface RotationResult {
  readonly kid: string
  readonly alg: SigningAlg
  readonly previousKid: string | null
  /** When the new key starts signing; until then it is only published in the JWKS. */
  readonly activatesAt: Date
}

/**
 * The signing keys of this instance: exactly one key signs at a time; retired keys keep verifying
 * until the last token they signed has expired, then leave the JWKS and are deleted.
 *
 * A rotation publishes the next key at once and lets it sign only after the activation delay
 * (TESSERA_SIGNING_KEY_ACTIVATION_DELAY_SECONDS), so verifiers that cache the JWKS have fetched it
 * before they meet a token it signed. Stored as: the previous key's `retired_at` is the switch
 * instant (in the future while the rotation is pending), and the next key is the one whose
 * `retired_at` is null. Every process switches at that instant by its own clock.
 */
export class KeyRing {
  #keys = new Map<string, SigningKey>()
  /** The key with no retirement: it signs from `#switchAt` on. */
  #current: SigningKey | undefined
  /** The key retired last: it still signs until `#switchAt`. */
  #previous: SigningKey | undefined
  #switchAt = -Infinity
  #lastReload = 0
  #reloading = false
  #reloadWanted = false

  constructor(private readonly ctx: Context) {
    ctx.changes.subscribe((change) => {
      if (change.kind === 'signing-keys') this.#reloadInBackground()
    })
    // changes made while the feed was down were not heard: read the keys again when it is back
    ctx.changes.onLiveChange((live) => {
      if (live) this.#reloadInBackground()
    })
  }

  /** A reload nobody awaits: retried with backoff until it succeeds, failures reported. */
  #reloadInBackground(): void {
    this.#reloadWanted = true
    if (this.#reloading) return
    this.#reloading = true
    void (async () => {
      // a change heard during a reload may have missed it: read once more
      while (this.#reloadWanted) {
        this.#reloadWanted = false
        await retryInBackground(
          () => this.reload(),
          this.ctx.faults,
          'key_ring',
          'reloading signing keys failed; retrying (the keys loaded before stay in use)',
        )
      }
    })().finally(() => {
      this.#reloading = false
    })
  }

  /** The key that signs now. */
  get active(): SigningKey {
    if (this.#previous !== undefined && this.ctx.clock() < this.#switchAt) return this.#previous
    if (!this.#current) throw new Error('signing keys are not loaded')
    return this.#current
  }

  /** The published key that will sign from `activatesAt`, while a rotation is pending. */
  pending(): { kid: string; activatesAt: Date } | null {
    if (!this.#current || this.ctx.clock() >= this.#switchAt) return null
    return { kid: this.#current.kid, activatesAt: new Date(this.#switchAt) }
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
    let current: SigningKey | undefined
    let previous: SigningKey | undefined
    for (const row of rows) {
      const key = loadSigningKey(row, this.ctx.keys.keyEncryption)
      keys.set(key.kid, key)
      if (key.retiredAt === null) current = key
      else if (previous === undefined || key.retiredAt > previous.retiredAt!) previous = key
    }
    this.#keys = keys
    if (current) {
      this.#current = current
      this.#previous = previous
      this.#switchAt = previous?.retiredAt ?? -Infinity
    }
  }

  /**
   * At start-up: make sure a key of the configured algorithm signs, or will once a pending
   * rotation completes (rotating if the algorithm changed).
   */
  async ensureActive(alg: SigningAlg): Promise<void> {
    await this.reload()
    if (this.#current?.alg === alg) return
    const first = this.#keys.size === 0
    const rotation = await this.rotate('system', alg, { onlyIfNotAlg: alg })
    this.ctx.logger.info(
      { kid: rotation.kid, alg, activatesAt: rotation.activatesAt.toISOString() },
      first
        ? 'generated the first signing key'
        : 'signing algorithm changed: a key of the new algorithm is published',
    )
  }

  /**
   * Publishes a new key that starts signing after the activation delay (at once for the first
   * key, and for HS256 keys, which are never published). The previous key keeps signing until
   * then and keeps verifying until its last token expires. While a rotation is pending another
   * is refused (409), except at start-up when the configured algorithm changed: the pending key,
   * which never signed, is then replaced.
   */
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
      const live = await trx
        .selectFrom('signing_keys')
        .select(['kid', 'alg', 'retired_at'])
        .where((eb) => eb.or([eb('retired_at', 'is', null), eb('retired_at', '>', now)]))
        .execute()
      const next = live.find((k) => k.retired_at === null)
      const signing = live.find((k) => k.retired_at !== null) ?? next
      const pending = signing !== next ? next : undefined
      if (options.onlyIfNotAlg && next?.alg === options.onlyIfNotAlg) {
        const activatesAt = signing?.retired_at ?? now
        return { kid: next.kid, alg: options.onlyIfNotAlg, previousKid: null, activatesAt }
      }
      if (pending) {
        if (!options.onlyIfNotAlg) {
          throw conflict(
            `A rotation is pending: key ${pending.kid} starts signing at ${signing!.retired_at!.toISOString()}. Rotate again after that.`,
          )
        }
        // the configuration changed while a rotation was pending: that key never signed
        await trx.deleteFrom('signing_keys').where('kid', '=', pending.kid).execute()
      }
      const delayMs =
        signing && material.publicJwk ? this.ctx.config.signingKeyActivationDelaySeconds * 1000 : 0
      const activatesAt = new Date(now.getTime() + delayMs)
      if (signing) {
        await trx
          .updateTable('signing_keys')
          .set({
            retired_at: activatesAt,
            verify_until: new Date(activatesAt.getTime() + lifetimeMs + RETIREMENT_MARGIN_MS),
          })
          .where('kid', '=', signing.kid)
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
          data: {
            kid: material.kid,
            alg,
            previousKid: signing?.kid ?? null,
            activatesAt: activatesAt.toISOString(),
          },
        },
        now,
      )
      changed({ kind: 'signing-keys' })
      return { kid: material.kid, alg, previousKid: signing?.kid ?? null, activatesAt }
    })
    await this.reload()
    return result
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
