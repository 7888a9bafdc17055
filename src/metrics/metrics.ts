import { Counter, Gauge, Histogram, Registry, type Metric } from 'prom-client'
import { METRICS, type MetricName, type MetricSpec } from './catalog.js'
import { processRegistry } from './process-metrics.js'

type Labels = Readonly<Record<string, string>>

interface Child {
  inc(value: number): void
  observe(value: number): void
}

/**
 * This instance's metrics (prom-client, one registry per instance so that several instances in a
 * process, as in the tests, never share counts), exposed at `GET /metrics` together with the
 * process-wide Node.js metrics. Every name comes from the catalog; the hot paths (a counter per
 * refresh, a histogram per request) reach a cached label child with one string key and one map
 * lookup.
 */
export class Metrics {
  readonly #registry = new Registry()
  readonly #metrics = new Map<string, Metric>()
  readonly #children = new Map<string, Child>()

  constructor() {
    for (const [name, spec] of Object.entries(METRICS) as [MetricName, MetricSpec][]) {
      if (spec.type === 'gauge') continue // gauges are read from their source: see `gauge`
      this.#metrics.set(name, build(name, spec, this.#registry))
    }
  }

  /** Kept for modules that declare what they count: every name must be in the catalog. */
  define(name: string, _help?: string): void {
    if (!(name in METRICS))
      throw new Error(`unknown metric ${name} (add it to src/metrics/catalog.ts)`)
  }

  inc(name: MetricName | string, labels: Labels = {}, by = 1): void {
    this.#child(name, labels).inc(by)
  }

  observe(name: MetricName | string, labels: Labels, value: number): void {
    this.#child(name, labels).observe(value)
  }

  /**
   * The observe function of one histogram's label set, looked up once: for paths that observe
   * with fixed labels (every database connection acquire), not even a map lookup per value.
   */
  observer(name: MetricName, labels: Labels = {}): (value: number) => void {
    const child = this.#child(name, labels)
    return (value) => child.observe(value)
  }

  /**
   * A gauge whose value is read when Prometheus scrapes, from `read` (one value, or one per label
   * set); nothing is updated on any request path. `read` returning undefined leaves it out.
   */
  gauge(
    name: MetricName,
    read: () =>
      number | undefined | readonly (readonly [Labels, number])[] | Promise<number | undefined>,
  ): void {
    const spec: MetricSpec = METRICS[name]
    if (spec.type !== 'gauge') throw new Error(`${name} is not a gauge`)
    new Gauge({
      name,
      help: spec.help,
      labelNames: spec.labels,
      registers: [this.#registry],
      async collect() {
        const value = await read()
        if (value === undefined) return
        if (typeof value === 'number') this.set(value)
        else for (const [labels, v] of value) this.set(labels, v)
      },
    })
  }

  /** The Prometheus text format: this process's Node.js metrics, then the instance's own. */
  async render(): Promise<string> {
    const [process, own] = await Promise.all([
      processRegistry().metrics(),
      this.#registry.metrics(),
    ])
    return `${process}\n${own}`
  }

  get contentType(): string {
    return this.#registry.contentType
  }

  #child(name: string, labels: Labels): Child {
    let key = name
    for (const label in labels) key += `\u0000${label}\u0001${labels[label]}`
    let child = this.#children.get(key)
    if (child === undefined) {
      const metric = this.#metrics.get(name)
      if (metric === undefined) {
        throw new Error(`unknown metric ${name} (add it to src/metrics/catalog.ts)`)
      }
      child = (metric as Counter<string>).labels(labels) as unknown as Child
      this.#children.set(key, child)
    }
    return child
  }
}

function build(name: string, spec: MetricSpec, registry: Registry): Metric {
  const common = { name, help: spec.help, labelNames: spec.labels, registers: [registry] }
  return spec.type === 'histogram'
    ? new Histogram({ ...common, buckets: [...(spec.buckets ?? [])] })
    : new Counter(common)
}
