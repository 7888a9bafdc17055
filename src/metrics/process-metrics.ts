import { collectDefaultMetrics, Registry } from 'prom-client'

let registry: Registry | undefined

/**
 * prom-client's default metrics (CPU, memory, heap spaces, event-loop lag, GC durations, handles,
 * file descriptors): one set per process, created at the first use. Per instance they would add a
 * GC observer and an event-loop monitor for every instance ever started (tests start hundreds).
 */
export function processRegistry(): Registry {
  if (registry === undefined) {
    registry = new Registry()
    // 10 ms: the event-loop delay histogram's sampling resolution (prom-client's default)
    collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 })
  }
  return registry
}
