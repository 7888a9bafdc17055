// @ts-check
// Closed-loop load generation against a loopback HTTP server.
//
// Each virtual user (VU) has its own credentials and keeps one request in flight: it sends, reads
// the whole response, checks it, updates its own token state (a refresh replaces its refresh and
// access tokens) and only then sends the next request. Every response is checked (`modes.mjs`); a
// non-2xx status, a body that is not what the endpoint promises, a reused refresh token or another
// user's data is an error, never a success. A VU that sees an error stops for the rest of the run
// (its token state is no longer known), so a failing server cannot post a high rate of cheap errors.
//
// A run is a warm-up followed by the measured window, without a pause between them (the loop and
// its connections carry on). Bounds: the duration, a cap on requests, a timeout per request and a
// watchdog that tears the connections down if the run overstays.

/** @import { ErrorSample, LoadResult, Vu } from '../types.js' */

import { Client } from './http-client.mjs'
import { MODES } from './modes.mjs'

// ---------------------------------------------------------------------------------------------
// The closed loop

/**
 * The p-th percentile (nearest rank) of ascending values, or null when there are none.
 * @param {ArrayLike<number>} sorted
 * @param {number} p
 */
function percentile(sorted, p) {
  if (sorted.length === 0) return null
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[i]
}

/** @param {number | null | undefined} x */
const r3 = (x) => (x == null ? null : Math.round(x * 1000) / 1000)

/**
 * @param {object} o
 * @param {string} o.baseUrl        loopback base URL
 * @param {string} o.mode           a key of MODES
 * @param {Vu[]} o.vus              the VUs to run (all of them), mutated in place
 * @param {number} o.warmupMs       unrecorded lead-in
 * @param {number} o.durationMs     measured window
 * @param {number} o.maxRequests    cap on requests (warm-up included)
 * @param {number} o.timeoutMs      per request
 * @param {Set<string>} o.seen      fingerprints of every refresh token seen for this target
 * @param {string} o.tag            unique per run (for emails created by `create`)
 * @param {() => void} [o.onMeasureStart]  called at the start of the measured window
 * @param {() => void} [o.onMeasureEnd]    called when the last measured request finished
 * @returns {Promise<LoadResult>}
 */
export async function runLoad(o) {
  const found = MODES[o.mode]
  if (!found) throw new Error(`unknown mode ${o.mode}`)
  // narrowed once here: the hoisted loop below cannot see the check above
  const mode = found
  const vus = o.vus
  const concurrency = vus.length
  if (concurrency === 0) throw new Error('no virtual users to run')
  const client = new Client(o.baseUrl, { maxSockets: concurrency })
  const timeoutMs = o.timeoutMs ?? 10_000
  const maxRequests = Math.max(1, Math.floor(o.maxRequests ?? 500_000))
  const run = { seen: o.seen ?? new Set(), tag: o.tag ?? Date.now().toString(36) }

  const latencies = new Float64Array(maxRequests)
  let nLat = 0
  let issued = 0
  let measuredIssued = 0
  let okMeasured = 0
  let okWarmup = 0
  let retired = 0
  /** @type {Record<'warmup' | 'measure', Record<string, number>>} */
  const errors = { warmup: {}, measure: {} }
  /** @type {ErrorSample[]} */
  const samples = []
  /**
   * @param {'warmup' | 'measure'} phase
   * @param {string} key
   */
  const count = (phase, key) => (errors[phase][key] = (errors[phase][key] ?? 0) + 1)

  const t0 = performance.now()
  const measureStart = t0 + (o.warmupMs ?? 0)
  let deadline = measureStart + o.durationMs
  // the window opens when this timer fires (a busy event loop may fire it a little late; the
  // CPU snapshot is taken at the same instant, so rate and CPU cover the same interval)
  let measuring = false
  let windowStart = measureStart
  const openWindow = () => {
    measuring = true
    windowStart = performance.now()
    deadline = windowStart + o.durationMs
    o.onMeasureStart?.()
  }
  let startTimer = null
  if (o.warmupMs > 0) startTimer = setTimeout(openWindow, o.warmupMs)
  else openWindow()
  let lastEnd = windowStart

  /**
   * @param {Vu} vu
   * @param {'warmup' | 'measure'} phase
   * @param {string} key
   * @param {Partial<ErrorSample>} detail
   */
  const fail = (vu, phase, key, detail) => {
    count(phase, key)
    retired++
    vu.retired = { mode: o.mode, reason: key, at: new Date().toISOString() }
    if (samples.length < 20)
      samples.push({ phase, vu: vu.index, error: key, ...detail, at: new Date().toISOString() })
  }

  /** @param {Vu} vu */
  async function loop(vu) {
    for (;;) {
      const now = performance.now()
      if (now >= deadline || issued >= maxRequests) return
      // a request belongs to the measured window when it starts in it
      const inWindow = measuring
      const phase = inWindow ? 'measure' : 'warmup'
      issued++
      if (inWindow) measuredIssued++
      const req = mode.request(vu, run)
      const start = performance.now()
      let res
      try {
        res = await client.send(req, timeoutMs)
      } catch (err) {
        const e = /** @type {Error & { code?: string }} */ (err)
        fail(vu, phase, `net:${e.code ?? e.name}`, { message: String(e.message).slice(0, 200) })
        return
      }
      const end = performance.now()
      if (res.status !== mode.status) {
        fail(vu, phase, String(res.status), {
          status: res.status,
          body: res.text.slice(0, 600),
          requestId: res.headers['x-request-id'],
        })
        return
      }
      let json
      try {
        json = JSON.parse(res.text)
      } catch {
        fail(vu, phase, 'invalid:not-json', { status: res.status, body: res.text.slice(0, 600) })
        return
      }
      const wrong = mode.accept(json, vu, run)
      if (wrong) {
        fail(vu, phase, `invalid:${wrong}`, { status: res.status, body: res.text.slice(0, 600) })
        return
      }
      if (inWindow) {
        latencies[nLat++] = end - start
        okMeasured++
        if (end > lastEnd) lastEnd = end
      } else {
        okWarmup++
      }
    }
  }

  let watchdogFired = false
  const watchdog = setTimeout(
    () => {
      watchdogFired = true
      client.close()
    },
    (o.warmupMs ?? 0) + o.durationMs + timeoutMs + 5_000,
  )
  await Promise.all(vus.map(loop))
  clearTimeout(watchdog)
  if (startTimer) clearTimeout(startTimer)
  const ended = performance.now()
  // everything failed during the warm-up: the measured window never opened
  if (!measuring) openWindow()
  o.onMeasureEnd?.()
  client.close()

  // the window runs from its start to the end of the last request that started inside it
  const windowMs = Math.max(1, (okMeasured > 0 ? lastEnd : Math.min(ended, deadline)) - windowStart)
  const sorted = latencies.subarray(0, nLat).sort()
  let sum = 0
  for (const latency of sorted) sum += latency
  /** @param {Record<string, number>} m */
  const total = (m) => Object.values(m).reduce((a, b) => a + b, 0)
  return {
    mode: o.mode,
    concurrency,
    warmupMs: o.warmupMs ?? 0,
    durationMs: o.durationMs,
    windowMs: Math.round(windowMs),
    requests: measuredIssued,
    ok: okMeasured,
    okWarmup,
    errors: total(errors.measure),
    errorsByKind: errors.measure,
    warmupErrors: total(errors.warmup),
    warmupErrorsByKind: errors.warmup,
    vusRetired: retired,
    capped: issued >= maxRequests,
    watchdogFired,
    rps: Math.round((okMeasured / (windowMs / 1000)) * 10) / 10,
    latencyMs: {
      mean: nLat ? r3(sum / nLat) : null,
      p50: r3(percentile(sorted, 50)),
      p90: r3(percentile(sorted, 90)),
      p99: r3(percentile(sorted, 99)),
      max: nLat ? r3(sorted[nLat - 1]) : null,
    },
    errorSamples: samples,
  }
}
