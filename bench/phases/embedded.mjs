// @ts-check
// Issue 7 item 10: the embedded default, light. Tessera on PGlite in a fresh data directory
// (what `npm start` does on a new machine): how long until /health answers, resident memory
// idle and under the bench's load at the highest --concurrency. Targets: start ≤ 3 s, idle ≤ 250
// MB, under load ≤ 300 MB. Runs in every bench (it needs no PostgreSQL); --no-embedded-rows
// skips it.

/** @import { Cell, Phase, Run } from '../types.js' */

import { setTimeout as sleep } from 'node:timers/promises'
import { measureCell, prewarm } from '../lib/measure.mjs'
import { LOGS_DIR, PROJECT_DIR } from '../lib/paths.mjs'
import { cpuOfPids, treeRssMB } from '../lib/proc-stats.mjs'
import { newTarget, provisionTesseraTarget, startTessera } from '../lib/targets.mjs'

/** Fresh data directories started, each from nothing; the median is reported. */
const COLD_STARTS = 3
/** Quiet time before an idle reading: start-up work (key load, first sealer run) has settled. */
const IDLE_SETTLE_MS = 3_000
const LIMITS = { coldStartMs: 3_000, idleRssMB: 250, loadRssMB: 300 }

/**
 * @typedef {object} EmbeddedSection
 * @property {number[]} coldStartMs spawn → first 200 from /health, each on a fresh data directory
 * @property {number} coldStartMedianMs
 * @property {(number | null)[]} coldStartCpuMs CPU the process had used when it first answered:
 *   what the start costs on an idle core, whatever else the machine was doing
 * @property {number | null} idleRssMB VmRSS after start-up settled, before any load
 * @property {number | null} idleAfterLoadRssMB VmRSS after the load, settled
 * @property {{ mode: string, concurrency: number, rps: number, p50: number | null,
 *   p99: number | null, errors: number, peakRssMB: number | null }[]} load
 * @property {number | null} peakLoadRssMB
 * @property {typeof LIMITS} limits
 */

/** @type {Phase} */
export const embedded = {
  name: 'embedded',
  async run(run) {
    if (!run.opts.embeddedRows) return
    run.result.sections.embedded = await measureEmbedded(run)
  },
  markdown(result) {
    const e = /** @type {EmbeddedSection | undefined} */ (result.sections.embedded)
    if (!e) return ''
    const mb = (/** @type {number | null} */ x) => (x == null ? 'n/a' : x.toFixed(0))
    return [
      '## Embedded mode (fresh data directory)',
      '',
      '| cold start (median of ' +
        `${e.coldStartMs.length}) | runs | CPU used by then | idle RSS | idle RSS after load | peak RSS under load |`,
      '|--:|---|---|--:|--:|--:|',
      `| **${e.coldStartMedianMs} ms** (limit ${e.limits.coldStartMs}) | ${e.coldStartMs.join(', ')} ms | ${e.coldStartCpuMs.join(', ')} ms | **${mb(e.idleRssMB)} MB** (limit ${e.limits.idleRssMB}) | ${mb(e.idleAfterLoadRssMB)} MB | **${mb(e.peakLoadRssMB)} MB** (limit ${e.limits.loadRssMB}) |`,
      '',
      '| mode | c | req/s | p50 ms | p99 ms | errors | peak RSS MB |',
      '|---|--:|--:|--:|--:|--:|--:|',
      ...e.load.map(
        (l) =>
          `| ${l.mode} | ${l.concurrency} | ${Math.round(l.rps)} | ${l.p50 ?? 'n/a'} | ${l.p99 ?? 'n/a'} | ${l.errors} | ${mb(l.peakRssMB)} |`,
      ),
      '',
      "Cold start: `node dist/src/server.js` spawned on an empty `TESSERA_DATA_DIR` until `GET /health` answers 200 (polled every 10 ms), as `npm start` runs it (its environment assignments and Node flags, from package.json). CPU used by then is the process's own user + system time: close to the wall time on an idle core; well below it, the machine was busy (see other CPU in the cells).",
      '',
    ].join('\n')
  },
  findings(result) {
    const e = /** @type {EmbeddedSection | undefined} */ (result.sections.embedded)
    if (!e) return []
    /** @type {string[]} */
    const out = []
    if (e.coldStartMedianMs > LIMITS.coldStartMs)
      out.push(`Embedded cold start took ${e.coldStartMedianMs} ms (limit ${LIMITS.coldStartMs}).`)
    if ((e.idleRssMB ?? 0) > LIMITS.idleRssMB)
      out.push(`Embedded idle RSS was ${e.idleRssMB?.toFixed(0)} MB (limit ${LIMITS.idleRssMB}).`)
    if ((e.peakLoadRssMB ?? 0) > LIMITS.loadRssMB)
      out.push(
        `Embedded peak RSS under load was ${e.peakLoadRssMB?.toFixed(0)} MB (limit ${LIMITS.loadRssMB}).`,
      )
    return out
  },
}

/**
 * @param {Run} run
 * @returns {Promise<EmbeddedSection>}
 */
async function measureEmbedded(run) {
  const { opts } = run
  /** @type {number[]} */
  const coldStartMs = []
  /** @type {(number | null)[]} */
  const coldStartCpuMs = []
  let server = null
  for (let i = 0; i < COLD_STARTS; i++) {
    if (server) await server.proc.stop()
    server = await startTessera(run, {
      label: `embedded-${i + 1}`,
      databaseUrl: null,
      projectDir: PROJECT_DIR,
      logsDir: LOGS_DIR,
      readyPollMs: 10,
    })
    coldStartMs.push(server.readyMs)
    const cpu = server.pid ? (cpuOfPids([server.pid]).get(server.pid) ?? null) : null
    coldStartCpuMs.push(cpu == null ? null : Math.round(cpu))
    run.log(`embedded: fresh data directory ready in ${server.readyMs} ms (${cpu} ms CPU)`)
  }
  if (!server) throw new Error('no embedded server started')
  await sleep(IDLE_SETTLE_MS)
  const idleRssMB = treeRssMB(server.pid)?.current ?? null
  run.log(`embedded: idle RSS ${idleRssMB?.toFixed(0)} MB`)

  const target = newTarget('tessera-embedded', server, { pgPid: null, dbName: null })
  const concurrency = Math.max(...opts.concurrency)
  await provisionTesseraTarget(run, target, opts.users)
  await prewarm(run, target, ['refresh', 'verify'], concurrency)
  /** @type {Cell[]} */
  const cells = []
  for (const mode of ['refresh', 'verify']) {
    const cell = await measureCell(run, target, mode, concurrency, 1)
    if (cell) cells.push(cell)
  }
  await sleep(IDLE_SETTLE_MS)
  const idleAfterLoadRssMB = treeRssMB(server.pid)?.current ?? null
  await server.proc.stop()
  const sorted = [...coldStartMs].sort((a, b) => a - b)
  const peaks = cells.map((c) => c.peakRssMB).filter((x) => x != null)
  return {
    coldStartMs,
    coldStartCpuMs,
    coldStartMedianMs: /** @type {number} */ (sorted[Math.floor(sorted.length / 2)]),
    idleRssMB: round(idleRssMB),
    idleAfterLoadRssMB: round(idleAfterLoadRssMB),
    load: cells.map((c) => ({
      mode: c.mode,
      concurrency: c.concurrency,
      rps: c.rps,
      p50: c.latencyMs.p50,
      p99: c.latencyMs.p99,
      errors: c.errors + c.warmupErrors,
      peakRssMB: round(c.peakRssMB),
    })),
    peakLoadRssMB: peaks.length ? round(Math.max(...peaks)) : null,
    limits: LIMITS,
  }
}

/** @param {number | null} x */
function round(x) {
  return x == null ? null : Math.round(x * 10) / 10
}
