/**
 * Process-local counters, exposed in the Prometheus text format at `GET /metrics`. Deliberately
 * tiny: a handful of counters on the paths operators ask about (refresh outcomes, reuse classes,
 * verification failures, rate limiting), not a metrics library.
 */
export class Metrics {
  readonly #counters = new Map<string, { help: string; values: Map<string, number> }>()

  constructor() {
    this.define(
      'tessera_refresh_total',
      'Refresh requests by outcome (rotated, duplicate, replay, invalid).',
    )
    this.define(
      'tessera_access_token_checks_total',
      'Access-token checks by outcome (valid, expired, invalid, revoked).',
    )
    this.define('tessera_rate_limited_total', 'Requests refused by brute-force protection.')
    this.define(
      'tessera_tokens_issued_total',
      'Token families started (user creation, force-refresh).',
    )
  }

  define(name: string, help: string): void {
    if (!this.#counters.has(name)) this.#counters.set(name, { help, values: new Map() })
  }

  inc(name: string, labels: Record<string, string> = {}, by = 1): void {
    const counter = this.#counters.get(name)
    if (!counter) throw new Error(`unknown metric ${name}`)
    const key = labelKey(labels)
    counter.values.set(key, (counter.values.get(key) ?? 0) + by)
  }

  get(name: string, labels: Record<string, string> = {}): number {
    return this.#counters.get(name)?.values.get(labelKey(labels)) ?? 0
  }

  render(): string {
    const lines: string[] = []
    for (const [name, { help, values }] of this.#counters) {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`)
      for (const [labels, value] of values)
        lines.push(`${name}${labels ? `{${labels}}` : ''} ${value}`)
    }
    return `${lines.join('\n')}\n`
  }
}

/** `a="x",b="y"`: the Prometheus label set, built without intermediate arrays (hot path). */
function labelKey(labels: Record<string, string>): string {
  let key = ''
  for (const name in labels) {
    const value = labels[name]!
    key += `${key ? ',' : ''}${name}="${/["\\\n]/.test(value) ? value.replace(/["\\\n]/g, '_') : value}"`
  }
  return key
}
