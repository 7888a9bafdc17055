// @ts-check
// Phase 1: databases, the servers under test, and their users. Tessera on a fresh
// `tessera_bench_<ts>` database (or embedded), the baseline on `tessera_baseline_<ts>`; each gets
// `--users` load users plus the canaries the probes use.

/** @import { Phase, Run, Target, User } from '../types.js' */

import { randomBytes } from 'node:crypto'
import { connectAdmin, createDatabase, postmasterPid } from '../lib/databases.mjs'
import { fingerprint } from '../lib/modes.mjs'
import { BENCH_DIR, LOGS_DIR, PROJECT_DIR } from '../lib/paths.mjs'
import { CANARIES } from '../lib/run-context.mjs'
import {
  createTesseraUsers,
  newTarget,
  provisionBaseline,
  provisionTesseraClient,
  startBaseline,
  startTessera,
} from '../lib/targets.mjs'

/** @type {Phase} */
export const provision = {
  name: 'provision',
  async run(run) {
    const { opts, result } = run
    await connectAdmin(run)
    run.log(
      `bench ${run.stamp}: Tessera on ${opts.embedded ? 'embedded PGlite' : 'PostgreSQL'}, alg ${opts.alg}, modes ${opts.modes.join(',')}, c ${opts.concurrency.join(',')}, ${opts.warmup}+${opts.duration} s, ${opts.rounds} round(s)`,
    )

    const dbName = opts.embedded ? null : `tessera_bench_${run.dbSuffix}`
    const tesseraDb = dbName ? await createDatabase(run, dbName) : null
    const server = await startTessera(run, {
      label: 'tessera',
      databaseUrl: tesseraDb,
      projectDir: PROJECT_DIR,
      logsDir: LOGS_DIR,
    })
    run.log(
      `tessera: pid ${server.pid} on ${server.baseUrl}, ready in ${server.readyMs} ms, log ${server.logPath}`,
    )
    const tessera = newTarget('tessera', server, {
      pgPid: opts.embedded ? null : postmasterPid(run),
      dbName,
    })
    result.tessera = {
      storage: opts.embedded ? 'embedded' : 'postgresql',
      database: dbName,
      pid: server.pid,
      log: server.logPath,
      readyMs: server.readyMs,
    }
    run.targets.push(tessera)
    const baseline = await startBaselineTarget(run)
    if (baseline) run.targets.push(baseline)

    for (const target of run.targets) {
      const started = Date.now()
      const users = await provisionUsers(run, target, opts.users + CANARIES)
      target.vus = users.slice(0, opts.users)
      target.canaries = users.slice(opts.users)
      for (const u of users) target.seen.add(fingerprint(u.refreshToken))
      run.log(`${target.name}: provisioned ${users.length} users in ${Date.now() - started} ms`)
    }
  },
}

/**
 * The baseline on its own database, unless --no-baseline or there is no PostgreSQL.
 * @param {Run} run
 * @returns {Promise<Target | null>}
 */
async function startBaselineTarget(run) {
  const { opts, result } = run
  if (!opts.baseline) {
    result.baseline = { skipped: '--no-baseline' }
    return null
  }
  if (!run.databaseUrl) {
    result.baseline = { skipped: 'no DATABASE_URL: the baseline needs PostgreSQL' }
    run.log('baseline: skipped (embedded mode without DATABASE_URL: the baseline needs PostgreSQL)')
    return null
  }
  const dbName = `tessera_baseline_${run.dbSuffix}`
  const url = await createDatabase(run, dbName)
  const server = await startBaseline(run, {
    databaseUrl: url,
    benchDir: BENCH_DIR,
    logsDir: LOGS_DIR,
  })
  run.log(`baseline: pid ${server.pid} on ${server.baseUrl}, log ${server.logPath}`)
  result.baseline = {
    storage: 'postgresql',
    database: dbName,
    pid: server.pid,
    log: server.logPath,
  }
  return newTarget('baseline', server, { pgPid: postmasterPid(run), dbName })
}

/**
 * `n` users with their first token pair: through Tessera's API, or the baseline's seed route.
 * @param {Run} run
 * @param {Target} target
 * @param {number} n
 * @returns {Promise<User[]>}
 */
async function provisionUsers(run, target, n) {
  if (target.name === 'baseline') {
    const seeded = await provisionBaseline({ baseUrl: target.baseUrl, n })
    target.clientId = seeded.clientId
    target.clientSecret = seeded.clientSecret
    return seeded.users
  }
  const client = await provisionTesseraClient({
    baseUrl: target.baseUrl,
    adminKey: run.keys.admin,
    tag: run.stamp,
  })
  Object.assign(target, client)
  return createTesseraUsers({
    baseUrl: target.baseUrl,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    n,
    tag: randomBytes(3).toString('hex'),
  })
}
