#!/usr/bin/env node
// `npm run bench`: measures Tessera (dist/src/server.js) and a minimal baseline server side by side,
// checks correctness on the way, and writes bench/results/latest.{json,md}. See bench/README.md.

import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  openSync,
  readSync,
  closeSync,
} from 'node:fs'
import { tmpdir, loadavg } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { randomBytes } from 'node:crypto'
import { execFileSync } from 'node:child_process'
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import { MODES, fingerprint, runLoad } from './lib/load.mjs'
import {
  cpuDelta,
  cpuOfPids,
  cpuOfPidsDelta,
  findPostmasterPid,
  machineInfo,
  peakRssMB,
  resetPeakRss,
  snapshot,
} from './lib/proc-stats.mjs'
import {
  createTesseraUsers,
  freePort,
  provisionBaseline,
  provisionTesseraClient,
  spawnServer,
  waitReady,
} from './lib/targets.mjs'
import { runProbes } from './lib/probes.mjs'
import { seedScale, tableSizes } from './lib/scale.mjs'
import { summarize, writeReport } from './lib/report.mjs'

const BENCH_DIR = dirname(fileURLToPath(import.meta.url))
const PROJECT_DIR = resolve(BENCH_DIR, '..')
const RESULTS_DIR = join(BENCH_DIR, 'results')
const LOGS_DIR = join(RESULTS_DIR, 'logs')
const CANARIES = 8
const SETTLE_MS = 1_000
const SCALE_CONCURRENCY = [16, 64]

const HELP = `usage: npm run bench -- [options]        (or: npm run build && node bench/run.mjs [options])

  --modes LIST         refresh,verify,token,introspect,create (default: all five)
  --concurrency LIST   virtual users in flight, e.g. 16,64 (default 16,64)
  --duration S         measured seconds per cell (default 10)
  --warmup S           unrecorded seconds before each cell (default 2)
  --rounds N           repeat the whole matrix N times, alternating target order; medians reported (default 1)
  --users N            load users per target (default 2 × the highest concurrency); 8 canaries are added
  --alg ALG            EdDSA | HS256 | ES256: TESSERA_SIGNING_ALG and the baseline's JWT algorithm (default EdDSA)
  --embedded           Tessera on its embedded database (PGlite) in a temporary TESSERA_DATA_DIR
  --no-baseline        measure Tessera only
  --scale              also seed 1,000,000 users and 10,000,000 past refreshes and compare refresh p50
  --scale-users N      users to seed with --scale (default 1000000)
  --scale-events N     past refreshes to seed with --scale (default 10000000)
  --max-requests N     cap per cell, warm-up included (default 500000)
  --timeout-ms N       per request (default 10000)
  --prewarm S          before the first cell, run every mode S seconds per target, unrecorded (default 2)
  --keep-databases     do not drop the bench databases at the end (for inspection)
  --node-args "FLAGS"  extra Node flags for the Tessera process, e.g. "--cpu-prof --cpu-prof-dir=prof"
                       (profile written when the bench stops it)

Database: DATABASE_URL must name a PostgreSQL server where this user may CREATE DATABASE; each run
creates tessera_bench_<ts> and tessera_baseline_<ts> there and drops them at the end.`

const NO_DATABASE = `bench: no database to run on. Choose one:

  1. PostgreSQL: set DATABASE_URL to a server where this user may CREATE DATABASE. The bench creates
     fresh databases tessera_bench_<ts> (Tessera) and tessera_baseline_<ts> (the baseline) and drops
     them when it ends:
        DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench

  2. Embedded: Tessera on its embedded PostgreSQL (PGlite) in a temporary TESSERA_DATA_DIR. The
     baseline needs a PostgreSQL server, so without DATABASE_URL it is skipped:
        npm run bench -- --embedded`

// ---- options ------------------------------------------------------------------------------------

function parseArgs(argv) {
  const o = {
    modes: ['refresh', 'verify', 'token', 'introspect', 'create'],
    concurrency: [16, 64],
    duration: 10,
    warmup: 2,
    rounds: 1,
    users: null,
    alg: 'EdDSA',
    embedded: false,
    baseline: true,
    scale: false,
    scaleUsers: 1_000_000,
    scaleEvents: 10_000_000,
    maxRequests: 500_000,
    timeoutMs: 10_000,
    keepDatabases: false,
    prewarm: 2,
    nodeArgs: [],
  }
  const num = (name, v, min = 0) => {
    const x = Number(v)
    if (!Number.isFinite(x) || x < min)
      throw new Error(`${name} must be a number ≥ ${min}, got ${v}`)
    return x
  }
  const list = (v) =>
    String(v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const [flag, inline] = a.includes('=')
      ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
      : [a, undefined]
    const value = () => inline ?? argv[++i]
    switch (flag) {
      case '-h':
      case '--help':
        o.help = true
        break
      case '--modes':
        o.modes = list(value())
        break
      case '--concurrency':
        o.concurrency = list(value()).map((x) => Math.floor(num('--concurrency', x, 1)))
        break
      case '--duration':
        o.duration = num('--duration', value(), 0.1)
        break
      case '--warmup':
        o.warmup = num('--warmup', value(), 0)
        break
      case '--rounds':
        o.rounds = Math.floor(num('--rounds', value(), 1))
        break
      case '--users':
        o.users = Math.floor(num('--users', value(), 1))
        break
      case '--alg':
        o.alg = value()
        break
      case '--embedded':
        o.embedded = true
        break
      case '--no-baseline':
        o.baseline = false
        break
      case '--scale':
        o.scale = true
        break
      case '--scale-users':
        o.scaleUsers = Math.floor(num('--scale-users', value(), 1))
        break
      case '--scale-events':
        o.scaleEvents = Math.floor(num('--scale-events', value(), 0))
        break
      case '--max-requests':
        o.maxRequests = Math.floor(num('--max-requests', value(), 1))
        break
      case '--timeout-ms':
        o.timeoutMs = Math.floor(num('--timeout-ms', value(), 100))
        break
      case '--prewarm':
        o.prewarm = num('--prewarm', value(), 0)
        break
      case '--keep-databases':
        o.keepDatabases = true
        break
      case '--node-args':
        o.nodeArgs = String(value() ?? '')
          .split(/\s+/)
          .filter(Boolean)
        break
      default:
        throw new Error(`unknown option ${a} (see --help)`)
    }
  }
  for (const m of o.modes)
    if (!MODES[m]) throw new Error(`unknown mode ${m}; modes: ${Object.keys(MODES).join(', ')}`)
  if (o.modes.length === 0) throw new Error('--modes is empty')
  if (o.concurrency.length === 0) throw new Error('--concurrency is empty')
  if (!['EdDSA', 'HS256', 'ES256'].includes(o.alg))
    throw new Error(`--alg must be EdDSA, HS256 or ES256, not ${o.alg}`)
  o.concurrency = [...new Set(o.concurrency)].sort((a, b) => a - b)
  const maxC = Math.max(...o.concurrency, ...(o.scale ? SCALE_CONCURRENCY : []))
  o.users ??= 2 * maxC
  if (o.users < maxC) throw new Error(`--users ${o.users} is below the highest concurrency ${maxC}`)
  return o
}

// ---- small helpers ------------------------------------------------------------------------------

const log = (...a) => process.stderr.write(`${a.join(' ')}\n`)

function dbUrl(base, name) {
  const u = new URL(base)
  u.pathname = `/${name}`
  return u.toString()
}

function isLoopbackDb(url) {
  const u = new URL(url)
  const host = decodeURIComponent(u.hostname || '').replace(/^\[|\]$/g, '')
  const socket = u.searchParams.get('host')
  if (socket?.startsWith('/')) return true
  return host === '' || host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host)
}

function git(args) {
  try {
    return execFileSync('git', args, {
      cwd: PROJECT_DIR,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim()
  } catch {
    return null
  }
}

/** Lines the server logged since `offset`: counts by level and a few samples (pino JSON lines). */
function scanLog(path, offset, messages = {}) {
  const out = { errors: 0, warnings: 0, other: 0, samples: [], offset }
  let size
  try {
    size = statSync(path).size
  } catch {
    return out
  }
  if (size <= offset) return out
  const fd = openSync(path, 'r')
  const buf = Buffer.alloc(Math.min(size - offset, 8 * 1024 * 1024))
  readSync(fd, buf, 0, buf.length, offset)
  closeSync(fd)
  out.offset = offset + buf.length
  for (const line of buf.toString('utf8').split('\n')) {
    if (!line.trim()) continue
    let level = null
    let msg = line
    try {
      const j = JSON.parse(line)
      level = j.level
      msg = `${j.msg ?? ''}${j.err ? ` ${JSON.stringify(j.err).slice(0, 400)}` : ''}`
    } catch {
      /* not JSON: a stack trace or a plain line */
    }
    if (level === null || level >= 40) {
      const key = `${level ?? 'raw'}: ${msg.slice(0, 300)}`
      messages[key] = (messages[key] ?? 0) + 1
    }
    if (level >= 50) out.errors++
    else if (level === 40) out.warnings++
    else if (level === null) out.other++
    if ((level === null || level >= 40) && out.samples.length < 5)
      out.samples.push(`${level ?? 'raw'}: ${msg.slice(0, 500)}`)
  }
  return out
}

// ---- main ---------------------------------------------------------------------------------------

async function main() {
  let opts
  try {
    opts = parseArgs(process.argv.slice(2))
  } catch (e) {
    log(`bench: ${e.message}`)
    process.exit(2)
  }
  if (opts.help) {
    console.log(HELP)
    return
  }
  const DATABASE_URL = process.env.DATABASE_URL || null
  if (!DATABASE_URL && !opts.embedded) {
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

  const now = new Date()
  const stamp = `${now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '_')}_${randomBytes(2).toString('hex')}`
  const dbSuffix = stamp.toLowerCase()
  const keys = {
    admin: `bench-admin-${randomBytes(18).toString('base64url')}`,
    master: randomBytes(32).toString('hex'),
  }

  // everything started or created is undone here, newest first, also on Ctrl-C
  const cleanups = []
  let cleaning = null
  const cleanup = () =>
    (cleaning ??= (async () => {
      while (cleanups.length) {
        const f = cleanups.pop()
        try {
          await f()
        } catch (e) {
          log(`cleanup: ${e.message}`)
        }
      }
    })())
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.once(sig, () => {
      log(`\nbench: ${sig}: stopping servers and dropping the bench databases …`)
      cleanup().finally(() => process.exit(130))
    })
  }

  const result = {
    tool: 'tessera-bench',
    version: 1,
    stamp,
    startedAt: now.toISOString(),
    command: process.argv.slice(2),
    config: {
      modes: opts.modes,
      concurrency: opts.concurrency,
      duration: opts.duration,
      warmup: opts.warmup,
      rounds: opts.rounds,
      users: opts.users,
      canaries: CANARIES,
      alg: opts.alg,
      embedded: opts.embedded,
      baseline: opts.baseline,
      scale: opts.scale,
      maxRequests: opts.maxRequests,
      timeoutMs: opts.timeoutMs,
      settleMs: SETTLE_MS,
      tesseraEnvPassthrough: Object.keys(process.env).filter(
        (k) => k.startsWith('TESSERA_') || k === 'REDIS_URL',
      ),
    },
    machine: machineInfo(),
    project: {
      commit: git(['rev-parse', '--short', 'HEAD']),
      dirtyFiles: (git(['status', '--porcelain']) ?? '').split('\n').filter(Boolean).length,
    },
    postgres: null,
    tessera: null,
    baseline: null,
    cells: [],
    summary: [],
    probes: {},
    scale: null,
    findings: [],
  }

  let admin = null
  let pgPid = null
  let exitCode = 0
  try {
    // ---- databases ------------------------------------------------------------------------------
    if (DATABASE_URL) {
      admin = new pg.Client({ connectionString: DATABASE_URL })
      await admin.connect()
      cleanups.push(() => admin.end())
      const names = [
        'server_version',
        'fsync',
        'synchronous_commit',
        'wal_sync_method',
        'full_page_writes',
        'shared_buffers',
        'max_connections',
      ]
      const r = await admin.query(
        'SELECT n AS name, current_setting(n) AS value FROM unnest($1::text[]) AS n',
        [names],
      )
      result.postgres = Object.fromEntries(r.rows.map((x) => [x.name, x.value]))
      if (isLoopbackDb(DATABASE_URL)) pgPid = await findPostmasterPid(admin)
      result.postgres.postmasterPid = pgPid
      result.postgres.cpuMeasured = pgPid !== null
    }
    const createDb = async (name) => {
      await admin.query(`CREATE DATABASE ${name}`)
      if (opts.keepDatabases) log(`(kept at the end: ${name})`)
      else
        cleanups.push(async () => {
          await admin
            .query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
            .catch(() => admin.query(`DROP DATABASE IF EXISTS ${name}`))
        })
      return dbUrl(DATABASE_URL, name)
    }

    // ---- servers --------------------------------------------------------------------------------
    const startTessera = async ({ label, databaseUrl }) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'tessera-bench-'))
      cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }))
      const port = await freePort()
      const env = { ...process.env }
      delete env.DATABASE_URL
      Object.assign(env, {
        PORT: String(port),
        HOST: '127.0.0.1',
        TESSERA_ADMIN_KEY: keys.admin,
        TESSERA_MASTER_KEY: keys.master,
        TESSERA_LOG_LEVEL: 'warn',
        TESSERA_SIGNING_ALG: opts.alg,
        TESSERA_DATA_DIR: dataDir,
      })
      if (databaseUrl) env.DATABASE_URL = databaseUrl
      const logPath = join(LOGS_DIR, `${stamp}-${label}.log`)
      const t0 = Date.now()
      const proc = spawnServer({
        cmd: process.execPath,
        // as `npm start` runs it (package.json): the heap cap keeps peak RSS low under load
        args: ['--max-old-space-size=192', ...opts.nodeArgs, 'dist/src/server.js'],
        cwd: PROJECT_DIR,
        env,
        logPath,
      })
      cleanups.push(() => proc.stop())
      const baseUrl = `http://127.0.0.1:${port}`
      await waitReady(baseUrl, '/health', proc, 120_000)
      return { baseUrl, proc, pid: proc.pid, logPath, readyMs: Date.now() - t0 }
    }

    const targets = []
    log(
      `bench ${stamp}: Tessera on ${opts.embedded ? 'embedded PGlite' : 'PostgreSQL'}, alg ${opts.alg}, modes ${opts.modes.join(',')}, c ${opts.concurrency.join(',')}, ${opts.warmup}+${opts.duration} s, ${opts.rounds} round(s)`,
    )

    const tesseraDb = opts.embedded ? null : await createDb(`tessera_bench_${dbSuffix}`)
    const t = await startTessera({ label: 'tessera', databaseUrl: tesseraDb })
    log(`tessera: pid ${t.pid} on ${t.baseUrl}, ready in ${t.readyMs} ms, log ${t.logPath}`)
    const tessera = {
      name: 'tessera',
      ...t,
      pgPid: opts.embedded ? null : pgPid,
      dbName: opts.embedded ? null : `tessera_bench_${dbSuffix}`,
      seen: new Set(),
      logOffset: 0,
      logMessages: {},
    }
    result.tessera = {
      storage: opts.embedded ? 'embedded' : 'postgresql',
      database: tesseraDb ? `tessera_bench_${dbSuffix}` : null,
      pid: t.pid,
      log: t.logPath,
      readyMs: t.readyMs,
    }
    targets.push(tessera)

    if (!opts.baseline) {
      result.baseline = { skipped: '--no-baseline' }
    } else if (!DATABASE_URL) {
      result.baseline = { skipped: 'no DATABASE_URL: the baseline needs PostgreSQL' }
      log('baseline: skipped (embedded mode without DATABASE_URL: the baseline needs PostgreSQL)')
    } else {
      const url = await createDb(`tessera_baseline_${dbSuffix}`)
      const port = await freePort()
      const logPath = join(LOGS_DIR, `${stamp}-baseline.log`)
      const env = {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: url,
        BASELINE_ALG: opts.alg,
      }
      const proc = spawnServer({
        cmd: process.execPath,
        args: [join(BENCH_DIR, 'baseline/server.mjs')],
        cwd: BENCH_DIR,
        env,
        logPath,
      })
      cleanups.push(() => proc.stop())
      const baseUrl = `http://127.0.0.1:${port}`
      await waitReady(baseUrl, '/health', proc, 30_000)
      log(`baseline: pid ${proc.pid} on ${baseUrl}, log ${logPath}`)
      targets.push({
        name: 'baseline',
        baseUrl,
        proc,
        pid: proc.pid,
        pgPid,
        dbName: `tessera_baseline_${dbSuffix}`,
        logPath,
        seen: new Set(),
        logOffset: 0,
        logMessages: {},
      })
      result.baseline = {
        storage: 'postgresql',
        database: `tessera_baseline_${dbSuffix}`,
        pid: proc.pid,
        log: logPath,
      }
    }

    // ---- provisioning ---------------------------------------------------------------------------
    const perTarget = opts.users + CANARIES
    for (const target of targets) {
      const t0 = Date.now()
      let users
      if (target.name === 'tessera') {
        const c = await provisionTesseraClient({
          baseUrl: target.baseUrl,
          adminKey: keys.admin,
          tag: stamp,
        })
        Object.assign(target, c)
        users = await createTesseraUsers({
          baseUrl: target.baseUrl,
          clientId: c.clientId,
          clientSecret: c.clientSecret,
          n: perTarget,
          tag: randomBytes(3).toString('hex'),
        })
      } else {
        const seeded = await provisionBaseline({ baseUrl: target.baseUrl, n: perTarget })
        target.clientId = seeded.clientId
        target.clientSecret = seeded.clientSecret
        users = seeded.users
      }
      users.forEach((u, i) => (u.index = i))
      target.vus = users.slice(0, opts.users)
      target.canaries = users.slice(opts.users)
      for (const u of users) target.seen.add(fingerprint(u.refreshToken))
      log(`${target.name}: provisioned ${users.length} users in ${Date.now() - t0} ms`)
    }

    // ---- one measured cell ----------------------------------------------------------------------
    const measure = async (target, mode, concurrency, round) => {
      const vus =
        mode === 'create'
          ? Array.from({ length: concurrency }, (_, i) => ({
              index: i,
              clientId: target.clientId,
              clientSecret: target.clientSecret,
            }))
          : target.vus.filter((v) => !v.retired).slice(0, concurrency)
      if (vus.length === 0) {
        log(
          `${target.name} ${mode} c=${concurrency}: skipped, every load user has retired after errors`,
        )
        return null
      }
      if (vus.length < concurrency)
        log(`${target.name} ${mode} c=${concurrency}: only ${vus.length} healthy load users left`)
      const rssScopedToCell = resetPeakRss(target.pid)
      const pids = { serverPid: target.pid, pgPid: target.pgPid }
      let a = null
      let b = null
      // CPU of the PostgreSQL backends serving this target's database (not the whole server,
      // which other databases may share): their pids are read right after each snapshot
      const backends = async () => {
        const r = await admin.query(
          "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND backend_type = 'client backend'",
          [target.dbName],
        )
        return cpuOfPids(r.rows.map((x) => x.pid))
      }
      const wantDb = Boolean(target.dbName && admin && target.pgPid)
      let dbA = null
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
          if (wantDb) dbA = backends()
        },
        onMeasureEnd: () => {
          b = snapshot(pids)
          if (wantDb) dbB = backends()
        },
      })
      const d = cpuDelta(a, b)
      const dbMs = wantDb ? cpuOfPidsDelta(await dbA, await dbB) : null
      const per = (x) => (x == null || res.requests === 0 ? null : x / res.requests)
      const peak = peakRssMB(target.pid)
      await sleep(SETTLE_MS) // background work of this cell (audit sealing) finishes before the next
      const serverLog = scanLog(target.logPath, target.logOffset, target.logMessages)
      target.logOffset = serverLog.offset
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
        log(
          `${target.name}: THE SERVER PROCESS EXITED during the cell: ${JSON.stringify(target.proc.exit)}`,
        )
      }
      const errs = res.errors + res.warmupErrors
      const f = (x, d) => (x == null ? 'n/a' : x.toFixed(d))
      log(
        `${target.name.padEnd(13)} ${mode.padEnd(10)} c=${String(concurrency).padEnd(3)} ${String(Math.round(res.rps)).padStart(6)} req/s  p50 ${f(res.latencyMs.p50, 2)} p90 ${f(res.latencyMs.p90, 2)} p99 ${f(res.latencyMs.p99, 2)} ms  cpu ${f(cell.cpu.serverMsPerReq, 3)} ms/req  other ${f(cell.cpu.otherCores, 2)} cores  ${errs ? `ERRORS ${errs} ${JSON.stringify({ ...res.warmupErrorsByKind, ...res.errorsByKind })}` : 'ok'}${serverLog.errors ? `  server log: ${serverLog.errors} error line(s)` : ''}`,
      )
      return cell
    }

    // ---- prewarm: JIT, caches, pools and prepared statements of every path, unrecorded ----------
    result.prewarm = []
    const prewarm = async (target, modes, c) => {
      if (!(opts.prewarm > 0)) return
      for (const mode of modes) {
        const vus =
          mode === 'create'
            ? Array.from({ length: c }, (_, i) => ({
                index: i,
                clientId: target.clientId,
                clientSecret: target.clientSecret,
              }))
            : target.vus.filter((v) => !v.retired).slice(0, c)
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
          log(
            `prewarm ${target.name} ${mode}: ERRORS ${r.errors} ${JSON.stringify(r.errorsByKind)}`,
          )
      }
      log(`prewarm ${target.name}: ${modes.length} mode(s) × ${opts.prewarm} s done`)
      await sleep(SETTLE_MS)
    }
    for (const target of targets) await prewarm(target, opts.modes, opts.concurrency[0])

    // ---- the matrix -----------------------------------------------------------------------------
    for (let round = 0; round < opts.rounds; round++) {
      const order = round % 2 === 0 ? targets : [...targets].reverse()
      for (const mode of opts.modes) {
        for (const c of opts.concurrency) {
          for (const target of order) {
            const cell = await measure(target, mode, c, round)
            if (cell) result.cells.push(cell)
          }
        }
      }
    }
    // ---- probes ---------------------------------------------------------------------------------
    for (const target of targets) {
      result.probes[target.name] = await runProbes({
        baseUrl: target.baseUrl,
        canaries: target.canaries,
        timeoutMs: opts.timeoutMs,
      })
      const p = result.probes[target.name]
      log(
        `${target.name}: probes ${p.pass ? 'pass' : 'FAIL'} ${JSON.stringify({ replay: p.replayRefused, race: p.raceDoubleSuccessors, wrongSecret: p.wrongSecretStatus, tampered: p.tamperedStatus, forged: p.forgedClaimsStatus })}`,
      )
      const probeLog = scanLog(target.logPath, target.logOffset, target.logMessages)
      target.logOffset = probeLog.offset
      p.serverLog = {
        errors: probeLog.errors,
        warnings: probeLog.warnings,
        samples: probeLog.samples,
      }
    }

    // ---- scale ----------------------------------------------------------------------------------
    if (opts.scale) {
      result.scale = await runScale({
        opts,
        prewarm,
        DATABASE_URL,
        createDb,
        startTessera,
        measure,
        keys,
        dbSuffix,
        pgPid,
        reference: tessera,
      })
    }

    // ---- stop the servers -----------------------------------------------------------------------
    for (const target of targets) {
      const stop = await target.proc.stop()
      const tail = scanLog(target.logPath, target.logOffset, target.logMessages)
      target.logOffset = tail.offset
      result[target.name].logMessages = target.logMessages
      result[target.name].shutdown = {
        ...stop,
        logErrorsAtShutdown: tail.errors,
        samples: tail.samples,
      }
      result[target.name].peakRssLifetimeNote = 'per-cell peaks in cells[].peakRssMB'
      log(`${target.name}: stopped ${JSON.stringify(stop)}`)
    }
  } catch (e) {
    exitCode = 1
    log(`bench: failed: ${e.stack ?? e.message}`)
    result.error = { message: e.message, status: e.status, body: e.body }
    result.findings.push(`The run failed: ${e.message}`)
  } finally {
    await cleanup()
  }

  // ---- report -----------------------------------------------------------------------------------
  result.finishedAt = new Date().toISOString()
  result.loadavgEnd = loadavg().map((x) => Math.round(x * 100) / 100)
  result.summary = summarize(result.cells)
  result.findings.push(...findings(result))
  const md = writeReport(RESULTS_DIR, result)
  process.stdout.write(md)
  log(
    `\nwrote ${join(RESULTS_DIR, 'latest.json')} and latest.md (copies in results/runs/${stamp}.*)`,
  )
  process.exit(exitCode)
}

// ---- --scale --------------------------------------------------------------------------------------

async function runScale({
  opts,
  prewarm,
  DATABASE_URL,
  createDb,
  startTessera,
  measure,
  keys,
  dbSuffix,
  pgPid,
  reference,
}) {
  if (opts.embedded)
    return {
      skipped: '--scale seeds a PostgreSQL database through SQL; it does not run with --embedded',
    }
  if (!DATABASE_URL) return { skipped: 'needs DATABASE_URL' }
  const out = { database: `tessera_scale_${dbSuffix}` }
  try {
    const url = await createDb(out.database)
    log(`scale: migrating ${out.database} (Tessera start), provisioning a client`)
    let t = await startTessera({ label: 'tessera-scale', databaseUrl: url })
    const client = await provisionTesseraClient({
      baseUrl: t.baseUrl,
      adminKey: keys.admin,
      tag: `${dbSuffix}-scale`,
    })
    out.migrationStop = await t.proc.stop()
    log(
      `scale: seeding ${opts.scaleUsers.toLocaleString()} users and ${opts.scaleEvents.toLocaleString()} past refreshes …`,
    )
    out.seed = await seedScale({
      url,
      projectDir: PROJECT_DIR,
      clientId: client.clientId,
      users: opts.scaleUsers,
      events: opts.scaleEvents,
      log,
    })
    log(
      `scale: seeded in ${out.seed.timings.totalS.toFixed(0)} s ${JSON.stringify(out.seed.timings)}`,
    )
    const seeded = await tableSizes(url)

    t = await startTessera({ label: 'tessera-scale', databaseUrl: url })
    log(`scale: Tessera pid ${t.pid} ready in ${t.readyMs} ms on the seeded database`)
    out.readyMs = t.readyMs
    const n = 2 * Math.max(...SCALE_CONCURRENCY)
    const users = await createTesseraUsers({
      baseUrl: t.baseUrl,
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      n,
      tag: randomBytes(3).toString('hex'),
    })
    users.forEach((u, i) => (u.index = i))
    out.freshUsers = n
    const target = {
      name: 'tessera@scale',
      ...t,
      ...client,
      pgPid,
      vus: users,
      seen: new Set(users.map((u) => fingerprint(u.refreshToken))),
      dbName: out.database,
      logOffset: 0,
      logMessages: {},
    }
    await prewarm(target, ['refresh'], SCALE_CONCURRENCY[0])
    // the empty-database figures are measured again here, interleaved with the seeded ones
    // (same minutes, alternating order), so machine noise hits both sides alike
    const rounds = Math.max(3, opts.rounds)
    const before = await tableSizes(url)
    out.rounds = rounds
    out.cells = []
    out.referenceCells = []
    const empty = { ...reference, name: 'tessera@empty' }
    for (let round = 0; round < rounds; round++) {
      for (const c of SCALE_CONCURRENCY) {
        const order =
          (round + SCALE_CONCURRENCY.indexOf(c)) % 2 === 0 ? [empty, target] : [target, empty]
        for (const x of order) {
          const cell = await measure(x, 'refresh', c, round)
          if (cell) (x === target ? out.cells : out.referenceCells).push(cell)
        }
      }
    }
    reference.logOffset = empty.logOffset
    const after = await tableSizes(url)
    out.shutdown = await t.proc.stop()
    scanLog(t.logPath, target.logOffset, target.logMessages)
    out.logMessages = target.logMessages
    const refreshes = out.cells.reduce((a, c) => a + c.ok + c.okWarmup, 0)
    const tokenTables = ['token_families', 'audit_events', 'audit_chain']
    const grew = tokenTables.reduce((a, k) => a + (after[k].bytes - before[k].bytes), 0)
    out.storage = {
      seeded,
      before,
      after,
      refreshes,
      bytesPerRefresh: refreshes ? Math.round(grew / refreshes) : null,
    }
    const emptyRows = summarize(out.referenceCells)
    const scaleRows = summarize(out.cells)
    out.comparison = SCALE_CONCURRENCY.map((c) => {
      const e = emptyRows.find((r) => r.concurrency === c)
      const sc = scaleRows.find((r) => r.concurrency === c)
      const ratio = e?.p50 && sc?.p50 ? Math.round((sc.p50 / e.p50) * 100) / 100 : null
      const perRound = Array.from({ length: rounds }, (_, round) => {
        const a = out.referenceCells.find((x) => x.concurrency === c && x.round === round)
        const b = out.cells.find((x) => x.concurrency === c && x.round === round)
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
      log(
        `scale: refresh c=${c.concurrency}: median p50 ${c.scaleP50} ms vs ${c.emptyP50} ms on the small database → ×${c.ratio} (per round ${c.perRoundRatios.join(', ')})`,
      )
    log(`scale: ${out.storage.bytesPerRefresh} bytes of token tables per refresh`)
  } catch (e) {
    log(`scale: failed: ${e.stack ?? e.message}`)
    out.error = e.message
  }
  return out
}

// ---- what deserves a reader's attention -------------------------------------------------------------

function findings(result) {
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
        `${r.target} ${r.mode} c=${r.concurrency}: the server logged ${r.serverLogErrors} error line(s); see ${result[r.target]?.log ?? 'its log'}`,
      )
  }
  const noisy = result.summary.filter((r) => r.otherCpuCores != null && r.otherCpuCores > 0.3)
  if (noisy.length > 0) {
    const worst = Math.max(...noisy.map((r) => r.otherCpuCores))
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
    const s = result[name]?.shutdown
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

main().catch((e) => {
  log(`bench: ${e.stack ?? e.message}`)
  process.exit(1)
})
