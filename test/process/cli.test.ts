import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/db/database.js'
import { MIGRATION_NAMES } from '../../src/db/migrate.js'
import type { DB } from '../../src/db/schema.js'
import { BACKENDS } from '../helpers/backends.js'
import { createSchema } from '../helpers/postgres.js'
import { ServerProcess } from '../helpers/server-process.js'

const CLI = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url))

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** `node dist/src/cli/main.js …args` with exactly `env` (plus PATH), to completion. */
function cli(env: Record<string, string>, ...args: string[]): Promise<Run> {
  // not the checkout, whose .env (if any) would fill gaps in `env`
  return cliIn(tmpdir(), env, ...args)
}

/** The same, in working directory `cwd` (where a `.env` file is read from). */
function cliIn(cwd: string, env: Record<string, string>, ...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

const GENERATED = /Generated operator key \(shown once, store it now\):\n\n {2}(tsr_op_\S+)\n\n/
const RESET =
  /^New operator key \(shown once, store it now\):\n\n {2}(tsr_op_[A-Za-z0-9_-]{49})\n\n$/

describe('.env in the working directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-env-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('is read by the CLI, and the real environment wins over it', async () => {
    const dataDir = join(dir, 'data')
    writeFileSync(
      join(dir, '.env'),
      `# comments and blank lines are fine\n\nTESSERA_DATA_DIR=${dataDir}\nTESSERA_LOG_LEVEL=loud\n`,
    )
    const refused = await cliIn(dir, {}, 'migrate')
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('TESSERA_LOG_LEVEL: expected one of')

    const migrated = await cliIn(dir, { TESSERA_LOG_LEVEL: 'warn' }, 'migrate')
    expect(migrated.code, migrated.stderr).toBe(0)
    expect(existsSync(dataDir)).toBe(true)
  })
})

describe('CLI without a database', () => {
  // no data directory or database is touched: the usage comes before any configuration
  const env = { TESSERA_DATA_DIR: '/nonexistent/tessera-cli' }

  it('--help prints the usage and exits 0', async () => {
    const run = await cli(env, '--help')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^Usage: tessera <command>\n/)
    for (const command of [
      'migrate',
      'signing-keys rotate',
      'audit verify [--org <id>]',
      'operator-key reset',
      'prune',
    ]) {
      expect(run.stdout).toContain(`  ${command} `)
    }
    expect(run.stderr).toBe('')
  })

  it('exits 2 with the usage on no command and on an unknown one', async () => {
    const none = await cli(env)
    expect(none.code).toBe(2)
    expect(none.stderr).toMatch(/^Usage: tessera <command>/)
    expect(none.stdout).toBe('')

    for (const args of [['frobnicate'], ['signing-keys'], ['signing-keys', 'list'], ['audit']]) {
      const run = await cli(env, ...args)
      expect(run.code, args.join(' ')).toBe(2)
      expect(run.stderr).toMatch(
        new RegExp(`^Unknown command: ${args.join(' ')}\n\nUsage: tessera`),
      )
      expect(run.stdout).toBe('')
    }
  })
})

/**
 * Every command against a real database: an embedded data directory (which one process at a time
 * may open), and a fresh PostgreSQL schema when TEST_DATABASE_URL is set. Data is created through a
 * server started on the same storage; tampering goes straight to the database, as an attacker
 * would. The steps build on each other, in order.
 */
for (const backend of BACKENDS) {
  describe(`CLI on ${backend === 'pglite' ? 'an embedded data directory' : 'PostgreSQL'}`, () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tessera-cli-'))
    const env: Record<string, string> = {
      TESSERA_DATA_DIR: dataDir,
      TESSERA_MASTER_KEY: randomBytes(32).toString('hex'),
      TESSERA_ISSUER: 'http://tessera.cli.test',
      // rotations sign at once here: this suite tests the commands (the activation delay is
      // tested in test/integration/tokens/signing-keys.test.ts)
      TESSERA_SIGNING_KEY_ACTIVATION_DELAY_SECONDS: '0',
    }
    let dropSchema: (() => Promise<void>) | undefined
    let server: ServerProcess | undefined
    let generatedKey: string
    let newKey: string
    const rotations: { kid: string; previousKid: string }[] = []
    let orgId: number
    let tampered: { id: number; data: Record<string, unknown> }

    beforeAll(async () => {
      if (backend === 'postgres') {
        const schema = await createSchema()
        dropSchema = schema.drop
        env.DATABASE_URL = schema.url
      }
    })
    afterAll(async () => {
      await server?.stop()
      await dropSchema?.()
      rmSync(dataDir, { recursive: true, force: true })
    })

    /** Opens the storage in this process (no server or CLI may hold an embedded one). */
    async function withDatabase(run: (db: Kysely<DB>) => Promise<void>) {
      const database = await openDatabase({
        databaseUrl: env.DATABASE_URL,
        dataDir,
        poolSize: 1,
        logger: pino({ level: 'silent' }),
      })
      try {
        await run(database.db)
      } finally {
        await database.close()
      }
    }

    it('migrate applies the migrations, then reports the database up to date', async () => {
      const first = await cli(env, 'migrate')
      expect(first.code, first.stderr).toBe(0)
      expect(first.stdout).toBe(MIGRATION_NAMES.map((name) => `Success: ${name}\n`).join(''))
      const second = await cli(env, 'migrate')
      expect(second.code, second.stderr).toBe(0)
      expect(second.stdout).toBe('up to date\n')
    })

    it('signing-keys rotate prints the new and previous kid as JSON, and rotates again when run again', async () => {
      const first = await cli(env, 'signing-keys', 'rotate')
      expect(first.code, first.stderr).toBe(0)
      // the first command to start the instance generated its operator key and showed it once,
      // on stderr: stdout is the command's JSON alone
      generatedKey = GENERATED.exec(first.stderr)?.[1] ?? ''
      expect(generatedKey).toMatch(/^tsr_op_[A-Za-z0-9_-]{49}$/)
      const one = JSON.parse(first.stdout)
      expect(Object.keys(one).sort()).toEqual(['activatesAt', 'alg', 'kid', 'previousKid'])
      expect(one.kid).toMatch(/^[A-Za-z0-9_-]{20,}$/)
      expect(one.previousKid).toMatch(/^[A-Za-z0-9_-]{20,}$/)
      expect(one.kid).not.toBe(one.previousKid)

      const second = await cli(env, 'signing-keys', 'rotate')
      expect(second.code, second.stderr).toBe(0)
      expect(second.stdout + second.stderr).not.toMatch(/operator key/)
      const two = JSON.parse(second.stdout)
      expect(two.previousKid).toBe(one.kid)
      expect(two.kid).not.toBe(one.kid)
      expect(two.alg).toBe(one.alg)
      rotations.push(one, two)
    })

    it(
      backend === 'pglite'
        ? 'refuses to run while a server holds the data directory'
        : 'runs next to a server on the same database',
      async () => {
        server = await ServerProcess.start({ ...env, TESSERA_LOG_LEVEL: 'warn' })
        const op = { authorization: `Bearer ${generatedKey}` }
        const org = await server.fetch('/v2/admin/organizations', {
          method: 'POST',
          headers: op,
          body: { name: 'Audited' },
        })
        expect(org.status).toBe(201)
        orgId = org.body.data.id
        const client = await server.fetch('/v2/oauth-clients', {
          method: 'POST',
          headers: { authorization: `Bearer ${org.body.data.apiKey}` },
          body: { name: 'App', redirectUris: ['http://localhost:3000'], permissions: ['*'] },
        })
        expect(client.status).toBe(201)
        const { clientId, clientSecret } = client.body.data
        const user = await server.fetch(`/v2/oauth-clients/${clientId}/users`, {
          method: 'POST',
          headers: { 'x-cal-secret-key': clientSecret },
          body: { email: 'ada@example.com', name: 'Ada' },
        })
        expect(user.status).toBe(201)
        const refreshed = await server.fetch(`/v2/oauth/${clientId}/refresh`, {
          method: 'POST',
          headers: { 'x-cal-secret-key': clientSecret },
          body: { refreshToken: user.body.data.refreshToken },
        })
        expect(refreshed.status).toBe(200)

        // the CLI's rotations are instance events by `operator:cli`, after the first start's key
        const instance = await server.fetch('/v2/admin/audit?organizationId=0', { headers: op })
        expect(instance.status).toBe(200)
        expect(
          instance.body.data.events.map((e: any) => [e.actor, e.data.kid, e.data.previousKid]),
        ).toEqual([
          ['operator:cli', rotations[1]!.kid, rotations[0]!.kid],
          ['operator:cli', rotations[0]!.kid, rotations[0]!.previousKid],
          ['system', rotations[0]!.previousKid, null],
        ])

        if (backend === 'pglite') {
          for (const args of [['audit', 'verify'], ['migrate'], ['prune']]) {
            const run = await cli(env, ...args)
            expect(run.code, args.join(' ')).toBe(1)
            expect(run.stderr).toBe(
              `tessera: TESSERA_DATA_DIR ${dataDir} is in use by process ${server.child.pid}. The embedded database serves one process; stop it first, or use DATABASE_URL (PostgreSQL) to run several. If process ${server.child.pid} is not Tessera, delete ${dataDir}/embedded.lock.\n`,
            )
          }
        } else {
          const run = await cli(env, 'audit', 'verify')
          expect(run.code, run.stderr).toBe(0)
          expect(JSON.parse(run.stdout).ok).toBe(true)
        }
        // the server is unaffected, and leaves with its events sealed
        expect((await server.fetch('/health')).status).toBe(200)
        expect(await server.stop()).toBe(0)
        server = undefined
      },
    )

    it('audit verify exits 0 on intact chains and prints the report', async () => {
      const run = await cli(env, 'audit', 'verify')
      expect(run.code, run.stderr).toBe(0)
      expect(run.stderr).toBe('')
      const report = JSON.parse(run.stdout)
      expect(report).toMatchObject({ ok: true, problem: null, unsealedEvents: 0 })
      // organization: created, owner key, client, user, its session, one refresh
      expect(report.chains.map((c: any) => [c.chainId, c.firstSeq, c.lastSeq])).toEqual([
        [0, 1, 3],
        [orgId, 1, 6],
      ])
      for (const chain of report.chains) expect(chain.headHash).toMatch(/^[0-9a-f]{64}$/)

      const one = await cli(env, 'audit', 'verify', '--org', String(orgId))
      expect(one.code).toBe(0)
      expect(JSON.parse(one.stdout).chains).toEqual([report.chains[1]])
    })

    it('audit verify exits 1 and names an event edited in the database', async () => {
      await withDatabase(async (db) => {
        const row = await db
          .selectFrom('audit_events')
          .select(['id', 'data'])
          .where('organization_id', '=', orgId)
          .where('type', '=', 'client.created')
          .executeTakeFirstOrThrow()
        tampered = { id: row.id, data: row.data }
        await sql`UPDATE audit_events SET data = ${JSON.stringify({ ...row.data, name: 'Forged' })}::jsonb WHERE id = ${row.id}`.execute(
          db,
        )
      })
      const message = `event ${tampered.id} (chain ${orgId}, seq 3) was altered after it was sealed`
      const run = await cli(env, 'audit', 'verify')
      expect(run.code).toBe(1)
      expect(run.stderr).toBe(`audit chain broken: ${message}\n`)
      const report = JSON.parse(run.stdout)
      expect(report.ok).toBe(false)
      expect(report.problem).toEqual({
        chainId: orgId,
        seq: 3,
        eventId: tampered.id,
        kind: 'altered',
        message,
      })

      // the instance chain alone is intact; a malformed --org is a usage error
      const instance = await cli(env, 'audit', 'verify', '--org', '0')
      expect(instance.code).toBe(0)
      expect(JSON.parse(instance.stdout).chains.map((c: any) => c.chainId)).toEqual([0])
      const org = await cli(env, 'audit', 'verify', '--org', String(orgId))
      expect(org.code).toBe(1)
      expect(org.stderr).toBe(`audit chain broken: ${message}\n`)
      const bad = await cli(env, 'audit', 'verify', '--org', 'acme')
      expect(bad.code).toBe(2)
      expect(bad.stderr).toBe('--org takes an organization id (0: instance events)\n')
    })

    it('prune deletes ended sessions and spent keys and prints a JSON report; the restored chain verifies', async () => {
      await withDatabase(async (db) => {
        // undo the forgery, and age the session and the retired keys past their ends
        await sql`UPDATE audit_events SET data = ${JSON.stringify(tampered.data)}::jsonb WHERE id = ${tampered.id}`.execute(
          db,
        )
        await sql`UPDATE token_families SET refresh_expires_at = now() - interval '30 days'`.execute(
          db,
        )
        await sql`UPDATE signing_keys SET verify_until = now() - interval '1 day' WHERE retired_at IS NOT NULL`.execute(
          db,
        )
      })
      expect((await cli(env, 'audit', 'verify')).code).toBe(0)

      const run = await cli(env, 'prune')
      expect(run.code, run.stderr).toBe(0)
      expect(JSON.parse(run.stdout)).toEqual({
        families: 1,
        signingKeys: 2,
        auditEvents: 0,
        auditBlocked: [],
      })
      const again = await cli(env, 'prune')
      expect(JSON.parse(again.stdout)).toEqual({
        families: 0,
        signingKeys: 0,
        auditEvents: 0,
        auditBlocked: [],
      })

      await withDatabase(async (db) => {
        expect(await db.selectFrom('token_families').select('id').execute()).toEqual([])
        const keys = await db.selectFrom('signing_keys').select('kid').execute()
        expect(keys.map((k) => k.kid)).toEqual([rotations[1]!.kid])
      })
      const verified = await cli(env, 'audit', 'verify')
      expect(verified.code).toBe(0)
      expect(JSON.parse(verified.stdout).ok).toBe(true)
    })

    it('operator-key reset is refused when TESSERA_ADMIN_KEY is set', async () => {
      const run = await cli(
        { ...env, TESSERA_ADMIN_KEY: 'an-operator-key-from-env' },
        'operator-key',
        'reset',
      )
      expect(run.code).toBe(1)
      expect(run.stderr).toBe('TESSERA_ADMIN_KEY is set: change that variable instead.\n')
      expect(run.stdout).toBe('')
    })

    it('operator-key reset prints a new key, the only one a server started afterwards accepts', async () => {
      const run = await cli(env, 'operator-key', 'reset')
      expect(run.code, run.stderr).toBe(0)
      newKey = RESET.exec(run.stdout)?.[1] ?? ''
      expect(newKey).toMatch(/^tsr_op_/)
      expect(newKey).not.toBe(generatedKey)

      server = await ServerProcess.start({ ...env, TESSERA_LOG_LEVEL: 'warn' })
      expect(server.stdout).not.toMatch(/operator key/i)
      const orgs = await server.fetch('/v2/admin/organizations', {
        headers: { authorization: `Bearer ${newKey}` },
      })
      expect(orgs.status).toBe(200)
      expect(orgs.body.data.map((o: { id: number }) => o.id)).toEqual([orgId])
      const old = await server.fetch('/v2/admin/organizations', {
        headers: { authorization: `Bearer ${generatedKey}` },
      })
      expect(old.status).toBe(401)
      // prune left only the signing key in use
      const jwks = await server.fetch('/.well-known/jwks.json')
      expect(jwks.body.keys.map((k: { kid: string }) => k.kid)).toEqual([rotations[1]!.kid])
      expect(await server.stop()).toBe(0)
      server = undefined
    })

    // only PostgreSQL lets the CLI run next to a server
    if (backend === 'postgres') {
      it('operator-key reset retires the old key on a running server within a second', async () => {
        server = await ServerProcess.start({ ...env, TESSERA_LOG_LEVEL: 'warn' })
        const as = (key: string) =>
          server!.fetch('/v2/admin/organizations', { headers: { authorization: `Bearer ${key}` } })
        expect((await as(newKey)).status).toBe(200)
        const run = await cli(env, 'operator-key', 'reset')
        expect(run.code, run.stderr).toBe(0)
        const latest = RESET.exec(run.stdout)?.[1] ?? ''
        expect(latest).toMatch(/^tsr_op_/)
        const start = Date.now()
        let status = 200
        while (status !== 401 && Date.now() - start < 3_000) {
          status = (await as(newKey)).status
          if (status !== 401) await new Promise((r) => setTimeout(r, 100))
        }
        expect(status).toBe(401)
        expect(Date.now() - start).toBeLessThan(1_500)
        expect((await as(latest)).status).toBe(200)
        expect(await server.stop()).toBe(0)
        server = undefined
      })
    }
  })
}
