// @ts-check
// One measured cell (a target × mode × concurrency × round) and the unrecorded prewarm before the
// first one. Shared by the load phase and --scale.

/** @import { Cell, Run, Target, Vu } from '../types.js' */

import { randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { runLoad } from './load.mjs'
import { MODES } from './modes.mjs'
import {
  cpuDelta,
  cpuOfPids,
  cpuOfPidsDelta,
  peakRssMB,
  resetPeakRss,
  snapshot,
} from './proc-stats.mjs'
import { SETTLE_MS } from './run-context.mjs'
import { scanTargetLog } from './server-log.mjs'

/**
 * The VUs of a cell: for a mode that uses tokens, the target's healthy load users; for one that
 * creates its own (create), fresh VUs on the target's client.
 * @param {Target} target
 * @param {string} mode
 * @param {number} concurrency
 * @returns {Vu[]}
 */
function vusFor(target, mode, concurrency) {
  if (!MODES[mode]?.usesTokens) {
    return Array.from({ length: concurrency }, (_, i) => ({
      index: i,
      clientId: target.clientId,
      clientSecret: target.clientSecret,
    }))
  }
  return target.vus.filter((v) => !v.retired).slice(0, concurrency)
}

/**
 * One measured cell: a closed-loop run of `mode` at `concurrency` against `target`, with the CPU
 * of the server, of its database backends and of everything else on the machine over the same
 * window, the server's peak RSS, and what it logged.
 * @param {Run} run
 * @param {Target} target
 * @param {string} mode
 * @param {number} concurrency
 * @param {number} round
 * @returns {Promise<Cell | null>} null when every load user of the target has retired
 */
export async function measureCell(run, target, mode, concurrency, round) {
  const { opts, admin } = run
  const vus = vusFor(target, mode, concurrency)
  if (vus.length === 0) {
    run.log(
      `${target.name} ${mode} c=${concurrency}: skipped, every load user has retired after errors`,
    )
    return null
  }
  if (vus.length < concurrency)
    run.log(`${target.name} ${mode} c=${concurrency}: only ${vus.length} healthy load users left`)
  const rssScopedToCell = resetPeakRss(target.pid)
  const pids = { serverPid: target.pid, pgPid: target.pgPid }
  /** @type {ReturnType<typeof snapshot> | null} */
  let a = null
  /** @type {ReturnType<typeof snapshot> | null} */
  let b = null
  // CPU of the PostgreSQL backends serving this target's database (not the whole server,
  // which other databases may share): their pids are read right after each snapshot
  const backends = async () => {
    if (!admin) return null
    const r = await admin.query(
      "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND backend_type = 'client backend'",
      [target.dbName],
    )
    return cpuOfPids(r.rows.map((x) => x.pid))
  }
  const wantDb = Boolean(target.dbName && admin && target.pgPid)
  // WAL written during the window (cluster-wide: other databases' writes count too)
  const walLsn = async () => {
    if (!admin || !target.dbName) return null
    const r = await admin.query('SELECT pg_current_wal_lsn()::text AS lsn')
    return /** @type {string} */ (r.rows[0].lsn)
  }
  /** @type {Promise<string | null> | null} */
  let walA = null
  /** @type {Promise<string | null> | null} */
  let walB = null
  /** @type {Promise<Map<number, number> | null> | null} */
  let dbA = null
  /** @type {Promise<Map<number, number> | null> | null} */
  let dbB = null
  const res = await runLoad({
    baseUrl: target.baseUrl,
    mode,
    vus,
    warmupMs: opts.warmup * 1000,
    durationMs: opts.duration * 1000,
    maxRequests: opts.maxRequests,
    timeoutMs: opts.timeoutMs,
    seen: target.seen,
    tag: randomBytes(3).toString('hex'), // short: Tessera limits the local part of the stored (+clientId) email to 64 bytes
    onMeasureStart: () => {
      a = snapshot(pids)
      walA = walLsn()
      if (wantDb) dbA = backends()
    },
    onMeasureEnd: () => {
      b = snapshot(pids)
      walB = walLsn()
      if (wantDb) dbB = backends()
    },
  })
  if (!a || !b) throw new Error('the load run did not report its measured window')
  const d = cpuDelta(a, b)
  const dbMs = wantDb ? cpuOfPidsDelta(await dbA, await dbB) : null
  /** @param {number | null} x */
  const per = (x) => (x == null || res.requests === 0 ? null : x / res.requests)
  const walBytes = await walDelta(admin, await walA, await walB)
  const peak = peakRssMB(target.pid)
  await sleep(SETTLE_MS) // background work of this cell (audit sealing) finishes before the next
  const serverLog = scanTargetLog(target)
  /** @type {Cell} */
  const cell = {
    target: target.name,
    round,
    ...res,
    vusUsed: vus.length,
    cpu: {
      wallMs: Math.round(d.wallMs),
      serverMs: d.server,
      pgMs: dbMs,
      pgServerMs: d.pg,
      loadgenMs: d.loadgen,
      serverMsPerReq: per(d.server),
      pgMsPerReq: per(dbMs),
      pgServerMsPerReq: per(d.pg),
      loadgenMsPerReq: per(d.loadgen),
      walBytes,
      walBytesPerReq: per(walBytes),
      otherCores:
        d.machine == null || d.wallMs <= 0
          ? null
          : Math.max(0, d.machine - (d.server ?? 0) - (dbMs ?? d.pg ?? 0) - (d.loadgen ?? 0)) /
            d.wallMs,
    },
    peakRssMB: peak,
    peakRssScope: rssScopedToCell ? 'cell' : 'process lifetime',
    serverLog: {
      errors: serverLog.errors,
      warnings: serverLog.warnings,
      other: serverLog.other,
      samples: serverLog.samples,
    },
  }
  if (target.proc?.exit) {
    cell.serverExited = target.proc.exit
    run.log(
      `${target.name}: THE SERVER PROCESS EXITED during the cell: ${JSON.stringify(target.proc.exit)}`,
    )
  }
  const errs = res.errors + res.warmupErrors
  /**
   * @param {number | null} x
   * @param {number} d
   */
  const f = (x, d) => (x == null ? 'n/a' : x.toFixed(d))
  run.log(
    `${target.name.padEnd(13)} ${mode.padEnd(10)} c=${String(concurrency).padEnd(3)} ${String(Math.round(res.rps)).padStart(6)} req/s  p50 ${f(res.latencyMs.p50, 2)} p90 ${f(res.latencyMs.p90, 2)} p99 ${f(res.latencyMs.p99, 2)} ms  cpu ${f(cell.cpu.serverMsPerReq, 3)} ms/req  other ${f(cell.cpu.otherCores, 2)} cores  ${errs ? `ERRORS ${errs} ${JSON.stringify({ ...res.warmupErrorsByKind, ...res.errorsByKind })}` : 'ok'}${serverLog.errors ? `  server log: ${serverLog.errors} error line(s)` : ''}`,
  )
  return cell
}

/**
 * Runs each mode for `--prewarm` seconds at concurrency `c`, unrecorded: JIT, caches, pools and
 * prepared statements of every path, before the first measured cell.
 * @param {Run} run
 * @param {Target} target
 * @param {string[]} modes
 * @param {number} c
 */
export async function prewarm(run, target, modes, c) {
  const { opts, result } = run
  result.prewarm ??= []
  if (!(opts.prewarm > 0)) return
  for (const mode of modes) {
    const vus = vusFor(target, mode, c)
    if (vus.length === 0) continue
    const r = await runLoad({
      baseUrl: target.baseUrl,
      mode,
      vus,
      warmupMs: 0,
      durationMs: opts.prewarm * 1000,
      maxRequests: opts.maxRequests,
      timeoutMs: opts.timeoutMs,
      seen: target.seen,
      tag: randomBytes(3).toString('hex'),
    })
    result.prewarm.push({
      target: target.name,
      mode,
      concurrency: c,
      ok: r.ok,
      errors: r.errors,
      errorsByKind: r.errorsByKind,
      errorSamples: r.errorSamples,
    })
    if (r.errors)
      run.log(
        `prewarm ${target.name} ${mode}: ERRORS ${r.errors} ${JSON.stringify(r.errorsByKind)}`,
      )
  }
  run.log(`prewarm ${target.name}: ${modes.length} mode(s) × ${opts.prewarm} s done`)
  await sleep(SETTLE_MS)
}

/**
 * Bytes of WAL between two LSNs, or null.
 * @param {import('pg').Client | null} admin
 * @param {string | null} a
 * @param {string | null} b
 */
async function walDelta(admin, a, b) {
  if (!admin || !a || !b) return null
  const r = await admin.query('SELECT pg_wal_lsn_diff($1::pg_lsn, $2::pg_lsn)::float8 AS bytes', [
    b,
    a,
  ])
  return Number(r.rows[0].bytes)
}
