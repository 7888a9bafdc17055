import { performance, type EventLoopUtilization } from 'node:perf_hooks'

/** How much of the last window the event loop spent working rather than waiting. */
export interface LoadSensor {
  /** True while the process is saturated: its event loop busier than the threshold. */
  busy(): boolean
}

/** Shorter windows would follow single bursts of requests; longer ones react too late. */
const WINDOW_MS = 250

/**
 * The process's event-loop utilization (Node's `performance.eventLoopUtilization`: the share of
 * wall time spent running callbacks instead of waiting for I/O), sampled at most once per window
 * by whoever asks. Work that can wait (event delivery) asks it before taking more.
 */
export class EventLoopLoad implements LoadSensor {
  readonly #threshold: number
  #last: EventLoopUtilization = performance.eventLoopUtilization()
  #sampledAt = performance.now()
  #busy = false

  /** @param thresholdPercent above this utilization the process counts as busy; 100: never */
  constructor(thresholdPercent: number) {
    this.#threshold = thresholdPercent / 100
  }

  busy(): boolean {
    if (this.#threshold >= 1) return false
    const now = performance.now()
    if (now - this.#sampledAt >= WINDOW_MS) {
      const current = performance.eventLoopUtilization()
      this.#busy =
        performance.eventLoopUtilization(current, this.#last).utilization > this.#threshold
      this.#last = current
      this.#sampledAt = now
    }
    return this.#busy
  }
}
