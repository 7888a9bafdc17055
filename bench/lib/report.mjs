// @ts-check
// Summaries and the two outputs: results/latest.json (everything) and results/latest.md (tables),
// plus dated copies in results/runs/. Sections of phases added later (README.md "Adding a row")
// follow the built-in ones.

/** @import { Cell, Phase, ProbeResult, Result, SummaryRow } from '../types.js' */

import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { MODE_ORDER } from './modes.mjs'

/** @param {(number | null | undefined)[]} xs */
const median = (xs) => {
  const v = /** @type {number[]} */ (xs.filter((x) => x != null && Number.isFinite(x))).sort(
    (a, b) => a - b,
  )
  if (v.length === 0) return null
  const at = /** @param {number} i */ (i) => /** @type {number} */ (v[i])
  const m = Math.floor(v.length / 2)
  return v.length % 2 ? at(m) : (at(m - 1) + at(m)) / 2
}
/** @param {(number | null | undefined)[]} xs */
const max = (xs) => {
  const v = /** @type {number[]} */ (xs.filter((x) => x != null && Number.isFinite(x)))
  return v.length ? Math.max(...v) : null
}
/**
 * @param {number | null | undefined} x
 * @param {number} d
 */
const round = (x, d) => (x == null ? null : Math.round(x * 10 ** d) / 10 ** d)

/** @param {(Record<string, number> | undefined)[]} list */
function mergeCounts(list) {
  /** @type {Record<string, number>} */
  const out = {}
  for (const m of list) for (const [k, v] of Object.entries(m ?? {})) out[k] = (out[k] ?? 0) + v
  return out
}

/**
 * One row per target × mode × concurrency: medians over rounds, error totals, × baseline.
 * @param {Cell[]} cells
 * @param {string} [baselineName]
 * @returns {SummaryRow[]}
 */
export function summarize(cells, baselineName = 'baseline') {
  /** @type {Map<string, Cell[]>} */
  const groups = new Map()
  for (const c of cells) {
    const key = `${c.target}|${c.mode}|${c.concurrency}`
    const group = groups.get(key)
    if (group) group.push(c)
    else groups.set(key, [c])
  }
  /** @type {SummaryRow[]} */
  const rows = []
  for (const list of groups.values()) {
    const { target, mode, concurrency } = /** @type {Cell} */ (list[0])
    rows.push({
      target,
      mode,
      concurrency,
      rounds: list.length,
      rps: round(median(list.map((c) => c.rps)), 1),
      rpsMin: round(Math.min(...list.map((c) => c.rps)), 1),
      rpsMax: round(Math.max(...list.map((c) => c.rps)), 1),
      p50: round(median(list.map((c) => c.latencyMs.p50)), 3),
      p90: round(median(list.map((c) => c.latencyMs.p90)), 3),
      p99: round(median(list.map((c) => c.latencyMs.p99)), 3),
      ok: list.reduce((a, c) => a + c.ok, 0),
      errors: list.reduce((a, c) => a + c.errors + c.warmupErrors, 0),
      errorsByKind: mergeCounts(list.flatMap((c) => [c.errorsByKind, c.warmupErrorsByKind])),
      vusUsed: max(list.map((c) => c.vusUsed)),
      vusRetired: list.reduce((a, c) => a + c.vusRetired, 0),
      serverCpuMsPerReq: round(median(list.map((c) => c.cpu?.serverMsPerReq)), 3),
      pgCpuMsPerReq: round(median(list.map((c) => c.cpu?.pgMsPerReq)), 3),
      loadgenCpuMsPerReq: round(median(list.map((c) => c.cpu?.loadgenMsPerReq)), 3),
      otherCpuCores: round(max(list.map((c) => c.cpu?.otherCores)), 2),
      peakRssMB: round(max(list.map((c) => c.peakRssMB)), 1),
      serverLogErrors: list.reduce((a, c) => a + (c.serverLog?.errors ?? 0), 0),
    })
  }
  for (const r of rows) {
    const base = rows.find(
      (b) => b.target === baselineName && b.mode === r.mode && b.concurrency === r.concurrency,
    )
    r.xBaseline =
      base && base.rps != null && base.rps > 0 && r.rps != null ? round(r.rps / base.rps, 2) : null
  }
  /** @param {string} t */
  const order = (t) => (t === baselineName ? 1 : 0)
  rows.sort(
    (a, b) =>
      MODE_ORDER.indexOf(a.mode) - MODE_ORDER.indexOf(b.mode) ||
      a.concurrency - b.concurrency ||
      order(a.target) - order(b.target) ||
      a.target.localeCompare(b.target),
  )
  return rows
}

/**
 * @param {number | null | undefined} x
 * @param {number} [d]
 */
const n = (x, d = 0) =>
  x == null
    ? 'n/a'
    : x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d })

/** @param {SummaryRow} r */
function errorsText(r) {
  if (!r.errors) return '0'
  const parts = Object.entries(r.errorsByKind).map(([k, v]) => `${k}×${v}`)
  return `**${r.errors}** (${parts.join(', ')})`
}

/** @param {SummaryRow[]} rows */
function markdownTable(rows) {
  const lines = [
    '| target | mode | c | req/s | × baseline | p50 ms | p90 ms | p99 ms | errors | server CPU ms/req | pg CPU ms/req | peak RSS MB | other CPU |',
    '|---|---|--:|--:|--:|--:|--:|--:|---|--:|--:|--:|--:|',
  ]
  for (const r of rows) {
    const rps = r.rounds > 1 ? `${n(r.rps)} (${n(r.rpsMin)}–${n(r.rpsMax)})` : n(r.rps)
    lines.push(
      `| ${r.target} | ${r.mode} | ${r.concurrency} | ${rps} | ${r.xBaseline == null ? '–' : r.xBaseline.toFixed(2)} | ${n(r.p50, 2)} | ${n(r.p90, 2)} | ${n(r.p99, 2)} | ${errorsText(r)} | ${n(r.serverCpuMsPerReq, 3)} | ${n(r.pgCpuMsPerReq, 3)} | ${n(r.peakRssMB)} | ${n(r.otherCpuCores, 2)} |`,
    )
  }
  return lines.join('\n')
}

/**
 * @param {unknown} v
 * @param {unknown} [detail]
 */
const yes = (v, detail) =>
  v === true
    ? `yes${detail ? ` (${detail})` : ''}`
    : v === false
      ? `**NO**${detail ? ` (${detail})` : ''}`
      : 'n/a'

/** @param {Record<string, ProbeResult>} probes */
function probesTable(probes) {
  const names = Object.keys(probes)
  if (names.length === 0) return '_no probes ran_'
  /**
   * @param {string} label
   * @param {(p: ProbeResult) => string} f
   */
  const row = (label, f) =>
    `| ${label} | ${names
      .map((t) => {
        const p = probes[t]
        return !p || p.skipped ? 'skipped' : f(p)
      })
      .join(' | ')} |`
  const lines = [`| probe | ${names.join(' | ')} |`, `|---|${names.map(() => '---').join('|')}|`]
  lines.push(
    row('replay refused (A→B→C, then A)', (p) =>
      yes(p.replayRefused, p.replay?.replayAfterTwoRotations),
    ),
  )
  lines.push(
    row('no double successor (4 concurrent refreshes × 3 tokens)', (p) =>
      yes(
        p.noDoubleSuccessor,
        `${p.raceDoubleSuccessors} extra distinct successors; 200s per race: ${p.races?.map((/** @type {{ successes: number }} */ r) => r.successes).join('/')}`,
      ),
    ),
  )
  lines.push(
    row('wrong client secret refused', (p) => yes(p.wrongSecretRefused, p.wrongSecretStatus)),
  )
  lines.push(row('… and the refresh token survives it', (p) => yes(p.tokenIntactAfterWrongSecret)))
  lines.push(
    row('tampered access token refused (1 char)', (p) => yes(p.tamperedRefused, p.tamperedStatus)),
  )
  lines.push(
    row('forged claims under original signature refused', (p) =>
      yes(p.forgedClaimsRefused, p.forgedClaimsStatus),
    ),
  )
  lines.push(row('untampered access token accepted', (p) => yes(p.untamperedAccepted)))
  lines.push(
    row(
      '_info_: A presented again right after A→B',
      (p) => p.replay?.immediateRepeatOutcome ?? 'n/a',
    ),
  )
  lines.push(
    row('_info_: session revoked after the replay', (p) =>
      p.sessionRevokedOnReplay == null ? 'n/a' : p.sessionRevokedOnReplay ? 'yes' : 'no',
    ),
  )
  lines.push(row('**all probes pass**', (p) => yes(p.pass)))
  return lines.join('\n')
}

/** @param {Result['scale']} scale */
function scaleSection(scale) {
  if (!scale) return ''
  if (scale.skipped) return `\n## Scale\n\nSkipped: ${scale.skipped}\n`
  if (scale.error) return `\n## Scale\n\n**Failed**: ${scale.error}\n`
  const lines = [
    '',
    '## Scale',
    '',
    `Seeded ${n(scale.seed.users)} managed users with token families and ${n(scale.seed.events)} past \`token.refreshed\` audit events (hash-chained) in ${n(scale.seed.timings.totalS)} s; refresh measured on ${n(scale.freshUsers)} freshly provisioned users.`,
    '',
    `Refresh on the seeded database and on the run's small one, interleaved (${scale.rounds} rounds, alternating order, medians):`,
    '',
    '| c | small-DB p50 ms | seeded p50 ms | ratio | per round | ≤ 1.3× | seeded req/s | seeded p99 ms | server CPU ms/req small → seeded | pg CPU ms/req small → seeded | errors |',
    '|--:|--:|--:|--:|---|---|--:|--:|--:|--:|---|',
  ]
  for (const c of scale.comparison) {
    lines.push(
      `| ${c.concurrency} | ${n(c.emptyP50, 2)} | ${n(c.scaleP50, 2)} | ${c.ratio == null ? 'n/a' : c.ratio.toFixed(2)} | ${c.perRoundRatios.map((/** @type {number | null} */ x) => (x == null ? 'n/a' : x.toFixed(2))).join(' / ')} | ${c.ratio == null ? 'n/a' : c.ratio <= 1.3 ? 'yes' : '**NO**'} | ${n(c.scaleRps)} | ${n(c.scaleP99, 2)} | ${n(c.emptyServerCpuMsPerReq, 3)} → ${n(c.scaleServerCpuMsPerReq, 3)} | ${n(c.emptyPgCpuMsPerReq, 3)} → ${n(c.scalePgCpuMsPerReq, 3)} | ${c.errors ? `**${c.errors}** ${JSON.stringify(c.errorsByKind)}` : '0'} |`,
    )
  }
  const s = scale.storage
  lines.push(
    '',
    '| table | size after seeding | bytes per seeded row | growth during the scale run | bytes per refresh |',
    '|---|--:|--:|--:|--:|',
  )
  for (const t of Object.keys(s.before)) {
    const seededRows =
      t === 'audit_events' || t === 'audit_chain'
        ? scale.seed.events
        : t === 'token_families' || t === 'managed_users'
          ? scale.seed.users
          : null
    const grew = s.after[t].bytes - s.before[t].bytes
    lines.push(
      `| ${t} | ${n(s.seeded[t].bytes / 1048576, 1)} MiB | ${seededRows ? n(s.seeded[t].bytes / seededRows) : 'n/a'} | ${n(grew / 1024)} KiB | ${s.refreshes ? n(grew / s.refreshes) : 'n/a'} |`,
    )
  }
  lines.push(
    '',
    `Refreshes during the scale run (warm-up included): ${n(s.refreshes)}; all three token tables together grew ${n(s.bytesPerRefresh)} bytes per refresh (token_families stays flat: one row per session, updated in place; audit_events and audit_chain grow by one row each per refresh until retention prunes them).`,
  )
  return lines.join('\n') + '\n'
}

/**
 * @param {Result} result
 * @param {readonly Phase[]} phases their `markdown` sections follow the built-in ones
 */
function markdown(result, phases) {
  const m = result.machine
  const pgText = result.postgres
    ? `PostgreSQL ${result.postgres.server_version} (fsync ${result.postgres.fsync}, synchronous_commit ${result.postgres.synchronous_commit}, wal_sync_method ${result.postgres.wal_sync_method}, shared_buffers ${result.postgres.shared_buffers})`
    : 'no PostgreSQL server'
  const cfg = result.config
  const out = [
    `# Tessera benchmark — ${result.startedAt}`,
    '',
    `${m.nproc} CPUs (${m.cpuModel}), ${n(m.totalMemMB)} MB RAM, Node ${m.node}, ${pgText}. Tessera storage: **${cfg.embedded ? 'embedded (PGlite)' : 'PostgreSQL'}**, signing ${cfg.alg}; baseline: ${result.baseline?.skipped ? `skipped (${result.baseline.skipped})` : `PostgreSQL, ${cfg.alg}`}.`,
    `Closed loop, ${cfg.warmup} s warm-up + ${cfg.duration} s per cell, ${cfg.rounds} round(s)${cfg.rounds > 1 ? ' (median, range in brackets)' : ''}, ${cfg.users} load users + ${cfg.canaries} canaries per target. Load average ${m.loadavg.join(' ')} at start, ${result.loadavgEnd?.join(' ') ?? 'n/a'} at end.`,
    '',
    markdownTable(result.summary),
    '',
    "× baseline: Tessera req/s ÷ the baseline's in the same mode and concurrency. CPU ms/req: user+system CPU during the measured window ÷ requests, of the server process (server) and of the PostgreSQL backends connected to the target's database (pg; n/a in embedded mode, where the database runs inside the server process). Peak RSS: VmHWM of the server process during the cell. Other CPU: cores used during the cell by anything but the server, its database backends and the load generator (interference when well above 0).",
    '',
    '## Correctness probes',
    '',
    probesTable(result.probes),
    scaleSection(result.scale),
    ...phases.flatMap((phase) => (phase.markdown ? ['', phase.markdown(result)] : [])),
  ]
  out.push('', '## Findings', '')
  if (result.findings.length === 0)
    out.push('None: no errors, no failed probes, no server errors in the logs.')
  else for (const f of result.findings) out.push(`- ${f}`)
  return out.join('\n') + '\n'
}

/**
 * Writes latest.json, latest.md and their dated copies; returns the Markdown.
 * @param {string} resultsDir
 * @param {Result} result
 * @param {readonly Phase[]} phases
 */
export function writeReport(resultsDir, result, phases) {
  const runsDir = join(resultsDir, 'runs')
  mkdirSync(runsDir, { recursive: true })
  const md = markdown(result, phases)
  const json = JSON.stringify(result, null, 2) + '\n'
  writeFileSync(join(resultsDir, 'latest.json'), json)
  writeFileSync(join(resultsDir, 'latest.md'), md)
  writeFileSync(join(runsDir, `${result.stamp}.json`), json)
  writeFileSync(join(runsDir, `${result.stamp}.md`), md)
  return md
}
