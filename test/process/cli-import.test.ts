import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BACKENDS } from '../helpers/backends.js'
import { bearer, OPERATOR_KEY, secretKey } from '../helpers/http.js'
import { freePort } from '../helpers/server-process.js'
import { TestApp } from '../helpers/test-app.js'

const CLI = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url))

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

function tessera(env: Record<string, string>, ...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
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

async function listening(backend: (typeof BACKENDS)[number]) {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const app = await new TestApp(backend, { env: { TESSERA_ISSUER: url } }).start()
  await app.app.listen({ host: '127.0.0.1', port })
  return { app, url }
}

/**
 * `tessera import --from`: Cal.com's API read with the customer's credentials. Tessera speaks
 * the same wire, so one running Tessera stands in for Cal.com and the import goes into another;
 * then the customer's stored client secret and user ids work against the new one. Steps build on
 * each other, in order.
 */
for (const backend of BACKENDS) {
  describe(`tessera import from one running Tessera into another (${backend})`, () => {
    let source: { app: TestApp; url: string }
    let target: { app: TestApp; url: string }
    let dir: string
    let targetOrg: number
    let client: { clientId: string; clientSecret: string; apiKey: string }
    const users: { id: number; email: string; refreshToken: string }[] = []
    const env = () => ({
      TESSERA_ADMIN_KEY: OPERATOR_KEY,
      CALCOM_API_KEY: client.apiKey,
      CALCOM_CLIENT_SECRET: client.clientSecret,
    })
    const importArgs = () => [
      'import',
      '--org',
      String(targetOrg),
      '--from',
      source.url,
      '--client',
      client.clientId,
      '--url',
      target.url,
    ]
    const targetRows = (table: 'managed_users' | 'oauth_clients') =>
      target.app.tessera.ctx.database.db.selectFrom(table).selectAll().execute()

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'tessera-import-'))
      source = await listening(backend)
      target = await listening(backend)
      // the "Cal.com" side: an organization, a client and three managed users
      client = await source.app.createClient({ name: 'Acme app', permissions: ['PROFILE_READ'] })
      for (const name of ['ada', 'grace', 'edsger']) {
        const created = await source.app.createUser(client, {
          email: `${name}@acme.example`,
          name,
          timeZone: 'Europe/Berlin',
          locale: 'de',
        })
        users.push({ ...created.user, refreshToken: created.refreshToken })
      }
      targetOrg = (await target.app.createOrganization('Acme, moved')).id
    })
    afterAll(async () => {
      await source?.app.close()
      await target?.app.close()
      rmSync(dir, { recursive: true, force: true })
    })

    it('--dry-run reports what would be created and writes nothing', async () => {
      const run = await tessera(env(), ...importArgs(), '--dry-run', '--json')
      expect(run.code, run.stderr).toBe(0)
      expect(JSON.parse(run.stdout)).toEqual({
        dryRun: true,
        clients: { created: 1, unchanged: 0, conflicts: 0 },
        users: { created: 3, unchanged: 0, conflicts: 0 },
        conflicts: [],
      })
      expect(await targetRows('oauth_clients')).toEqual([])
      expect(await targetRows('managed_users')).toEqual([])
    })

    it('imports the client with its id and secret and the users with their ids, with a progress line', async () => {
      const saved = join(dir, 'acme.json')
      const run = await tessera(env(), ...importArgs(), '--save', saved)
      expect(run.code, run.stderr).toBe(0)
      expect(run.stderr).toContain('read: 3 users')
      expect(run.stderr).toContain('import: 3/3 users (100%)')
      expect(run.stdout).toContain('1 created, 0 unchanged, 0 conflicts')
      expect(run.stdout).toContain('3 created, 0 unchanged, 0 conflicts')
      // the saved document holds the secret: its owner alone may read it
      expect(statSync(saved).mode & 0o777).toBe(0o600)

      const rows = await targetRows('managed_users')
      expect(rows.map((r) => [r.id, r.email, r.client_id])).toEqual(
        users.map((u) => [u.id, u.email, client.clientId]),
      )
      const [stored] = await targetRows('oauth_clients')
      expect(stored).toMatchObject({
        id: client.clientId,
        organization_id: targetOrg,
        name: 'Acme app',
        permissions: 256,
      })
    })

    it('the customer switches the base URL: stored refresh token 400, force-refresh with the kept secret and id 200, /v2/me', async () => {
      const user = users[1]!
      const asBefore = await fetch(`${target.url}/v2/oauth/${client.clientId}/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...secretKey(client) },
        body: JSON.stringify({ refreshToken: user.refreshToken }),
      })
      expect(asBefore.status).toBe(400)
      expect(((await asBefore.json()) as any).error.message).toBe('Invalid refresh token')

      const forced = await fetch(
        `${target.url}/v2/oauth-clients/${client.clientId}/users/${user.id}/force-refresh`,
        { method: 'POST', headers: secretKey(client) },
      )
      expect(forced.status).toBe(200)
      const keys = ((await forced.json()) as any).data
      const me = await fetch(`${target.url}/v2/me`, { headers: bearer(keys.accessToken) })
      expect(me.status).toBe(200)
      expect(((await me.json()) as any).data).toMatchObject({
        id: user.id,
        email: user.email,
        timeZone: 'Europe/Berlin',
        locale: 'de',
      })
    })

    it('a re-run changes nothing; a changed record is a conflict (exit 5), left alone', async () => {
      const saved = join(dir, 'acme.json')
      const again = await tessera(
        { TESSERA_ADMIN_KEY: OPERATOR_KEY },
        'import',
        '--org',
        String(targetOrg),
        '--file',
        saved,
        '--url',
        target.url,
        '--json',
      )
      expect(again.code, again.stderr).toBe(0)
      expect(JSON.parse(again.stdout)).toMatchObject({
        clients: { created: 0, unchanged: 1, conflicts: 0 },
        users: { created: 0, unchanged: 3, conflicts: 0 },
      })

      const document = JSON.parse(readFileSync(saved, 'utf8'))
      document.clients[0].users[0].name = 'Someone else'
      writeFileSync(saved, JSON.stringify(document))
      const conflicting = await tessera(
        { TESSERA_ADMIN_KEY: OPERATOR_KEY },
        'import',
        '--org',
        String(targetOrg),
        '--file',
        saved,
        '--url',
        target.url,
      )
      expect(conflicting.code).toBe(5)
      expect(conflicting.stdout).toMatch(
        new RegExp(`user\\s+${users[0]!.id}\\s+${client.clientId}\\s+exists with a different name`),
      )
      const kept = await target.app.tessera.ctx.database.db
        .selectFrom('managed_users')
        .select('name')
        .where('id', '=', users[0]!.id)
        .executeTakeFirstOrThrow()
      expect(kept.name).toBe('ada')
    })

    it('refuses a missing source, missing credentials and a wrong secret with clear exits', async () => {
      const noSource = await tessera(env(), 'import', '--org', '1', '--url', target.url)
      expect(noSource.code).toBe(2)
      expect(noSource.stderr).toContain('--file <path> or --from <api-url>')
      const noKeys = await tessera({ TESSERA_ADMIN_KEY: OPERATOR_KEY }, ...importArgs())
      expect(noKeys.code).toBe(2)
      expect(noKeys.stderr).toContain('CALCOM_API_KEY')
      const wrong = await tessera(
        { ...env(), CALCOM_CLIENT_SECRET: `${client.clientSecret.slice(0, -1)}x` },
        ...importArgs(),
      )
      expect(wrong.code).toBe(3)
    })
  })
}
