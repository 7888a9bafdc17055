/** One sample of the Prometheus text format: name, labels, value. */
export interface Sample {
  name: string
  labels: Record<string, string>
  value: number
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{([^}]*)\})?\s+(\S+)/
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g

/** Parses `/metrics` loosely (any exporter's text format): samples by name, comments skipped. */
export function parseMetrics(text: string): Sample[] {
  const samples: Sample[] = []
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue
    const match = LINE.exec(line.trim())
    if (!match) continue
    const value = Number(match[3])
    if (Number.isNaN(value)) continue
    const labels: Record<string, string> = {}
    for (const [, key, raw] of (match[2] ?? '').matchAll(LABEL)) labels[key!] = raw!
    samples.push({ name: match[1]!, labels, value })
  }
  return samples
}

/**
 * The sum of a metric's samples whose labels include `where`: 0 when the metric is reported but
 * no sample has those labels yet (a counter not incremented), null when it is not reported at all.
 */
export function total(
  samples: readonly Sample[],
  name: string,
  where: Record<string, string> = {},
): number | null {
  const named = samples.filter((s) => s.name === name)
  if (named.length === 0) return null
  return named
    .filter((s) => Object.entries(where).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0)
}
