// Closed-loop load generation against a loopback HTTP server.
//
// Each virtual user (VU) has its own credentials and keeps one request in flight: it sends, reads
// the whole response, checks it, updates its own token state (a refresh replaces its refresh and
// access tokens) and only then sends the next request. Every response is checked; a non-2xx
// status, a body that is not what the endpoint promises, a reused refresh token or another user's
// data is an error, never a success. A VU that sees an error stops for the rest of the run (its
// token state is no longer known), so a failing server cannot post a high rate of cheap errors.
//
// A run is a warm-up followed by the measured window, without a pause between them (the loop and
// its connections carry on). Bounds: the duration, a cap on requests, a timeout per request and a
// watchdog that tears the connections down if the run overstays.

import http from 'node:http'
import { createHash } from 'node:crypto'
import { URLSearchParams } from 'node:url'

// ---------------------------------------------------------------------------------------------
// HTTP

function assertLoopback(baseUrl) {
  const u = new URL(baseUrl)
  const host = u.hostname.replace(/^\[|\]$/g, '')
  const loopback = host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host)
  if (!loopback)
    throw new Error(`refusing to send load to ${u.hostname}: only loopback targets are allowed`)
  if (u.protocol !== 'http:')
    throw new Error(`only http:// targets are supported, not ${u.protocol}`)
  return u
}

/** A keep-alive HTTP client for one base URL. */
export class Client {
  constructor(baseUrl, { maxSockets = 8 } = {}) {
    const u = assertLoopback(baseUrl)
    this.host = u.hostname.replace(/^\[|\]$/g, '')
    this.port = Number(u.port || 80)
    this.agent = new http.Agent({
      keepAlive: true,
      maxSockets,
      maxFreeSockets: maxSockets,
      scheduling: 'fifo',
    })
  }

  /**
   * One request. Resolves { status, text, headers } or rejects with an Error whose `code` is
   * 'timeout' or the socket error code.
   */
  send({ method, path, headers = {}, body }, timeoutMs = 10_000) {
    return new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(body)
      const h = payload ? { ...headers, 'content-length': payload.length } : headers
      const req = http.request({
        host: this.host,
        port: this.port,
        method,
        path,
        headers: h,
        agent: this.agent,
      })
      const timer = setTimeout(() => {
        const e = new Error(`no complete response within ${timeoutMs} ms`)
        e.code = 'timeout'
        req.destroy(e)
      }, timeoutMs)
      req.on('error', (e) => {
        clearTimeout(timer)
        reject(e)
      })
      req.on('response', (res) => {
        const chunks = []
        res.on('data', (c) => chunks.push(c))
        res.on('error', (e) => {
          clearTimeout(timer)
          reject(e)
        })
        res.on('end', () => {
          clearTimeout(timer)
          resolve({
            status: res.statusCode,
            text: Buffer.concat(chunks).toString('utf8'),
            headers: res.headers,
          })
        })
      })
      req.end(payload)
    })
  }

  /** send(), with the body parsed as JSON when it is JSON (json: undefined otherwise). */
  async sendJson(req, timeoutMs) {
    const r = await this.send(req, timeoutMs)
    let json
    try {
      json = JSON.parse(r.text)
    } catch {
      json = undefined
    }
    return { ...r, json }
  }

  close() {
    this.agent.destroy()
  }
}

// ---------------------------------------------------------------------------------------------
// What each mode sends and what counts as a correct answer

const isText = (v) => typeof v === 'string' && v.length > 0
const isEpochMs = (v) => typeof v === 'number' && Number.isFinite(v) && v > 1e12

/** A short fingerprint of a refresh token, to remember every one seen without keeping them. */
export const fingerprint = (token) =>
  createHash('sha256').update(token).digest('base64').slice(0, 22)

const form = (fields) => new URLSearchParams(fields).toString()
const FORM = 'application/x-www-form-urlencoded'

/**
 * Each mode: `request(vu, run)` builds the request, `status` is the expected status, and
 * `accept(json, vu, run)` returns null when the body is right (updating the VU's state) or a short
 * reason when it is not.
 */
export const MODES = {
  refresh: {
    usesTokens: true,
    status: 200,
    request: (vu) => ({
      method: 'POST',
      path: `/v2/oauth/${encodeURIComponent(vu.clientId)}/refresh`,
      headers: { 'content-type': 'application/json', 'x-cal-secret-key': vu.clientSecret },
      body: JSON.stringify({ refreshToken: vu.refreshToken }),
    }),
    accept(json, vu, run) {
      if (json?.status !== 'success' || typeof json.data !== 'object' || json.data === null)
        return 'not-success'
      const d = json.data
      if (!isText(d.accessToken) || !isText(d.refreshToken)) return 'missing-token'
      if (!isEpochMs(d.accessTokenExpiresAt) || !isEpochMs(d.refreshTokenExpiresAt))
        return 'bad-expiry'
      return rotate(vu, run, d.refreshToken, d.accessToken)
    },
  },

  verify: {
    usesTokens: true,
    status: 200,
    request: (vu) => ({
      method: 'GET',
      path: '/v2/me',
      headers: { authorization: `Bearer ${vu.accessToken}` },
    }),
    accept(json, vu) {
      if (json?.status !== 'success' || typeof json.data !== 'object' || json.data === null)
        return 'not-success'
      if (String(json.data.id) !== String(vu.userId)) return 'wrong-user'
      return null
    },
  },

  token: {
    usesTokens: true,
    status: 200,
    request: (vu) => ({
      method: 'POST',
      path: '/v2/oauth/token',
      headers: { 'content-type': FORM },
      body: form({
        grant_type: 'refresh_token',
        refresh_token: vu.refreshToken,
        client_id: vu.clientId,
        client_secret: vu.clientSecret,
      }),
    }),
    accept(json, vu, run) {
      if (!json || !isText(json.access_token) || !isText(json.refresh_token)) return 'missing-token'
      if (typeof json.expires_in !== 'number' || !(json.expires_in > 0)) return 'bad-expires_in'
      if (typeof json.token_type !== 'string' || json.token_type.toLowerCase() !== 'bearer')
        return 'bad-token_type'
      return rotate(vu, run, json.refresh_token, json.access_token)
    },
  },

  introspect: {
    usesTokens: true,
    status: 200,
    request: (vu) => ({
      method: 'POST',
      path: '/v2/oauth/introspect',
      headers: { 'content-type': FORM },
      body: form({ token: vu.accessToken, client_id: vu.clientId, client_secret: vu.clientSecret }),
    }),
    accept(json, vu) {
      if (json?.active !== true) return 'not-active'
      if (json.sub !== undefined && String(json.sub) !== String(vu.userId)) return 'wrong-sub'
      return null
    },
  },

  create: {
    usesTokens: false,
    status: 201,
    request: (vu, run) => {
      const n = (vu.created = (vu.created ?? 0) + 1)
      return {
        method: 'POST',
        path: `/v2/oauth-clients/${encodeURIComponent(vu.clientId)}/users`,
        headers: { 'content-type': 'application/json', 'x-cal-secret-key': vu.clientSecret },
        body: JSON.stringify({
          email: `load-${run.tag}-${vu.index}-${n}@example.com`,
          name: `Load User ${vu.index}.${n}`,
        }),
      }
    },
    accept(json) {
      if (json?.status !== 'success' || typeof json.data !== 'object' || json.data === null)
        return 'not-success'
      const d = json.data
      if (!Number.isInteger(d.user?.id)) return 'missing-user-id'
      if (!isText(d.accessToken) || !isText(d.refreshToken)) return 'missing-token'
      return null
    },
  },
}

function rotate(vu, run, refreshToken, accessToken) {
  if (refreshToken === vu.refreshToken) return 'same-refresh-token'
  const fp = fingerprint(refreshToken)
  if (run.seen.has(fp)) return 'refresh-token-seen-before'
  run.seen.add(fp)
  vu.refreshToken = refreshToken
  vu.accessToken = accessToken
  vu.generation = (vu.generation ?? 0) + 1
  return null
}

// ---------------------------------------------------------------------------------------------
// The closed loop

function percentile(sorted, p) {
  if (sorted.length === 0) return null
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[i]
}

const r3 = (x) => (x == null ? null : Math.round(x * 1000) / 1000)

/**
 * @param {object} o
 * @param {string} o.baseUrl        loopback base URL
 * @param {string} o.mode           a key of MODES
 * @param {object[]} o.vus          the VUs to run (all of them), mutated in place
 * @param {number} o.warmupMs       unrecorded lead-in
 * @param {number} o.durationMs     measured window
 * @param {number} o.maxRequests    cap on requests (warm-up included)
 * @param {number} o.timeoutMs      per request
 * @param {Set<string>} o.seen      fingerprints of every refresh token seen for this target
 * @param {string} o.tag            unique per run (for emails created by `create`)
 * @param {() => void} [o.onMeasureStart]  called at the start of the measured window
 * @param {() => void} [o.onMeasureEnd]    called when the last measured request finished
 */
export async function runLoad(o) {
  const mode = MODES[o.mode]
  if (!mode) throw new Error(`unknown mode ${o.mode}`)
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
  const errors = { warmup: {}, measure: {} }
  const samples = []
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

  const fail = (vu, phase, key, detail) => {
    count(phase, key)
    retired++
    vu.retired = { mode: o.mode, reason: key, at: new Date().toISOString() }
    if (samples.length < 20)
      samples.push({ phase, vu: vu.index, error: key, ...detail, at: new Date().toISOString() })
  }

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
      } catch (e) {
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
  for (let i = 0; i < nLat; i++) sum += sorted[i]
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
