// @ts-check
// The report's "Findings": what a reader of a run must not miss.

/** @import { Result, TargetRecord } from '../types.js' */

/**
 * The result's record of a target by its name (the scale target has none).
 * @param {Result} result
 * @param {string} name
 * @returns {TargetRecord | null}
 */
const recordOf = (result, name) =>
  name === 'tessera' ? result.tessera : name === 'baseline' ? result.baseline : null

/**
 * What deserves a reader's attention, one line each: errors, failed probes, server log errors,
 * interference from other processes, unclean shutdowns, the scale limit.
 * @param {Result} result
 * @returns {string[]}
 */
export function findings(result) {
  /** @type {string[]} */
  const f = []
  for (const r of result.summary) {
    if (r.errors > 0) {
      const cell = result.cells.find(
        (c) =>
          c.target === r.target &&
          c.mode === r.mode &&
          c.concurrency === r.concurrency &&
          (c.errors || c.warmupErrors),
      )
      const sample = cell?.errorSamples?.[0]
      f.push(
        `${r.target} ${r.mode} c=${r.concurrency}: ${r.errors} error(s) ${JSON.stringify(r.errorsByKind)}${sample ? `; first: ${sample.error}${sample.body ? ` ${sample.body.slice(0, 300)}` : sample.message ? ` ${sample.message}` : ''}` : ''}`,
      )
    }
    if (r.serverLogErrors > 0)
      f.push(
        `${r.target} ${r.mode} c=${r.concurrency}: the server logged ${r.serverLogErrors} error line(s); see ${recordOf(result, r.target)?.log ?? 'its log'}`,
      )
  }
  const noisy = result.summary.filter((r) => r.otherCpuCores != null && r.otherCpuCores > 0.3)
  if (noisy.length > 0) {
    const worst = Math.max(...noisy.map((r) => r.otherCpuCores ?? 0))
    f.push(
      `Interference: in ${noisy.length} of ${result.summary.length} rows other processes used more than 0.3 cores during the cell (up to ${worst} of ${result.machine.nproc}; see the "other CPU" column). Rates and latencies of those rows are depressed; CPU ms/req is less affected. Rerun on a quiet machine, or with --rounds 3, before quoting numbers.`,
    )
  }
  for (const c of [...result.cells, ...(result.scale?.cells ?? [])]) {
    if (c.serverExited)
      f.push(
        `${c.target}: the server process exited during ${c.mode} c=${c.concurrency}: ${JSON.stringify(c.serverExited)}`,
      )
    if (c.capped)
      f.push(
        `${c.target} ${c.mode} c=${c.concurrency}: hit --max-requests; the rate is a lower bound`,
      )
    if (c.watchdogFired)
      f.push(`${c.target} ${c.mode} c=${c.concurrency}: the watchdog had to tear connections down`)
  }
  for (const [name, p] of Object.entries(result.probes)) {
    if (p.skipped) continue
    if (!p.pass)
      f.push(
        `${name}: correctness probes FAILED: ${JSON.stringify({ replayRefused: p.replayRefused, noDoubleSuccessor: p.noDoubleSuccessor, wrongSecretRefused: p.wrongSecretRefused, tamperedRefused: p.tamperedRefused, forgedClaimsRefused: p.forgedClaimsRefused, untamperedAccepted: p.untamperedAccepted, replay: p.replay, races: p.races })}`,
      )
    if (p.tokenIntactAfterWrongSecret === false)
      f.push(`${name}: a refresh with a wrong client secret spent the refresh token`)
    for (const note of p.notes ?? []) f.push(`${name}: ${note}`)
    if (p.serverLog?.errors)
      f.push(
        `${name}: the server logged ${p.serverLog.errors} error line(s) during the probes: ${p.serverLog.samples.join(' | ')}`,
      )
  }
  /** @type {[string, Record<string, number> | undefined, string | null | undefined][]} */
  const logSources = [
    ['tessera', result.tessera?.logMessages, result.tessera?.log],
    ['baseline', result.baseline?.logMessages, result.baseline?.log],
    ['tessera@scale', result.scale?.logMessages, null],
  ]
  for (const [name, messages, path] of logSources) {
    for (const [msg, count] of Object.entries(messages ?? {})) {
      const expected = /refresh token replay: token family revoked/.test(msg)
        ? ' (expected: caused by the replay probe)'
        : ''
      f.push(`${name} logged ${count}× "${msg}"${expected}${path && !expected ? ` — ${path}` : ''}`)
    }
  }
  const maintenanceFailures = logSources
    .flatMap(([, messages]) => Object.entries(messages ?? {}))
    .filter(([msg]) => /maintenance failed/.test(msg))
    .reduce((a, [, count]) => a + count, 0)
  if (maintenanceFailures > 0) {
    f.push(
      `Tessera's maintenance job failed ${maintenanceFailures}× (it runs every 60 s): while it fails, expired/revoked token families and audit events past retention are never pruned, so audit_events + audit_chain grow by ~${result.scale?.storage?.bytesPerRefresh ?? 500} bytes per refresh without bound`,
    )
  }
  for (const name of ['tessera', 'baseline']) {
    const s = recordOf(result, name)?.shutdown
    if (!s) continue
    if (s.forced || s.code !== 0)
      f.push(
        `${name}: did not exit 0 on SIGTERM (${JSON.stringify({ code: s.code, signal: s.signal, forced: s.forced })})`,
      )
    if (s.logErrorsAtShutdown)
      f.push(
        `${name}: logged ${s.logErrorsAtShutdown} error line(s) while shutting down: ${s.samples.join(' | ')}`,
      )
  }
  const sc = result.scale
  if (sc && !sc.skipped && !sc.error) {
    for (const c of sc.comparison) {
      if (c.ratio != null && c.ratio > 1.3)
        f.push(
          `scale: refresh p50 at c=${c.concurrency} is ${c.ratio}× the empty-database figure (limit 1.3×)`,
        )
      if (c.errors)
        f.push(
          `scale: refresh c=${c.concurrency}: ${c.errors} error(s) ${JSON.stringify(c.errorsByKind)}`,
        )
    }
    for (const c of sc.cells)
      if (c.serverLog?.errors)
        f.push(
          `scale: refresh c=${c.concurrency}: the server logged ${c.serverLog.errors} error line(s): ${c.serverLog.samples.join(' | ')}`,
        )
    if (sc.shutdown && (sc.shutdown.forced || sc.shutdown.code !== 0))
      f.push(`scale: Tessera did not exit 0 on SIGTERM (${JSON.stringify(sc.shutdown)})`)
  }
  return f
}
