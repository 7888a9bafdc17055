#!/usr/bin/env node
// @ts-check
// `npm run bench`: measures Tessera (dist/src/server.js) and a minimal baseline server side by side,
// checks correctness on the way, and writes bench/results/latest.{json,md}. See bench/README.md.
//
// A run is a list of phases (phases/*.mjs), each a step with one job; they share the run's state
// (lib/run-context.mjs). Everything they start or create is undone at the end, also on Ctrl-C.

/** @import { Phase } from './types.js' */

import { existsSync, mkdirSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { findings } from './lib/findings.mjs'
import { HELP, NO_DATABASE, parseArgs } from './lib/options.mjs'
import { LOGS_DIR, PROJECT_DIR, RESULTS_DIR } from './lib/paths.mjs'
import { summarize, writeReport } from './lib/report.mjs'
import { createRun, log } from './lib/run-context.mjs'
import { embedded } from './phases/embedded.mjs'
import { load } from './phases/load.mjs'
import { probes } from './phases/probes.mjs'
import { provision } from './phases/provision.mjs'
import { scale } from './phases/scale.mjs'
import { sdk } from './phases/sdk.mjs'
import { stop } from './phases/stop.mjs'
import { webhooks } from './phases/webhooks.mjs'
import { workers } from './phases/workers.mjs'

/**
 * In order. A phase that fails ends the run (the report still says how far it got); `stop` comes
 * last so that phases added before it still have the servers.
 * @type {readonly Phase[]}
 */
const PHASES = [provision, load, probes, sdk, workers, embedded, scale, webhooks, stop]

async function main() {
  let opts
  try {
    opts = parseArgs(process.argv.slice(2))
  } catch (e) {
    log(`bench: ${e instanceof Error ? e.message : String(e)}`)
    process.exit(2)
  }
  if (opts.help) {
    console.log(HELP)
    return
  }
  const databaseUrl = process.env.DATABASE_URL || null
  if (!databaseUrl && !opts.embedded) {
    log(NO_DATABASE)
    process.exit(2)
  }
  if (!existsSync(join(PROJECT_DIR, 'dist/src/server.js'))) {
    log(
      'bench: dist/src/server.js is missing: run `npm run build` first (`npm run bench` builds by itself)',
    )
    process.exit(2)
  }
  mkdirSync(LOGS_DIR, { recursive: true })

  const { run, finish } = createRun(opts, { projectDir: PROJECT_DIR, databaseUrl })
  const { result } = run
  let exitCode = 0
  try {
    for (const phase of PHASES) await phase.run(run)
  } catch (e) {
    const err = /** @type {Error & { status?: number, body?: string }} */ (
      e instanceof Error ? e : new Error(String(e))
    )
    exitCode = 1
    log(`bench: failed: ${err.stack ?? err.message}`)
    result.error = { message: err.message, status: err.status, body: err.body }
    result.findings.push(`The run failed: ${err.message}`)
  } finally {
    await finish()
  }

  result.finishedAt = new Date().toISOString()
  result.loadavgEnd = loadavg().map((x) => Math.round(x * 100) / 100)
  result.summary = summarize(result.cells)
  result.findings.push(
    ...findings(result),
    ...PHASES.flatMap((phase) => phase.findings?.(result) ?? []),
  )
  const md = writeReport(RESULTS_DIR, result, PHASES)
  process.stdout.write(md)
  log(
    `\nwrote ${join(RESULTS_DIR, 'latest.json')} and latest.md (copies in results/runs/${result.stamp}.*)`,
  )
  process.exit(exitCode)
}

main().catch((e) => {
  log(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`)
  process.exit(1)
})
