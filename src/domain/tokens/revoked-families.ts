import type { Context } from '../../context.js'
import { retryInBackground } from '../../faults/fault-log.js'
import { isFamilyRevoked, recentlyRevoked } from './family.repository.js'

/**
 * Beyond this many remembered revocations (a mass revocation), the set stops growing and checks of
 * families it does not hold go to the database until old entries age out: memory stays bounded,
 * and no revocation is ever missed.
 */
const MAX_REMEMBERED = 100_000

/**
 * The families revoked recently enough that some of their access tokens may still be unexpired.
 * Kept in memory so verifying an access token needs no query: loaded at start, then fed by the
 * change feed. While the feed is down (another process's revocation could be missed) every check
 * asks the database instead, so the guarantee holds, only slower.
 */
export class RevokedFamilies {
  readonly #revoked = new Map<string, number>()
  #ready = false
  #overflowed = false
  /** Revocations not remembered so far (the set was full); see `#recover`. */
  #dropped = 0
  #loading: Promise<void> | undefined

  constructor(
    private readonly ctx: Context,
    private readonly maxRemembered = MAX_REMEMBERED,
  ) {
    ctx.changes.subscribe((change) => {
      if (change.kind !== 'families-revoked') return
      const now = ctx.clock()
      for (const id of change.ids) this.#remember(id, now)
    })
    ctx.changes.onLiveChange((live) => {
      this.#ready = false
      // Until the reload succeeds every check asks the database; if the feed drops again, the
      // next time it is live starts a new reload.
      if (live) {
        void retryInBackground(
          () => this.load(),
          ctx.faults,
          'revoked_families',
          'loading revoked token families failed; checks ask the database until it succeeds',
          { stopped: () => !ctx.changes.live },
        )
      }
    })
  }

  /** How long a revoked family must be remembered: any access token it issued expires by then. */
  get windowMs(): number {
    const { accessTokenTtlSeconds, refreshReuseIntervalSeconds } = this.ctx.config
    return (accessTokenTtlSeconds + refreshReuseIntervalSeconds) * 1000 + 5 * 60_000
  }

  async load(): Promise<void> {
    this.#loading ??= (async () => {
      try {
        const since = new Date(this.ctx.clock() - this.windowMs)
        for (const row of await recentlyRevoked(this.ctx.database.db, since)) {
          this.#remember(row.id, row.revoked_at!.getTime())
        }
        this.#ready = this.ctx.changes.live
      } finally {
        this.#loading = undefined
      }
    })()
    return this.#loading
  }

  isRevoked(familyId: string): boolean | Promise<boolean> {
    if (this.#revoked.has(familyId)) return true
    if (this.#ready && !this.#overflowed) return false
    return isFamilyRevoked(this.ctx.database.sql, familyId)
  }

  /**
   * Forgets revocations older than the window (their tokens have all expired). Resolves once the
   * set is trusted again, when this prune ends an overflow (a reload from the database).
   */
  prune(): Promise<void> {
    const cutoff = this.ctx.clock() - this.windowMs
    for (const [id, at] of this.#revoked) if (at < cutoff) this.#revoked.delete(id)
    // what was not remembered during an overflow is older than the window by now, or still in the
    // database: trust the set again once it has room and a full window has passed
    if (this.#overflowed && this.#revoked.size < this.maxRemembered / 2) return this.#recover()
    return Promise.resolve()
  }

  #remember(id: string, at: number): void {
    if (this.#revoked.size >= this.maxRemembered && !this.#revoked.has(id)) {
      this.#overflowed = true
      this.#dropped++
      return
    }
    this.#revoked.set(id, at)
  }

  /** Reloads from the database; the set is trusted again only if nothing was dropped meanwhile. */
  async #recover(): Promise<void> {
    const dropped = this.#dropped
    await this.load()
    if (this.#dropped === dropped) this.#overflowed = false
  }

  get size(): number {
    return this.#revoked.size
  }
}
