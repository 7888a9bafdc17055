// @ts-check
// Webhook rows (issue 11): what an endpoint subscribed to every event costs the refresh path, and
// how long an event takes to reach a local receiver.
//
// A Tessera of its own (TESSERA_WEBHOOK_ALLOW_PRIVATE_NETWORKS=true, so it may send to loopback),
// one client, one webhook on it subscribed to every trigger a client-level webhook can take, and a
// receiver in this process answering 204 at once.
// - Throughput: refresh, closed loop at the highest --concurrency, with the webhook switched off
//   and on (PATCH active) in alternating order over --rounds pairs; the ratio of the medians, and
//   after each "on" cell the time until the receiver has every event (the backlog drained).
// - Latency: refreshes sent open loop at 500/s for --duration seconds, webhook on; each makes one
//   `token.refreshed` event; latency = arrival at the receiver − the event's `createdAt`.

/** @import { Cell, Phase, Run, User } from '../types.js' */

import { createDatabase, postmasterPid } from '../lib/databases.mjs'
import { Client } from '../lib/http-client.mjs'
import { measureCell } from '../lib/measure.mjs'
import { LOGS_DIR, PROJECT_DIR } from '../lib/paths.mjs'
import {
  createTesseraUsers,
  newTarget,
  provisionTesseraClient,
  startTessera,
} from '../lib/targets.mjs'
import { startWebhookReceiver } from '../lib/webhook-receiver.mjs'

/** Events per second of the latency row (issue 11: p99 ≤ 1 s at 500 events/s). */
const RATE = 500
/** Every trigger a client-level webhook can take (docs/events.md). */
const CLIENT_TRIGGERS = [
  'CLIENT_UPDATED',
  'CLIENT_DELETED',
  'CLIENT_SECRET_ROTATED',
  'CLIENT_PREVIOUS_SECRET_REVOKED',
  'USER_CREATED',
  'USER_UPDATED',
  'USER_DELETED',
  'TOKEN_ISSUED',
  'TOKEN_REFRESHED',
  'TOKEN_FORCE_REFRESHED',
  'TOKEN_REVOKED',
  'TOKEN_REUSE_DETECTED',
  'SIGNING_KEY_ROTATED',
  'WEBHOOK_CREATED',
  'WEBHOOK_UPDATED',
  'WEBHOOK_DELETED',
  'WEBHOOK_DISABLED',
  'SSF_STREAM_CREATED',
  'SSF_STREAM_UPDATED',
  'SSF_STREAM_DELETED',
  'SSF_STREAM_DISABLED',
]

/** @type {Phase} */
export const webhooks = {
  name: 'webhooks',
  async run(run) {
    if (!run.opts.webhooks) return
    run.result.sections.webhooks = await runWebhooks(run)
  },
  markdown(result) {
    const w = /** @type {WebhookSection | undefined} */ (result.sections.webhooks)
    if (!w) return ''
    const rows = w.cells.map(
      (c) =>
        `| ${c.webhook ? 'on' : 'off'} | ${c.round} | ${Math.round(c.rps)} | ${c.p50 ?? 'n/a'} | ${c.p99 ?? 'n/a'} | ${c.serverMsPerReq?.toFixed(3) ?? 'n/a'} | ${c.pgMsPerReq?.toFixed(3) ?? 'n/a'} | ${c.drainSeconds ?? '–'} |`,
    )
    const l = w.latency
    return [
      '## Webhooks',
      '',
      `One endpoint subscribed to every client-level event, refresh at c=${w.concurrency}. Ratio of the medians, with ÷ without: **${w.ratio ?? 'n/a'}** (target ≥ 0.9).`,
      '',
      '| webhook | round | req/s | p50 ms | p99 ms | server CPU ms/req | pg CPU ms/req | backlog drained after (s) |',
      '|---|--:|--:|--:|--:|--:|--:|--:|',
      ...rows,
      '',
      l
        ? `Event → delivery at ${l.rate} events/s for ${l.seconds} s: ${l.delivered} of ${l.events} delivered, latency p50 **${l.p50} ms**, p90 ${l.p90} ms, p99 **${l.p99} ms**, max ${l.max} ms (target p99 ≤ 1000 ms).${l.skipped ? ` ${l.skipped} sends skipped: every user had a request in flight.` : ''}`
        : '',
    ].join('\n')
  },
  findings(result) {
    const w = /** @type {WebhookSection | undefined} */ (result.sections.webhooks)
    if (!w) return []
    /** @type {string[]} */
    const out = []
    if (w.ratio !== null && w.ratio < 0.9)
      out.push(
        `Refresh with a webhook on every event ran at ${w.ratio}× the rate without (target ≥ 0.9).`,
      )
    if (w.latency && (w.latency.p99 ?? Infinity) > 1000)
      out.push(
        `Event-to-delivery p99 was ${w.latency.p99} ms at ${w.latency.rate}/s (target ≤ 1000 ms).`,
      )
    return out
  },
}

/**
 * @typedef {object} WebhookCell
 * @property {boolean} webhook
 * @property {number} round
 * @property {number} rps
 * @property {number | null} p50
 * @property {number | null} p99
 * @property {number | null} serverMsPerReq
 * @property {number | null} pgMsPerReq
 * @property {number | null} drainSeconds
 *
 * @typedef {object} WebhookSection
 * @property {number} concurrency
 * @property {WebhookCell[]} cells
 * @property {{ off: number | null, on: number | null }} medianRps
 * @property {number | null} ratio
 * @property {{ rate: number, seconds: number, events: number, delivered: number, skipped: number,
 *   failed: number, p50: number | null, p90: number | null, p99: number | null, max: number | null } | null} latency
 */

/**
 * @param {Run} run
 * @returns {Promise<WebhookSection>}
 */
async function runWebhooks(run) {
  const { opts, keys, dbSuffix } = run
  const concurrency = Math.max(...opts.concurrency)
  const dbName = `tessera_webhooks_${dbSuffix}`
  const url = run.databaseUrl && !opts.embedded ? await createDatabase(run, dbName) : null
  const server = await startTessera(run, {
    label: 'tessera-webhooks',
    databaseUrl: url,
    projectDir: PROJECT_DIR,
    logsDir: LOGS_DIR,
    env: { TESSERA_WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' },
  })
  const target = newTarget('tessera-webhooks', server, {
    pgPid: url ? postmasterPid(run) : null,
    dbName: url ? dbName : null,
  })
  const client = await provisionTesseraClient({
    baseUrl: target.baseUrl,
    adminKey: keys.admin,
    tag: `${dbSuffix}-webhooks`,
  })
  Object.assign(target, client)
  const users = await createTesseraUsers({
    baseUrl: target.baseUrl,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    n: concurrency + 200,
    tag: `${dbSuffix}-wh`,
  })
  target.vus = users.slice(0, concurrency)
  const rateUsers = users.slice(concurrency)
  run.log(`webhooks: ${target.name} pid ${target.pid}, ${users.length} users`)

  const receiver = await startWebhookReceiver()
  run.defer(() => receiver.close())
  const api = new Client(target.baseUrl, { maxSockets: 2 })
  run.defer(() => api.close())
  const secret = { 'content-type': 'application/json', 'x-cal-secret-key': client.clientSecret }
  const base = `/v2/oauth-clients/${encodeURIComponent(client.clientId)}/webhooks`
  const created = await api.send({
    method: 'POST',
    path: base,
    headers: secret,
    body: JSON.stringify({ subscriberUrl: receiver.url, active: false, triggers: CLIENT_TRIGGERS }),
  })
  if (created.status !== 201)
    throw new Error(`create webhook: ${created.status} ${created.text.slice(0, 300)}`)
  const webhookId = JSON.parse(created.text).data.id
  /** @param {boolean} active */
  const setActive = async (active) => {
    const res = await api.send({
      method: 'PATCH',
      path: `${base}/${webhookId}`,
      headers: secret,
      body: JSON.stringify({ active }),
    })
    if (res.status !== 200)
      throw new Error(`PATCH webhook: ${res.status} ${res.text.slice(0, 300)}`)
  }

  /** @type {WebhookCell[]} */
  const cells = []
  for (let round = 0; round < opts.rounds; round++) {
    for (const on of round % 2 === 0 ? [false, true] : [true, false]) {
      await setActive(on)
      // switching it on is itself an event (WEBHOOK_UPDATED) that reaches it
      const before = receiver.count()
      const cell = /** @type {Cell | null} */ (
        await measureCell(run, target, 'refresh', concurrency, round)
      )
      if (!cell) throw new Error('webhooks: every load user retired')
      if (cell.errors + cell.warmupErrors > 0)
        throw new Error(`webhooks: refresh errors ${JSON.stringify(cell.errorsByKind)}`)
      let drainSeconds = null
      if (on) {
        const expected = before + 1 + cell.ok + cell.okWarmup
        const started = performance.now()
        await receiver.waitFor(expected, 600_000)
        // measureCell waited SETTLE_MS after the window: count from the window's end
        drainSeconds = Math.round(((performance.now() - started) / 1000 + 1) * 10) / 10
        run.log(
          `webhooks: ${expected - before} deliveries, all received ${drainSeconds} s after the window`,
        )
      }
      receiver.take()
      cells.push({
        webhook: on,
        round,
        rps: cell.rps,
        p50: cell.latencyMs.p50,
        p99: cell.latencyMs.p99,
        serverMsPerReq: cell.cpu.serverMsPerReq,
        pgMsPerReq: cell.cpu.pgMsPerReq,
        drainSeconds,
      })
    }
  }
  const median = /** @param {number[]} xs */ (xs) => {
    const s = [...xs].sort((a, b) => a - b)
    if (s.length === 0) return null
    const at = /** @param {number} i */ (i) => /** @type {number} */ (s[i])
    return s.length % 2 ? at((s.length - 1) / 2) : (at(s.length / 2 - 1) + at(s.length / 2)) / 2
  }
  const off = median(cells.filter((c) => !c.webhook).map((c) => c.rps))
  const on = median(cells.filter((c) => c.webhook).map((c) => c.rps))

  await setActive(true)
  await receiver.waitFor(receiver.count() + 1, 60_000)
  receiver.take()
  const start = receiver.count()
  const sent = await openLoop(target.baseUrl, rateUsers, RATE, opts.duration * 1000, opts.timeoutMs)
  await receiver.waitFor(start + sent.sent - sent.failed, 120_000)
  const latencies = receiver
    .take()
    .filter(Number.isFinite)
    .sort((a, b) => a - b)
  /** @param {number} p */
  const pct = (p) =>
    latencies[
      Math.min(latencies.length - 1, Math.max(0, Math.ceil((p / 100) * latencies.length) - 1))
    ] ?? null
  const latency = {
    rate: RATE,
    seconds: Math.round(sent.seconds * 10) / 10,
    events: sent.sent - sent.failed,
    delivered: latencies.length,
    skipped: sent.skipped,
    failed: sent.failed,
    p50: pct(50),
    p90: pct(90),
    p99: pct(99),
    max: latencies[latencies.length - 1] ?? null,
  }
  run.log(
    `webhooks: ${RATE}/s: latency p50 ${latency.p50} ms, p99 ${latency.p99} ms, max ${latency.max} ms`,
  )
  await target.proc.stop()
  return {
    concurrency,
    cells,
    medianRps: { off, on },
    ratio: off && on ? Math.round((on / off) * 1000) / 1000 : null,
    latency,
  }
}

/**
 * Refreshes sent open loop at `rate` per second for `durationMs`, each from a user with no request
 * in flight (there are far more users than the rate needs; a send with none free is skipped and
 * counted: the server fell behind).
 * @param {string} baseUrl
 * @param {User[]} users
 * @param {number} rate
 * @param {number} durationMs
 * @param {number} timeoutMs
 */
async function openLoop(baseUrl, users, rate, durationMs, timeoutMs) {
  const client = new Client(baseUrl, { maxSockets: users.length })
  const idle = [...users]
  let sent = 0
  let failed = 0
  let skipped = 0
  /** @type {Set<Promise<void>>} */
  const inflight = new Set()
  const start = performance.now()
  /** @param {User} user */
  const send = (user) => {
    const p = client
      .send(
        {
          method: 'POST',
          path: `/v2/oauth/${encodeURIComponent(user.clientId)}/refresh`,
          headers: { 'content-type': 'application/json', 'x-cal-secret-key': user.clientSecret },
          body: JSON.stringify({ refreshToken: user.refreshToken }),
        },
        timeoutMs,
      )
      .then((res) => {
        if (res.status !== 200) throw new Error(`status ${res.status}`)
        const data = JSON.parse(res.text).data
        user.refreshToken = data.refreshToken
        user.accessToken = data.accessToken
        idle.push(user)
      })
      .catch(() => {
        failed++
      })
      .finally(() => inflight.delete(p))
    inflight.add(p)
  }
  for (;;) {
    const elapsed = performance.now() - start
    if (elapsed >= durationMs) break
    const due = Math.floor((elapsed / 1000) * rate) - sent - skipped
    for (let i = 0; i < due; i++) {
      const user = idle.pop()
      if (user) {
        sent++
        send(user)
      } else skipped++
    }
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  await Promise.all(inflight)
  client.close()
  return { sent, failed, skipped, seconds: (performance.now() - start) / 1000 }
}
