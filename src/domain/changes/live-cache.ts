import type { Change, ChangeFeed } from './change-feed.js'

/**
 * A bounded LRU cache that is trusted only while the change feed is live. Entries are dropped when
 * a change names them; while the feed is down every read goes to the loader (and the cache is
 * emptied when the feed goes down or comes back), so another process's change is never missed.
 */
export class LiveCache<K, V> {
  readonly #entries = new Map<K, V>()
  /** Bumped on every invalidation: a load that overlapped one must not store what it read. */
  #epoch = 0

  constructor(
    private readonly changes: ChangeFeed,
    private readonly maxEntries: number,
    keysOf: (change: Change) => readonly K[] | undefined,
  ) {
    changes.subscribe((change) => {
      const keys = keysOf(change)
      if (!keys) return
      this.#epoch++
      for (const key of keys) this.#entries.delete(key)
    })
    changes.onLiveChange(() => this.clear())
  }

  async get(key: K, load: (key: K) => Promise<V | null>): Promise<V | null> {
    const hit = this.#entries.get(key)
    if (hit !== undefined) {
      // move to the back: the front of a Map is its least recently used entry
      this.#entries.delete(key)
      this.#entries.set(key, hit)
      return hit
    }
    const epoch = this.#epoch
    const value = await load(key)
    if (value !== null && epoch === this.#epoch && this.changes.live) {
      if (this.#entries.size >= this.maxEntries) {
        this.#entries.delete(this.#entries.keys().next().value as K)
      }
      this.#entries.set(key, value)
    }
    return value
  }

  delete(key: K): void {
    this.#epoch++
    this.#entries.delete(key)
  }

  clear(): void {
    this.#epoch++
    this.#entries.clear()
  }

  get size(): number {
    return this.#entries.size
  }
}
