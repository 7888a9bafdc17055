import type { Context } from '../../context.js'
import { isFamilyRevoked, recentlyRevoked } from './family.repository.js'

/**
 * The families revoked recently enough that some of their access tokens may still be unexpired.
 * Kept in memory so verifying an access token needs no query: loaded at start, then fed by the
 * change feed. While the feed is down (another process's revocation could be missed) every check
 * asks the database instead, so the guarantee holds, only slower.
 */
export class RevokedFamilies {
  readonly #revoked = new Map<string, number>()
  #ready = false
  #loading: Promise<void> | undefined

  constructor(private readonly ctx: Context) {
    ctx.changes.subscribe((change) => {
      if (change.kind !== 'families-revoked') return
      const now = ctx.clock()
      for (const id of change.ids) this.#revoked.set(id, now)
    })
    ctx.changes.onLiveChange((live) => {
      this.#ready = false
      if (live) void this.load()
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
          this.#revoked.set(row.id, row.revoked_at!.getTime())
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
    if (this.#ready) return false
    return isFamilyRevoked(this.ctx.database.sql, familyId)
  }

  /** Forgets revocations older than the window (their tokens have all expired). */
  prune(): void {
    const cutoff = this.ctx.clock() - this.windowMs
    for (const [id, at] of this.#revoked) if (at < cutoff) this.#revoked.delete(id)
  }

  get size(): number {
    return this.#revoked.size
  }
}
