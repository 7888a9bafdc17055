/** At most one run of `work` per key at a time; callers that arrive meanwhile share its result. */
export class SingleFlight<T> {
  readonly #inFlight = new Map<string, Promise<T>>()

  run(key: string, work: () => Promise<T>): Promise<T> {
    const running = this.#inFlight.get(key)
    if (running) return running
    const started = work().finally(() => this.#inFlight.delete(key))
    this.#inFlight.set(key, started)
    return started
  }
}
