// @ts-check
// The PostgreSQL server the bench runs on (DATABASE_URL): its settings for the report, the
// postmaster's pid for the CPU columns, and a fresh database per target, dropped at the end.

/** @import { Run } from '../types.js' */

import pg from 'pg'
import { findPostmasterPid } from './proc-stats.mjs'

/** Settings that change what a number means; printed in the report's header. */
const SETTINGS = [
  'server_version',
  'fsync',
  'synchronous_commit',
  'wal_sync_method',
  'full_page_writes',
  'shared_buffers',
  'max_connections',
]

/**
 * `base` with another database name.
 * @param {string} base
 * @param {string} name
 */
function dbUrl(base, name) {
  const u = new URL(base)
  u.pathname = `/${name}`
  return u.toString()
}

/**
 * Whether the server runs on this machine (only then can its processes' CPU be read in /proc).
 * @param {string} url
 */
function isLoopbackDb(url) {
  const u = new URL(url)
  const host = decodeURIComponent(u.hostname || '').replace(/^\[|\]$/g, '')
  const socket = u.searchParams.get('host')
  if (socket?.startsWith('/')) return true
  return host === '' || host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host)
}

/**
 * Connects `run.admin` to DATABASE_URL and records the server's settings; nothing without one.
 * @param {Run} run
 */
export async function connectAdmin(run) {
  if (!run.databaseUrl) return
  const admin = new pg.Client({ connectionString: run.databaseUrl })
  await admin.connect()
  run.admin = admin
  run.defer(() => admin.end())
  const r = await admin.query(
    'SELECT n AS name, current_setting(n) AS value FROM unnest($1::text[]) AS n',
    [SETTINGS],
  )
  const pgPid = isLoopbackDb(run.databaseUrl) ? await findPostmasterPid(admin) : null
  run.result.postgres = {
    ...Object.fromEntries(r.rows.map((x) => [x.name, x.value])),
    postmasterPid: pgPid,
    cpuMeasured: pgPid !== null,
  }
}

/**
 * The postmaster's pid when its CPU can be measured, else null.
 * @param {Run} run
 */
export const postmasterPid = (run) => run.result.postgres?.postmasterPid ?? null

/**
 * Creates a database on the bench's server and defers its drop (unless --keep-databases).
 * @param {Run} run
 * @param {string} name
 * @returns {Promise<string>} its URL
 */
export async function createDatabase(run, name) {
  const { admin, databaseUrl } = run
  if (!admin || !databaseUrl) throw new Error(`creating ${name} needs DATABASE_URL`)
  await admin.query(`CREATE DATABASE ${name}`)
  if (run.opts.keepDatabases) run.log(`(kept at the end: ${name})`)
  else
    run.defer(async () => {
      await admin
        .query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
        .catch(() => admin.query(`DROP DATABASE IF EXISTS ${name}`))
    })
  return dbUrl(databaseUrl, name)
}
