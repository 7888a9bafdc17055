// Starting and stopping the servers under test, and provisioning their users.
//
// Tessera is provisioned the way an integrator would: operator key -> organization and its API key
// -> OAuth client -> managed users, all through the public API. The baseline has a seed route.
// Processes are stopped only by their own PID.

import net from 'node:net'
import { spawn } from 'node:child_process'
import { openSync, closeSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { Client } from './load.mjs'

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

/**
 * Starts `cmd args` with stdout and stderr appended to logPath. The handle's stop() sends SIGTERM
 * to this PID only, then SIGKILL after graceMs; it resolves with { code, signal, forced }.
 */
export function spawnServer({ cmd, args, cwd, env, logPath }) {
  const fd = openSync(logPath, 'a')
  const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', fd, fd] })
  closeSync(fd)
  let exit = null
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exit = { code, signal }
      resolve(exit)
    })
  })
  child.on('error', (e) => {
    exit ??= { code: null, signal: null, error: e.message }
  })
  return {
    pid: child.pid,
    logPath,
    exited,
    get exit() {
      return exit
    },
    async stop(graceMs = 20_000) {
      if (exit) return { ...exit, forced: false, alreadyExited: true }
      try {
        process.kill(child.pid, 'SIGTERM')
      } catch {
        /* already gone */
      }
      const t0 = Date.now()
      const done = await Promise.race([exited, sleep(graceMs).then(() => null)])
      if (done) return { ...done, forced: false, shutdownMs: Date.now() - t0 }
      try {
        process.kill(child.pid, 'SIGKILL')
      } catch {
        /* gone */
      }
      return { ...(await exited), forced: true, shutdownMs: Date.now() - t0 }
    },
  }
}

/** Polls GET baseUrl+path until it answers 200, the process exits, or the timeout passes. */
export async function waitReady(baseUrl, path, proc, timeoutMs = 60_000) {
  const client = new Client(baseUrl, { maxSockets: 1 })
  const until = Date.now() + timeoutMs
  let last = 'no answer'
  try {
    while (Date.now() < until) {
      if (proc?.exit)
        throw new Error(
          `server exited (${JSON.stringify(proc.exit)}) before it was ready; see ${proc.logPath}`,
        )
      try {
        const r = await client.send({ method: 'GET', path }, 2_000)
        if (r.status === 200) return
        last = `HTTP ${r.status}`
      } catch (e) {
        last = e.code ?? e.message
      }
      await sleep(100)
    }
  } finally {
    client.close()
  }
  throw new Error(`${baseUrl}${path} not ready after ${timeoutMs} ms (${last})`)
}

class ProvisionError extends Error {
  constructor(what, res) {
    super(`${what} -> HTTP ${res.status}: ${res.text.slice(0, 500)}`)
    this.status = res.status
    this.body = res.text.slice(0, 2000)
  }
}

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

/** Operator -> organization (+ OWNER API key) -> OAuth client with every permission. */
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

/** n managed users of the client, created `parallel` at a time; each with its first token pair. */
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

/** The baseline's bench-only seed route: a client and n users with token pairs. */
export async function provisionBaseline({ baseUrl, n }) {
  const client = new Client(baseUrl, { maxSockets: 1 })
  try {
    const json = await postJson(client, '/__bench/seed', {}, { users: n }, 201)
    const { clientId, clientSecret } = json
    return {
      clientId,
      clientSecret,
      users: json.users.map((u) => ({
        clientId,
        clientSecret,
        userId: u.userId,
        refreshToken: u.refreshToken,
        accessToken: u.accessToken,
      })),
    }
  } finally {
    client.close()
  }
}
