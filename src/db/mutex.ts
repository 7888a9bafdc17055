/** A FIFO async mutex: `lock()` resolves with the function that releases it. */
export class Mutex {
  #tail: Promise<void> = Promise.resolve()
  /** Told how long each `lock()` waited, in seconds (embedded mode's connection-acquire time). */
  onAcquired: ((seconds: number) => void) | undefined

  lock(): Promise<() => void> {
    let release!: () => void
    const next = new Promise<void>((resolve) => {
      release = resolve
    })
    const onAcquired = this.onAcquired
    let acquired: Promise<() => void>
    if (onAcquired === undefined) {
      acquired = this.#tail.then(() => release)
    } else {
      const start = performance.now()
      acquired = this.#tail.then(() => {
        onAcquired((performance.now() - start) / 1000)
        return release
      })
    }
    this.#tail = this.#tail.then(() => next)
    return acquired
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.lock()
    try {
      return await fn()
    } finally {
      release()
    }
  }
}
