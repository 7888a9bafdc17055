import { useEffect, useRef, useState } from 'preact/hooks'
import type { Identity } from '../../api/identity.js'
import { parseMetrics, total, type Sample } from '../../api/metrics.js'
import { ErrorMessage } from '../../components/ErrorMessage.js'
import { Loading } from '../../components/Loading.js'
import { Time } from '../../components/Time.js'

const EVERY_MS = 10_000

interface Reading {
  at: number
  samples: Sample[]
}

interface Readiness {
  status: number
  body: string
}

/**
 * A small health panel: readiness, and the counters operators ask about first (refreshes and
 * their rate, replays detected, rate-limit refusals), read from `/metrics` every 10 s.
 */
export function Health({ identity }: { identity: Identity }) {
  const [current, setCurrent] = useState<Reading | null>(null)
  const previous = useRef<Reading | null>(null)
  const [ready, setReady] = useState<Readiness | null>(null)
  const [error, setError] = useState<unknown>(null)

  useEffect(() => {
    let stopped = false
    const read = async () => {
      try {
        const text = await identity.rest.text({ path: '/metrics' })
        if (stopped) return
        setCurrent((before) => {
          previous.current = before
          return { at: Date.now(), samples: parseMetrics(text) }
        })
        setError(null)
      } catch (err) {
        if (!stopped) setError(err)
      }
      const response = await fetch('/health/ready').catch(() => null)
      if (!stopped && response) setReady({ status: response.status, body: await response.text() })
    }
    void read()
    const timer = setInterval(() => void read(), EVERY_MS)
    return () => {
      stopped = true
      clearInterval(timer)
    }
  }, [identity])

  const samples = current?.samples ?? []
  const refreshes = total(samples, 'tessera_refresh_total')
  const rate = refreshRate(previous.current, current)
  const rows: [string, string][] = [
    ['Refreshes', count(refreshes)],
    [
      'Refresh rate',
      rate === null ? 'measuring (two readings 10 s apart)…' : `${rate.toFixed(2)} /s`,
    ],
    ['Rotated', count(total(samples, 'tessera_refresh_total', { outcome: 'rotated' }))],
    ['Replays detected', count(total(samples, 'tessera_refresh_total', { outcome: 'replay' }))],
    [
      'Rate-limit refusals',
      count(total(samples, 'tessera_rate_limit_decisions_total', { decision: 'refused' })),
    ],
    ['Token families started', count(total(samples, 'tessera_tokens_issued_total'))],
  ]

  return (
    <>
      <h1>Health</h1>
      <section aria-labelledby="readiness">
        <h2 id="readiness">Readiness</h2>
        {ready === null ? <Loading what="readiness" /> : <ReadinessView ready={ready} />}
      </section>
      <section aria-labelledby="counters">
        <h2 id="counters">Counters (this process, since it started)</h2>
        <ErrorMessage error={error} />
        {current === null && !error ? <Loading what="metrics" /> : null}
        {current ? (
          <>
            <dl class="facts" data-testid="counters">
              {rows.map(([label, value]) => (
                <div key={label} class="fact">
                  <dt>{label}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
            <p class="muted">
              Read at <Time value={current.at} />; every {EVERY_MS / 1000} s. With several processes
              each answers for itself: scrape them all with Prometheus for the instance.
            </p>
          </>
        ) : null}
      </section>
    </>
  )
}

function ReadinessView({ ready }: { ready: Readiness }) {
  if (ready.status === 404) {
    return (
      <p>
        This server has no readiness endpoint (<code>/health/ready</code>).
      </p>
    )
  }
  return (
    <>
      <p data-testid="readiness" class={ready.status === 200 ? 'status-ok' : 'status-bad'}>
        {ready.status === 200 ? 'Ready' : `Not ready (HTTP ${ready.status})`}
      </p>
      <pre class="small">{ready.body}</pre>
    </>
  )
}

function count(value: number | null): string {
  return value === null ? 'not reported' : value.toLocaleString('en')
}

function refreshRate(before: Reading | null, now: Reading | null): number | null {
  if (!before || !now || now.at <= before.at) return null
  const a = total(before.samples, 'tessera_refresh_total') ?? 0
  const b = total(now.samples, 'tessera_refresh_total') ?? 0
  return Math.max(0, b - a) / ((now.at - before.at) / 1000)
}
