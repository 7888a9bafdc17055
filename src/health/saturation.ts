import { cpus } from 'node:os'
import { performance, type EventLoopUtilization } from 'node:perf_hooks'

/** Whether the process has CPU to spare, for work that can wait (event delivery). */
export interface LoadSensor {
  /** True while the process or its machine is saturated. */
  busy(): boolean
}

/** Shorter windows would follow single bursts of requests; longer ones react too late. */
const WINDOW_MS = 250

/**
 * Saturation by requests: two windows in a row (sampled at most once per window, by whoever asks)
 * in which requests were served and either of two measures was above a threshold (percent):
 *
 * - the process's event-loop utilization (Node's `performance.eventLoopUtilization`: the share of
 *   wall time spent running callbacks rather than waiting for I/O). Right in a container whose CPU
 *   quota is smaller than the host, since time spent throttled counts as busy;
 * - the machine's CPU use, all cores together (`os.cpus()`). Catches what utilization misses when
 *   PostgreSQL shares the machine: the process then waits on a database starved of CPU, and its
 *   event loop looks idle although nothing is.
 *
 * Without requests there is nothing to yield to: deliveries draining a backlog on their own may
 * fill the machine and still go at full speed.
 */
export class SaturationSensor implements LoadSensor {
  readonly #threshold: number
  readonly #cpuTimes: () => CpuTimes
  #loop: EventLoopUtilization = performance.eventLoopUtilization()
  #cpu: CpuTimes
  #sampledAt = performance.now()
  #busy = false
  #overBefore = false
  #requests = 0
  #requestsAtSample = 0

  /**
   * @param thresholdPercent above this either measure means busy; 100: never busy
   * @param machineCpu the machine's CPU times (tests give their own)
   */
  constructor(thresholdPercent: number, machineCpu: () => CpuTimes = cpuTimes) {
    this.#threshold = thresholdPercent / 100
    this.#cpuTimes = machineCpu
    this.#cpu = machineCpu()
  }

  /** A request was answered (the HTTP layer calls this for every one). */
  served(): void {
    this.#requests++
  }

  busy(): boolean {
    if (this.#threshold >= 1) return false
    const now = performance.now()
    if (now - this.#sampledAt >= WINDOW_MS) {
      const loop = performance.eventLoopUtilization()
      const cpu = this.#cpuTimes()
      const loopUse = performance.eventLoopUtilization(loop, this.#loop).utilization
      const total = cpu.total - this.#cpu.total
      const machineUse = total > 0 ? 1 - (cpu.idle - this.#cpu.idle) / total : 0
      const serving = this.#requests > this.#requestsAtSample
      const over = serving && (loopUse > this.#threshold || machineUse > this.#threshold)
      // two windows in a row: a burst of requests or a garbage collection is not saturation
      this.#busy = over && this.#overBefore
      this.#overBefore = over
      this.#loop = loop
      this.#cpu = cpu
      this.#sampledAt = now
      this.#requestsAtSample = this.#requests
    }
    return this.#busy
  }
}

/** CPU time of every core since boot (ms): idle, and in all. */
export interface CpuTimes {
  readonly idle: number
  readonly total: number
}

function cpuTimes(): CpuTimes {
  let idle = 0
  let total = 0
  for (const { times } of cpus()) {
    idle += times.idle
    total += times.user + times.nice + times.sys + times.idle + times.irq
  }
  return { idle, total }
}
