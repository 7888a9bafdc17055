// @ts-check
// Issue 7 item 9: refresh and verify with TESSERA_WORKERS=1 and 2, each on its own fresh
// database, against the baseline measured earlier in the same run (× baseline). Cells alternate
// between the two targets (and their order alternates per round) so that machine noise hits both
// alike. CPU and memory are the whole process tree's: the cluster primary and its workers. On
// PostgreSQL only (embedded mode cannot run two workers); --no-workers skips it.

/** @import { Cell, Phase, Run, Target } from '../types.js' */

import { availableParallelism } from 'node:os'
import { createDatabase, postmasterPid } from '../lib/databases.mjs'
import { measureCell, prewarm } from '../lib/measure.mjs'
import { LOGS_DIR, PROJECT_DIR } from '../lib/paths.mjs'
import { resetTreePeakRss, treeRssMB } from '../lib/proc-stats.mjs'
import { newTarget, provisionTesseraTarget, startTessera } from '../lib/targets.mjs'

const COUNTS = [1, 2]
const MODES = ['refresh', 'verify']

/**
 * @typedef {object} WorkersRow
 * @property {number} workers
 * @property {string} mode
 * @property {number} concurrency
 * @property {number} rps median over rounds
 * @property {number | null} baselineRps the baseline's median in the main matrix, same mode and c
 * @property {number | null} xBaseline
 * @property {number | null} p50
 * @property {number | null} p99
 * @property {number | null} serverMsPerReq
 * @property {number | null} pgMsPerReq
 * @property {number | null} walBytesPerReq WAL per request (whole cluster, during the window)
 * @property {number | null} peakRssMB sum of the tree's peaks
 * @property {number} errors
 *
 * @typedef {object} WorkersSection
 * @property {number} cores
 * @property {WorkersRow[]} rows
 */

/** @type {Phase} */
export const workers = {
  name: 'workers',
  async run(run) {
    const { opts } = run
    if (!opts.workers) return
    if (opts.embedded || !run.databaseUrl) {
      run.result.sections.workers = { skipped: 'PostgreSQL only (embedded mode runs one process)' }
      return
    }
    run.result.sections.workers = await measureWorkers(run)
  },
  markdown(result) {
    const w = /** @type {WorkersSection & { skipped?: string } | undefined} */ (
      result.sections.workers
    )
    if (!w) return ''
    if (w.skipped) return `## TESSERA_WORKERS\n\nSkipped: ${w.skipped}.\n`
    const f = (/** @type {number | null} */ x, d = 0) => (x == null ? 'n/a' : x.toFixed(d))
    return [
      '## TESSERA_WORKERS',
      '',
      `Each on its own database, cells interleaved; × baseline against the baseline's cells of this run. ${w.cores} cores shared by the load generator, PostgreSQL and the server.`,
      '',
      '| workers | mode | c | req/s | × baseline | p50 ms | p99 ms | server CPU ms/req | pg CPU ms/req | WAL bytes/req | peak RSS MB (all processes) | errors |',
      '|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
      ...w.rows.map(
        (r) =>
          `| ${r.workers} | ${r.mode} | ${r.concurrency} | ${f(r.rps)} | ${f(r.xBaseline, 2)} | ${f(r.p50, 2)} | ${f(r.p99, 2)} | ${f(r.serverMsPerReq, 3)} | ${f(r.pgMsPerReq, 3)} | ${f(r.walBytesPerReq)} | ${f(r.peakRssMB)} | ${r.errors} |`,
      ),
      '',
    ].join('\n')
  },
  findings(result) {
    const w = /** @type {WorkersSection & { skipped?: string } | undefined} */ (
      result.sections.workers
    )
    if (!w || w.skipped) return []
    return w.rows
      .filter((r) => r.errors > 0)
      .map((r) => `TESSERA_WORKERS=${r.workers} ${r.mode} c=${r.concurrency}: ${r.errors} errors.`)
  },
}

/**
 * @param {Run} run
 * @returns {Promise<WorkersSection>}
 */
async function measureWorkers(run) {
  const { opts } = run
  /** @type {{ workers: number, target: Target }[]} */
  const targets = []
  for (const n of COUNTS) {
    const dbName = `tessera_workers${n}_${run.dbSuffix}`
    const url = await createDatabase(run, dbName)
    const server = await startTessera(run, {
      label: `tessera-workers-${n}`,
      databaseUrl: url,
      projectDir: PROJECT_DIR,
      logsDir: LOGS_DIR,
      env: { TESSERA_WORKERS: String(n) },
    })
    const target = newTarget(`tessera-w${n}`, server, { pgPid: postmasterPid(run), dbName })
    await provisionTesseraTarget(run, target, opts.users)
    await prewarm(run, target, MODES, Math.max(...opts.concurrency))
    targets.push({ workers: n, target })
    run.log(`workers=${n}: pid ${server.pid}, ready in ${server.readyMs} ms`)
  }

  /** @type {Map<string, { cells: Cell[], peaks: number[] }>} */
  const byKey = new Map()
  for (let round = 1; round <= opts.rounds; round++) {
    for (const mode of MODES) {
      for (const c of opts.concurrency) {
        const order = round % 2 ? targets : [...targets].reverse()
        for (const { workers: n, target } of order) {
          resetTreePeakRss(target.pid)
          const cell = await measureCell(run, target, mode, c, round)
          if (!cell) continue
          const key = `${n}|${mode}|${c}`
          const entry = byKey.get(key) ?? { cells: [], peaks: [] }
          entry.cells.push(cell)
          const rss = treeRssMB(target.pid)
          if (rss) entry.peaks.push(rss.peak)
          byKey.set(key, entry)
        }
      }
    }
  }
  for (const { target } of targets) await target.proc.stop()

  /** @type {WorkersRow[]} */
  const rows = []
  for (const [key, { cells, peaks }] of byKey) {
    const [n, mode, c] = key.split('|')
    const concurrency = Number(c)
    const baselineRps = median(
      run.result.cells
        .filter((x) => x.target === 'baseline' && x.mode === mode && x.concurrency === concurrency)
        .map((x) => x.rps),
    )
    const rps = /** @type {number} */ (median(cells.map((x) => x.rps)))
    rows.push({
      workers: Number(n),
      mode: /** @type {string} */ (mode),
      concurrency,
      rps: Math.round(rps),
      baselineRps: baselineRps == null ? null : Math.round(baselineRps),
      xBaseline: baselineRps ? Math.round((rps / baselineRps) * 100) / 100 : null,
      p50: median(cells.map((x) => x.latencyMs.p50)),
      p99: median(cells.map((x) => x.latencyMs.p99)),
      serverMsPerReq: median(cells.map((x) => x.cpu.serverMsPerReq)),
      pgMsPerReq: median(cells.map((x) => x.cpu.pgMsPerReq)),
      walBytesPerReq: median(cells.map((x) => x.cpu.walBytesPerReq)),
      peakRssMB: peaks.length ? Math.round(Math.max(...peaks)) : null,
      errors: cells.reduce((sum, x) => sum + x.errors + x.warmupErrors, 0),
    })
  }
  rows.sort(
    (a, b) =>
      a.mode.localeCompare(b.mode) || a.concurrency - b.concurrency || a.workers - b.workers,
  )
  return { cores: availableParallelism(), rows }
}

/**
 * @param {(number | null)[]} xs
 * @returns {number | null}
 */
function median(xs) {
  const v = xs.filter((x) => x != null).sort((a, b) => a - b)
  if (v.length === 0) return null
  const at = /** @param {number} i */ (i) => /** @type {number} */ (v[i])
  const mid = Math.floor(v.length / 2)
  return v.length % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2
}
