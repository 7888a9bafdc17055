// @ts-check
// `npm run bench -- [options]`: the command line and its help.

/** @import { Options } from '../types.js' */

import { MODES, MODE_ORDER } from './modes.mjs'

/** The concurrencies `--scale` measures at (its users are provisioned for the highest). */
export const SCALE_CONCURRENCY = [16, 64]

export const HELP = `usage: npm run bench -- [options]        (or: npm run build && node bench/run.mjs [options])

  --modes LIST         refresh,verify,token,introspect,create (default: all five)
  --concurrency LIST   virtual users in flight, e.g. 16,64 (default 16,64)
  --duration S         measured seconds per cell (default 10)
  --warmup S           unrecorded seconds before each cell (default 2)
  --rounds N           repeat the whole matrix N times, alternating target order; medians reported (default 1)
  --users N            load users per target (default 2 × the highest concurrency); 8 canaries are added
  --alg ALG            EdDSA | HS256 | ES256: TESSERA_SIGNING_ALG and the baseline's JWT algorithm (default EdDSA)
  --embedded           Tessera on its embedded database (PGlite) in a temporary TESSERA_DATA_DIR
  --no-baseline        measure Tessera only
  --no-webhooks        skip the webhook rows (refresh with and without a webhook on every event,
                       event-to-delivery latency at 500 events/s)
  --no-workers         skip the TESSERA_WORKERS=1 and 2 rows (refresh and verify, PostgreSQL only)
  --no-embedded-rows   skip the embedded rows (cold start on a fresh data directory, RSS idle and
                       under load at the highest concurrency)
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

export const NO_DATABASE = `bench: no database to run on. Choose one:

  1. PostgreSQL: set DATABASE_URL to a server where this user may CREATE DATABASE. The bench creates
     fresh databases tessera_bench_<ts> (Tessera) and tessera_baseline_<ts> (the baseline) and drops
     them when it ends:
        DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench

  2. Embedded: Tessera on its embedded PostgreSQL (PGlite) in a temporary TESSERA_DATA_DIR. The
     baseline needs a PostgreSQL server, so without DATABASE_URL it is skipped:
        npm run bench -- --embedded`

/**
 * The command line, checked: an unknown option, a mode that does not exist or a number out of
 * range throws with a message for the user.
 * @param {string[]} argv
 * @returns {Options}
 */
export function parseArgs(argv) {
  /** @type {Omit<Options, 'users'> & { users: number | null }} */
  const o = {
    modes: [...MODE_ORDER],
    concurrency: [16, 64],
    duration: 10,
    warmup: 2,
    rounds: 1,
    users: null,
    alg: 'EdDSA',
    embedded: false,
    baseline: true,
    scale: false,
    webhooks: true,
    workers: true,
    embeddedRows: true,
    scaleUsers: 1_000_000,
    scaleEvents: 10_000_000,
    maxRequests: 500_000,
    timeoutMs: 10_000,
    keepDatabases: false,
    prewarm: 2,
    nodeArgs: [],
  }
  /**
   * @param {string} name
   * @param {unknown} v
   * @param {number} [min]
   */
  const num = (name, v, min = 0) => {
    const x = Number(v)
    if (!Number.isFinite(x) || x < min)
      throw new Error(`${name} must be a number ≥ ${min}, got ${v}`)
    return x
  }
  /** @param {unknown} v */
  const list = (v) =>
    String(v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
  for (let i = 0; i < argv.length; i++) {
    const a = /** @type {string} */ (argv[i])
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
        o.alg = /** @type {Options['alg']} */ (value())
        break
      case '--embedded':
        o.embedded = true
        break
      case '--no-baseline':
        o.baseline = false
        break
      case '--no-webhooks':
        o.webhooks = false
        break
      case '--no-workers':
        o.workers = false
        break
      case '--no-embedded-rows':
        o.embeddedRows = false
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
  const users = o.users ?? 2 * maxC
  if (users < maxC) throw new Error(`--users ${users} is below the highest concurrency ${maxC}`)
  return { ...o, users }
}
