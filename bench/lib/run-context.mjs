// @ts-check
// The state one bench run shares between its phases: options, the result being built, the
// servers under test, and the undo steps that stop and drop everything at the end (also on Ctrl-C).

/** @import { Options, Result, Run, Target } from '../types.js' */

import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { machineInfo } from './proc-stats.mjs'

/** Canary users per target, kept out of the load for the probes. */
export const CANARIES = 8
/** Pause after each cell, so that its background work (audit sealing) lands in it, not the next. */
export const SETTLE_MS = 1_000

/** @param {...unknown} parts */
export const log = (...parts) => process.stderr.write(`${parts.join(' ')}\n`)

/**
 * @param {string} projectDir
 * @param {string[]} args
 */
function git(projectDir, args) {
  try {
    return execFileSync('git', args, {
      cwd: projectDir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim()
  } catch {
    return null
  }
}

/**
 * A new run: its stamp, keys and result skeleton, and `finish()`, which undoes every deferred step
 * newest first (also on SIGINT/SIGTERM, after which the process exits 130).
 * @param {Options} opts
 * @param {{ projectDir: string, databaseUrl: string | null }} where
 * @returns {{ run: Run, finish: () => Promise<void> }}
 */
export function createRun(opts, { projectDir, databaseUrl }) {
  const now = new Date()
  const stamp = `${now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '_')}_${randomBytes(2).toString('hex')}`
  /** @type {(() => Promise<unknown> | unknown)[]} */
  const steps = []
  /** @type {Promise<void> | null} */
  let finishing = null
  const finish = () =>
    (finishing ??= (async () => {
      for (let step = steps.pop(); step; step = steps.pop()) {
        try {
          await step()
        } catch (e) {
          log(`cleanup: ${e instanceof Error ? e.message : String(e)}`)
        }
      }
    })())
  for (const sig of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
    process.once(sig, () => {
      log(`\nbench: ${sig}: stopping servers and dropping the bench databases …`)
      void finish().finally(() => process.exit(130))
    })
  }

  /** @type {Result} */
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
      commit: git(projectDir, ['rev-parse', '--short', 'HEAD']),
      dirtyFiles: (git(projectDir, ['status', '--porcelain']) ?? '').split('\n').filter(Boolean)
        .length,
    },
    postgres: null,
    tessera: null,
    baseline: null,
    cells: [],
    summary: [],
    probes: {},
    scale: null,
    sections: {},
    findings: [],
  }

  /** @type {Target[]} */
  const targets = []
  /** @type {Run} */
  const run = {
    opts,
    result,
    databaseUrl,
    admin: null,
    stamp,
    dbSuffix: stamp.toLowerCase(),
    keys: {
      admin: `bench-admin-${randomBytes(18).toString('base64url')}`,
      master: randomBytes(32).toString('hex'),
    },
    targets,
    log,
    defer: (step) => void steps.push(step),
  }
  return { run, finish }
}
