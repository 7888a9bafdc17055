// @ts-check
// Phase 4 (--scale): Tessera on a database seeded with 1,000,000 users and 10,000,000 past
// refreshes (lib/scale.mjs), its refresh p50 against the run's small database, interleaved.

/** @import { Cell, Phase, Run, Target } from '../types.js' */

import { randomBytes } from 'node:crypto'
import { createDatabase, postmasterPid } from '../lib/databases.mjs'
import { measureCell, prewarm } from '../lib/measure.mjs'
import { fingerprint } from '../lib/modes.mjs'
import { SCALE_CONCURRENCY } from '../lib/options.mjs'
import { LOGS_DIR, PROJECT_DIR } from '../lib/paths.mjs'
import { summarize } from '../lib/report.mjs'
import { seedScale, tableSizes } from '../lib/scale.mjs'
import { scanTargetLog } from '../lib/server-log.mjs'
import {
  createTesseraUsers,
  newTarget,
  provisionTesseraClient,
  startTessera,
} from '../lib/targets.mjs'

const WHERE = { projectDir: PROJECT_DIR, logsDir: LOGS_DIR }

/** @type {Phase} */
export const scale = {
  name: 'scale',
  async run(run) {
    if (!run.opts.scale) return
    const reference = run.targets.find((t) => t.name === 'tessera')
    if (!reference) throw new Error('--scale compares against the tessera target, which is missing')
    run.result.scale = await runScale(run, reference)
  },
}

/**
 * @param {Run} run
 * @param {Target} reference Tessera on the run's own small database
 */
async function runScale(run, reference) {
  const { opts, keys, dbSuffix } = run
  const pgPid = postmasterPid(run)
  if (opts.embedded)
    return {
      skipped: '--scale seeds a PostgreSQL database through SQL; it does not run with --embedded',
    }
  if (!run.databaseUrl) return { skipped: 'needs DATABASE_URL' }
  /** @type {Record<string, any>} */
  const out = { database: `tessera_scale_${dbSuffix}` }
  try {
    const url = await createDatabase(run, out.database)
    run.log(`scale: migrating ${out.database} (Tessera start), provisioning a client`)
    let t = await startTessera(run, { label: 'tessera-scale', databaseUrl: url, ...WHERE })
    const client = await provisionTesseraClient({
      baseUrl: t.baseUrl,
      adminKey: keys.admin,
      tag: `${dbSuffix}-scale`,
    })
    out.migrationStop = await t.proc.stop()
    run.log(
      `scale: seeding ${opts.scaleUsers.toLocaleString()} users and ${opts.scaleEvents.toLocaleString()} past refreshes …`,
    )
    out.seed = await seedScale({
      url,
      projectDir: PROJECT_DIR,
      clientId: client.clientId,
      users: opts.scaleUsers,
      events: opts.scaleEvents,
      log: run.log,
    })
    run.log(
      `scale: seeded in ${out.seed.timings.totalS.toFixed(0)} s ${JSON.stringify(out.seed.timings)}`,
    )
    const seeded = await tableSizes(url)

    t = await startTessera(run, { label: 'tessera-scale', databaseUrl: url, ...WHERE })
    run.log(`scale: Tessera pid ${t.pid} ready in ${t.readyMs} ms on the seeded database`)
    out.readyMs = t.readyMs
    const n = 2 * Math.max(...SCALE_CONCURRENCY)
    const users = await createTesseraUsers({
      baseUrl: t.baseUrl,
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      n,
      tag: randomBytes(3).toString('hex'),
    })
    out.freshUsers = n
    const target = newTarget('tessera@scale', t, { pgPid, dbName: out.database })
    Object.assign(target, client)
    target.vus = users
    for (const u of users) target.seen.add(fingerprint(u.refreshToken))
    await prewarm(run, target, ['refresh'], SCALE_CONCURRENCY[0] ?? 16)
    // the empty-database figures are measured again here, interleaved with the seeded ones
    // (same minutes, alternating order), so machine noise hits both sides alike
    const rounds = Math.max(3, opts.rounds)
    const before = await tableSizes(url)
    out.rounds = rounds
    /** @type {Cell[]} */
    const cells = (out.cells = [])
    /** @type {Cell[]} */
    const referenceCells = (out.referenceCells = [])
    const empty = { ...reference, name: 'tessera@empty' }
    for (let round = 0; round < rounds; round++) {
      for (const c of SCALE_CONCURRENCY) {
        const order =
          (round + SCALE_CONCURRENCY.indexOf(c)) % 2 === 0 ? [empty, target] : [target, empty]
        for (const x of order) {
          const cell = await measureCell(run, x, 'refresh', c, round)
          if (cell) (x === target ? cells : referenceCells).push(cell)
        }
      }
    }
    reference.logOffset = empty.logOffset
    const after = await tableSizes(url)
    out.shutdown = await t.proc.stop()
    scanTargetLog(target)
    out.logMessages = target.logMessages
    const refreshes = cells.reduce((a, c) => a + c.ok + c.okWarmup, 0)
    const tokenTables = ['token_families', 'audit_events', 'audit_chain']
    const grew = tokenTables.reduce(
      (a, k) => a + ((after[k]?.bytes ?? 0) - (before[k]?.bytes ?? 0)),
      0,
    )
    out.storage = {
      seeded,
      before,
      after,
      refreshes,
      bytesPerRefresh: refreshes ? Math.round(grew / refreshes) : null,
    }
    const emptyRows = summarize(referenceCells)
    const scaleRows = summarize(cells)
    out.comparison = SCALE_CONCURRENCY.map((c) => {
      const e = emptyRows.find((r) => r.concurrency === c)
      const sc = scaleRows.find((r) => r.concurrency === c)
      const ratio = e?.p50 && sc?.p50 ? Math.round((sc.p50 / e.p50) * 100) / 100 : null
      const perRound = Array.from({ length: rounds }, (_, round) => {
        const a = referenceCells.find((x) => x.concurrency === c && x.round === round)
        const b = cells.find((x) => x.concurrency === c && x.round === round)
        return a?.latencyMs.p50 && b?.latencyMs.p50
          ? Math.round((b.latencyMs.p50 / a.latencyMs.p50) * 100) / 100
          : null
      })
      return {
        concurrency: c,
        emptyP50: e?.p50 ?? null,
        emptyRps: e?.rps ?? null,
        emptyServerCpuMsPerReq: e?.serverCpuMsPerReq ?? null,
        emptyPgCpuMsPerReq: e?.pgCpuMsPerReq ?? null,
        scaleP50: sc?.p50 ?? null,
        scaleP99: sc?.p99 ?? null,
        scaleRps: sc?.rps ?? null,
        scaleServerCpuMsPerReq: sc?.serverCpuMsPerReq ?? null,
        scalePgCpuMsPerReq: sc?.pgCpuMsPerReq ?? null,
        ratio,
        perRoundRatios: perRound,
        withinLimit: ratio == null ? null : ratio <= 1.3,
        errors: sc ? sc.errors : null,
        errorsByKind: sc ? sc.errorsByKind : null,
        maxOtherCpuCores: Math.max(e?.otherCpuCores ?? 0, sc?.otherCpuCores ?? 0),
      }
    })
    for (const c of out.comparison)
      run.log(
        `scale: refresh c=${c.concurrency}: median p50 ${c.scaleP50} ms vs ${c.emptyP50} ms on the small database → ×${c.ratio} (per round ${c.perRoundRatios.join(', ')})`,
      )
    run.log(`scale: ${out.storage.bytesPerRefresh} bytes of token tables per refresh`)
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e))
    run.log(`scale: failed: ${err.stack ?? err.message}`)
    out.error = err.message
  }
  return out
}
