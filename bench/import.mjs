// @ts-check
// Import of a large Cal.com Platform organization, measured end to end: a real server process and
// a real `tessera import --file` process, as an operator runs them. Also the dry run of the same
// file and the re-run (every record unchanged). Builds first; on a shared machine run it alone:
//
//   npm run bench:import -- [--users 100000] [--database-url postgres://…]
//
// Without --database-url the server uses a new embedded database (PGlite) in a temporary
// directory; with it, a new schema of that database, dropped at the end.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { ChildServer, freePort, waitForHttp } from '../test/helpers/processes.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const { values } = parseArgs({
  options: { users: { type: 'string', default: '100000' }, 'database-url': { type: 'string' } },
})
const USERS = Number(values.users)
const OPERATOR_KEY = `bench-import-${randomBytes(8).toString('hex')}`
const dir = mkdtempSync(join(tmpdir(), 'tessera-bench-import-'))

/** A Cal.com-shaped document: one client, USERS users with every profile field set. */
function document() {
  const clientId = `c${randomBytes(12).toString('hex')}`
  const users = []
  for (let i = 1; i <= USERS; i++) {
    users.push({
      id: 100_000 + i,
      email: `user${i}+${clientId}@acme.example`,
      username: `user${i}-${clientId}-acme-example`,
      name: `User ${i}`,
      bio: null,
      timeZone: 'America/New_York',
      weekStart: 'Monday',
      createdDate: '2024-05-02T09:30:00.000Z',
      timeFormat: 24,
      defaultScheduleId: null,
      locale: 'en',
      avatarUrl: `https://cdn.acme.example/avatars/${i}.png`,
      metadata: { plan: 'pro' },
    })
  }
  return {
    clients: [
      {
        id: clientId,
        secret: `eyJhbGciOiJIUzI1NiJ9.${randomBytes(48).toString('base64url')}.sig`,
        name: 'Acme',
        permissions: ['*'],
        redirectUris: ['https://acme.example'],
        users,
      },
    ],
  }
}

/** @param {string[]} args @param {NodeJS.ProcessEnv} env */
function cli(args, env) {
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'dist/src/cli/main.js'), ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) =>
      resolve({ code, stdout, stderr, seconds: (performance.now() - started) / 1000 }),
    )
  })
}

let schema = null
let databaseUrl = values['database-url']
if (databaseUrl) {
  schema = `bench_import_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: databaseUrl })
  await admin.connect()
  await admin.query(`CREATE SCHEMA ${schema}`)
  await admin.end()
  const url = new URL(databaseUrl)
  url.searchParams.set('options', `-c search_path=${schema}`)
  databaseUrl = url.toString()
}

const port = await freePort()
const url = `http://127.0.0.1:${port}`
const server = new ChildServer({
  command: process.execPath,
  args: [join(root, 'dist/src/server.js')],
  env: {
    PATH: process.env.PATH ?? '',
    HOST: '127.0.0.1',
    PORT: String(port),
    TESSERA_ADMIN_KEY: OPERATOR_KEY,
    TESSERA_DATA_DIR: join(dir, 'data'),
    TESSERA_LOG_LEVEL: 'warn',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  },
})
try {
  await waitForHttp(`${url}/health`, { process: server })
  const org = /** @type {{ data: { id: number } }} */ (
    await fetch(`${url}/v2/admin/organizations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${OPERATOR_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Imported' }),
    }).then((r) => r.json())
  )
  const file = join(dir, 'export.json')
  writeFileSync(file, JSON.stringify(document()))
  const env = { PATH: process.env.PATH ?? '', TESSERA_ADMIN_KEY: OPERATOR_KEY }
  const args = ['import', '--org', String(org.data.id), '--file', file, '--url', url, '--json']
  const rows = []
  /** @type {[string, string[]][]} */
  const runs = [
    ['dry run', ['--dry-run']],
    ['import', []],
    ['re-run (all unchanged)', []],
  ]
  for (const [label, extra] of runs) {
    const run = /** @type {any} */ (await cli([...args, ...extra], env))
    if (run.code !== 0) throw new Error(`${label}: exit ${run.code}\n${run.stderr}`)
    const report = JSON.parse(run.stdout)
    rows.push({
      step: label,
      seconds: Number(run.seconds.toFixed(1)),
      'users/s': Math.round(USERS / run.seconds),
      created: report.users.created,
      unchanged: report.users.unchanged,
    })
  }
  const backend = databaseUrl ? 'PostgreSQL' : 'embedded (PGlite)'
  const mb = (statSync(file).size / 1e6).toFixed(1)
  process.stdout.write(`${USERS} users (${mb} MB file), ${backend}, server and CLI processes\n`)
  console.table(rows)
} finally {
  await server.stop()
  if (schema && values['database-url']) {
    const admin = new pg.Client({ connectionString: values['database-url'] })
    await admin.connect()
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
    await admin.end()
  }
  rmSync(dir, { recursive: true, force: true })
}
