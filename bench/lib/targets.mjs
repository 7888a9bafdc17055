// @ts-check
// The servers under test and their users. Tessera is started as `npm start` runs it and
// provisioned the way an integrator would: operator key -> organization and its API key -> OAuth
// client -> managed users, all through the public API. The baseline has a seed route.
// Processes are started and stopped with the suites' helpers (test/helpers/processes.mjs): by
// their own pid, never by name.

/** @import { HttpResponse, Run, Target, User } from '../types.js' */

import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ChildServer, freePort, waitForHttp } from '../../test/helpers/processes.mjs'
import { Client } from './http-client.mjs'
import { fingerprint } from './modes.mjs'
import { npmStart } from './npm-start.mjs'

/**
 * Starts `node dist/src/server.js` as `npm start` does, with the run's keys, a fresh data
 * directory and `env` on top (e.g. TESSERA_WORKERS), logging to results/logs; stopped at the end.
 * @param {Run} run
 * @param {{ label: string, databaseUrl: string | null, projectDir: string, logsDir: string,
 *   env?: Record<string, string>, readyPollMs?: number }} o
 * @returns {Promise<{ baseUrl: string, proc: ChildServer, pid: number | undefined, logPath: string, readyMs: number }>}
 */
export async function startTessera(
  run,
  { label, databaseUrl, projectDir, logsDir, env = {}, readyPollMs = 100 },
) {
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-bench-'))
  run.defer(() => rmSync(dataDir, { recursive: true, force: true }))
  const port = await freePort()
  const start = npmStart(projectDir)
  /** @type {NodeJS.ProcessEnv} */
  const childEnv = { ...process.env, ...start.env }
  delete childEnv.DATABASE_URL
  Object.assign(childEnv, {
    PORT: String(port),
    HOST: '127.0.0.1',
    TESSERA_ADMIN_KEY: run.keys.admin,
    TESSERA_MASTER_KEY: run.keys.master,
    TESSERA_LOG_LEVEL: 'warn',
    TESSERA_SIGNING_ALG: run.opts.alg,
    TESSERA_DATA_DIR: dataDir,
    // nothing balances across the bench's server: stop at once on SIGTERM
    TESSERA_SHUTDOWN_DRAIN_SECONDS: '0',
    ...env,
  })
  if (databaseUrl) childEnv.DATABASE_URL = databaseUrl
  const logPath = join(logsDir, `${run.stamp}-${label}.log`)
  const started = Date.now()
  const proc = new ChildServer({
    command: process.execPath,
    // as `npm start` runs it (package.json): its heap cap and allocator setting keep RSS low
    args: [...start.nodeArgs, ...run.opts.nodeArgs, 'dist/src/server.js'],
    cwd: projectDir,
    env: childEnv,
    logPath,
  })
  run.defer(() => proc.stop())
  const baseUrl = `http://127.0.0.1:${port}`
  await waitForHttp(`${baseUrl}/health`, {
    process: proc,
    timeoutMs: 120_000,
    intervalMs: readyPollMs,
  })
  return { baseUrl, proc, pid: proc.pid, logPath, readyMs: Date.now() - started }
}

/**
 * Starts the baseline server (`baseline/server.mjs`) on its own database; stopped at the end.
 * @param {Run} run
 * @param {{ databaseUrl: string, benchDir: string, logsDir: string }} o
 */
export async function startBaseline(run, { databaseUrl, benchDir, logsDir }) {
  const port = await freePort()
  const logPath = join(logsDir, `${run.stamp}-baseline.log`)
  const proc = new ChildServer({
    command: process.execPath,
    args: [join(benchDir, 'baseline/server.mjs')],
    cwd: benchDir,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      BASELINE_ALG: run.opts.alg,
    },
    logPath,
  })
  run.defer(() => proc.stop())
  const baseUrl = `http://127.0.0.1:${port}`
  await waitForHttp(`${baseUrl}/health`, { process: proc, timeoutMs: 30_000 })
  return { baseUrl, proc, pid: proc.pid, logPath }
}

/**
 * A target record with nothing provisioned yet.
 * @param {string} name
 * @param {{ baseUrl: string, proc: ChildServer, pid: number | undefined, logPath: string, readyMs?: number }} server
 * @param {{ pgPid: number | null, dbName: string | null }} database
 * @returns {Target}
 */
export function newTarget(name, server, { pgPid, dbName }) {
  return {
    name,
    ...server,
    pgPid,
    dbName,
    clientId: '',
    clientSecret: '',
    vus: [],
    canaries: [],
    seen: new Set(),
    logOffset: 0,
    logMessages: {},
  }
}

/** A provisioning request that did not answer as the API promises. */
class ProvisionError extends Error {
  /**
   * @param {string} what
   * @param {HttpResponse} res
   */
  constructor(what, res) {
    super(`${what} -> HTTP ${res.status}: ${res.text.slice(0, 500)}`)
    this.status = res.status
    this.body = res.text.slice(0, 2000)
  }
}

/**
 * @param {Client} client
 * @param {string} path
 * @param {Record<string, string>} headers
 * @param {unknown} body
 * @param {number} expect the status a success has
 */
async function postJson(client, path, headers, body, expect) {
  const res = await client.sendJson(
    {
      method: 'POST',
      path,
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    },
    60_000,
  )
  if (res.status !== expect) throw new ProvisionError(`POST ${path}`, res)
  return res.json
}

/**
 * Operator -> organization (+ OWNER API key) -> OAuth client with every permission.
 * @param {{ baseUrl: string, adminKey: string, tag: string }} o
 * @returns {Promise<{ organizationId: number, apiKey: string, clientId: string, clientSecret: string }>}
 */
export async function provisionTesseraClient({ baseUrl, adminKey, tag }) {
  const client = new Client(baseUrl, { maxSockets: 2 })
  try {
    const org = await postJson(
      client,
      '/v2/admin/organizations',
      { authorization: `Bearer ${adminKey}` },
      { name: `bench-org-${tag}` },
      201,
    )
    const apiKey = org?.data?.apiKey
    if (typeof apiKey !== 'string')
      throw new Error(
        `organization response has no data.apiKey: ${JSON.stringify(org).slice(0, 300)}`,
      )
    const oc = await postJson(
      client,
      '/v2/oauth-clients',
      { authorization: `Bearer ${apiKey}` },
      {
        name: `bench-client-${tag}`,
        redirectUris: ['http://127.0.0.1/callback'],
        permissions: ['*'],
      },
      201,
    )
    const { clientId, clientSecret } = oc?.data ?? {}
    if (typeof clientId !== 'string' || typeof clientSecret !== 'string') {
      throw new Error(
        `client response has no data.clientId/clientSecret: ${JSON.stringify(oc).slice(0, 300)}`,
      )
    }
    return { organizationId: org.data.id, apiKey, clientId, clientSecret }
  } finally {
    client.close()
  }
}

/**
 * n managed users of the client, created `parallel` at a time; each with its first token pair.
 * @param {{ baseUrl: string, clientId: string, clientSecret: string, n: number, tag: string,
 *   parallel?: number, onProgress?: (done: number, n: number) => void }} o
 * @returns {Promise<User[]>}
 */
export async function createTesseraUsers({
  baseUrl,
  clientId,
  clientSecret,
  n,
  tag,
  parallel = 8,
  onProgress,
}) {
  const client = new Client(baseUrl, { maxSockets: parallel })
  /** @type {User[]} */
  const users = new Array(n)
  let next = 0
  let done = 0
  async function worker() {
    while (next < n) {
      const i = next++
      const json = await postJson(
        client,
        `/v2/oauth-clients/${encodeURIComponent(clientId)}/users`,
        { 'x-cal-secret-key': clientSecret },
        { email: `bench-${tag}-${i}@example.com`, name: `Bench User ${i}` },
        201,
      )
      const d = json?.data
      if (
        !Number.isInteger(d?.user?.id) ||
        typeof d.refreshToken !== 'string' ||
        typeof d.accessToken !== 'string'
      ) {
        throw new Error(
          `managed-user response is missing user.id or tokens: ${JSON.stringify(json).slice(0, 300)}`,
        )
      }
      users[i] = {
        index: i,
        clientId,
        clientSecret,
        userId: d.user.id,
        refreshToken: d.refreshToken,
        accessToken: d.accessToken,
      }
      done++
      if (onProgress && done % 50 === 0) onProgress(done, n)
    }
  }
  try {
    await Promise.all(Array.from({ length: Math.min(parallel, Math.max(1, n)) }, worker))
  } finally {
    client.close()
  }
  return users
}

/**
 * The baseline's bench-only seed route: a client and n users with token pairs.
 * @param {{ baseUrl: string, n: number }} o
 * @returns {Promise<{ clientId: string, clientSecret: string, users: User[] }>}
 */
export async function provisionBaseline({ baseUrl, n }) {
  const client = new Client(baseUrl, { maxSockets: 1 })
  try {
    const json = await postJson(client, '/__bench/seed', {}, { users: n }, 201)
    const { clientId, clientSecret } = json
    return {
      clientId,
      clientSecret,
      users: json.users.map(
        (
          /** @type {{ userId: number, refreshToken: string, accessToken: string }} */ u,
          /** @type {number} */ i,
        ) => ({
          index: i,
          clientId,
          clientSecret,
          userId: u.userId,
          refreshToken: u.refreshToken,
          accessToken: u.accessToken,
        }),
      ),
    }
  } finally {
    client.close()
  }
}

/**
 * An extra Tessera target (the embedded and workers rows) made ready for measureCell: an
 * organization and client through the API, `n` load users, their tokens remembered as seen.
 * @param {Run} run
 * @param {Target} target
 * @param {number} n
 */
export async function provisionTesseraTarget(run, target, n) {
  Object.assign(
    target,
    await provisionTesseraClient({
      baseUrl: target.baseUrl,
      adminKey: run.keys.admin,
      tag: `${run.stamp}-${target.name}`,
    }),
  )
  target.vus = await createTesseraUsers({
    baseUrl: target.baseUrl,
    clientId: target.clientId,
    clientSecret: target.clientSecret,
    n,
    tag: randomBytes(3).toString('hex'),
  })
  for (const u of target.vus) target.seen.add(fingerprint(u.refreshToken))
}
