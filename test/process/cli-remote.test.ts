import { tmpdir } from 'node:os'
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BACKENDS } from '../helpers/backends.js'
import { freePort } from '../helpers/server-process.js'
import { OPERATOR_KEY } from '../helpers/http.js'
import { TestApp } from '../helpers/test-app.js'

const CLI = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url))

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** `tessera …args` with exactly `env` (plus PATH), to completion. */
function tessera(env: Record<string, string>, ...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: tmpdir(), // not the checkout, whose .env (if any) would fill gaps in `env`
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

const json = (run: Run) => {
  expect(run.code, run.stderr).toBe(0)
  return JSON.parse(run.stdout)
}

/**
 * The remote commands, each a `tessera` process of its own, against a running server listening on
 * a real port (on the embedded database, which no other process may open while it runs, and on
 * PostgreSQL). Steps build on each other, in order.
 */
for (const backend of BACKENDS) {
  describe(`remote CLI against a running server (${backend})`, () => {
    let server: TestApp
    let url: string
    const operator = () => ({ TESSERA_ADMIN_KEY: OPERATOR_KEY })
    let orgId: number
    let apiKey: string
    let clientId: string
    let clientSecret: string
    let userId: number
    /** The server's HTTP API, for what the CLI does not do (creating a managed user…). */
    const api = async (
      path: string,
      init: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
    ) => {
      const response = await fetch(`${url}${path}`, {
        method: init.method ?? 'GET',
        headers: { 'content-type': 'application/json', ...init.headers },
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      })
      return { status: response.status, body: (await response.json()) as any }
    }

    beforeAll(async () => {
      const port = await freePort()
      url = `http://127.0.0.1:${port}`
      server = await new TestApp(backend, { env: { TESSERA_ISSUER: url } }).start()
      await server.app.listen({ host: '127.0.0.1', port })
    })
    afterAll(() => server.close())

    it('operator: creates and lists organizations, issues and revokes API keys', async () => {
      const created = json(
        await tessera(operator(), 'organizations', 'create', 'Acme', '--url', url, '--json'),
      )
      expect(created).toMatchObject({ name: 'Acme', apiKey: expect.stringMatching(/^tsr_ak_/) })
      orgId = created.id
      apiKey = created.apiKey

      const table = await tessera(operator(), 'organizations', 'list', '--url', url)
      expect(table.code, table.stderr).toBe(0)
      expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+CREATED$/)
      expect(table.stdout).toMatch(new RegExp(`^${orgId}\\s+Acme\\s+\\d{4}-`, 'm'))

      // TESSERA_URL instead of --url
      const member = json(
        await tessera(
          { ...operator(), TESSERA_URL: url },
          'api-keys',
          'create',
          '--org',
          String(orgId),
          '--role',
          'member',
          '--name',
          'reader',
          '--json',
        ),
      )
      expect(member).toMatchObject({ role: 'MEMBER', name: 'reader' })
      const reads = await tessera({ TESSERA_API_KEY: member.key }, 'clients', 'list', '--url', url)
      expect(reads.code, reads.stderr).toBe(0)
      expect(reads.stdout).toBe('(none)\n')

      const revoked = await tessera(
        operator(),
        'api-keys',
        'revoke',
        '--org',
        String(orgId),
        member.id,
        '--url',
        url,
      )
      expect(revoked).toMatchObject({ code: 0, stdout: `revoked ${member.id}\n` })
      const refused = await tessera(
        { TESSERA_API_KEY: member.key },
        'clients',
        'list',
        '--url',
        url,
      )
      expect(refused.code).toBe(3)
      expect(refused.stderr).toMatch(
        /^tessera: .+ \(HTTP 401 UnauthorizedException, request [0-9a-f-]{36}\)\n$/,
      )
      expect(refused.stderr).not.toContain(member.key)
    })

    it('organization: creates a client, reads it, rotates its secret and ends the old one', async () => {
      const created = json(
        await tessera(
          { TESSERA_API_KEY: apiKey },
          'clients',
          'create',
          '--name',
          'Acme app',
          '--permission',
          '*',
          '--redirect-uri',
          'http://localhost:3000',
          '--url',
          url,
          '--json',
        ),
      )
      clientId = created.clientId
      clientSecret = created.clientSecret
      const shown = json(
        await tessera(
          { TESSERA_API_KEY: apiKey },
          'clients',
          'get',
          clientId,
          '--url',
          url,
          '--json',
        ),
      )
      expect(shown).toMatchObject({
        id: clientId,
        name: 'Acme app',
        redirectUris: ['http://localhost:3000'],
      })
      expect(shown).not.toHaveProperty('secret')

      const rotated = json(
        await tessera(
          { TESSERA_API_KEY: apiKey },
          'clients',
          'rotate-secret',
          clientId,
          '--url',
          url,
          '--json',
        ),
      )
      expect(rotated.clientSecret).toMatch(/^tsr_cs_/)
      const withOld = await tessera(
        { TESSERA_CLIENT_SECRET: clientSecret },
        'users',
        'list',
        '--client',
        clientId,
        '--url',
        url,
      )
      expect(withOld).toMatchObject({ code: 0, stdout: '(none)\n' })
      const ended = await tessera(
        { TESSERA_API_KEY: apiKey },
        'clients',
        'revoke-previous-secret',
        clientId,
        '--url',
        url,
      )
      expect(ended.code, ended.stderr).toBe(0)
      expect(
        (
          await tessera(
            { TESSERA_CLIENT_SECRET: clientSecret },
            'users',
            'list',
            '--client',
            clientId,
            '--url',
            url,
          )
        ).code,
      ).toBe(3)
      clientSecret = rotated.clientSecret
    })

    it('users: finds by email (as known or as stored), lists, force-refreshes', async () => {
      const created = await api(`/v2/oauth-clients/${clientId}/users`, {
        method: 'POST',
        headers: { 'x-cal-secret-key': clientSecret },
        body: { email: 'ada@example.com', name: 'Ada Lovelace' },
      })
      expect(created.status).toBe(201)
      userId = created.body.data.user.id
      const oldAccess = created.body.data.accessToken

      const found = json(
        await tessera(
          { TESSERA_CLIENT_SECRET: clientSecret },
          'users',
          'find',
          '--client',
          clientId,
          '--email',
          'ada@example.com',
          '--url',
          url,
          '--json',
        ),
      )
      expect(found).toMatchObject({ id: userId, email: `ada+${clientId}@example.com` })
      const none = await tessera(
        { TESSERA_API_KEY: apiKey },
        'users',
        'find',
        '--client',
        clientId,
        '--email',
        'bob@example.com',
        '--url',
        url,
      )
      expect(none).toMatchObject({
        code: 4,
        stdout: '',
        stderr: 'no managed user with email bob@example.com\n',
      })
      const invalid = await tessera(
        { TESSERA_API_KEY: apiKey },
        'users',
        'find',
        '--client',
        clientId,
        '--email',
        'not an email',
        '--url',
        url,
      )
      expect(invalid.code).toBe(5)
      expect(invalid.stderr).toContain('HTTP 400 BadRequestException')

      const listed = await tessera(
        { TESSERA_API_KEY: apiKey },
        'users',
        'list',
        '--client',
        clientId,
        '--url',
        url,
      )
      expect(listed.stdout).toMatch(
        new RegExp(`^${userId}\\s+ada\\+${clientId}@example.com\\s+Ada Lovelace\\s`, 'm'),
      )

      const forced = await tessera(
        { TESSERA_API_KEY: apiKey },
        'users',
        'force-refresh',
        '--client',
        clientId,
        String(userId),
        '--url',
        url,
      )
      expect(forced.code, forced.stderr).toBe(0)
      expect(forced.stdout).toMatch(
        /^user\s+\d+\naccess token until\s+\d{4}-.+\nrefresh token until\s+\d{4}-/,
      )
      // the table never prints the new tokens; --json does (it is the answer that issues them)
      expect(forced.stdout).not.toMatch(/eyJ/)
      expect(
        (await api('/v2/me', { headers: { authorization: `Bearer ${oldAccess}` } })).status,
      ).toBe(401)
      const pair = json(
        await tessera(
          { TESSERA_API_KEY: apiKey },
          'users',
          'force-refresh',
          '--client',
          clientId,
          String(userId),
          '--url',
          url,
          '--json',
        ),
      )
      expect(
        (await api('/v2/me', { headers: { authorization: `Bearer ${pair.accessToken}` } })).status,
      ).toBe(200)
    })

    it('sessions: lists and revokes one, then all', async () => {
      const sessions = json(
        await tessera(
          { TESSERA_API_KEY: apiKey },
          'sessions',
          'list',
          '--client',
          clientId,
          String(userId),
          '--url',
          url,
          '--json',
        ),
      )
      expect(sessions.map((s: any) => s.revoked)).toEqual([false, true, true])
      const table = await tessera(
        { TESSERA_API_KEY: apiKey },
        'sessions',
        'list',
        '--client',
        clientId,
        String(userId),
        '--url',
        url,
      )
      expect(table.stdout).toMatch(
        new RegExp(`^${sessions[0].id}\\s+force_refresh\\s.+\\sno$`, 'm'),
      )

      const one = await tessera(
        { TESSERA_API_KEY: apiKey },
        'sessions',
        'revoke',
        '--client',
        clientId,
        String(userId),
        sessions[0].id,
        '--url',
        url,
      )
      expect(one).toMatchObject({ code: 0, stdout: '1 session revoked\n' })
      const all = json(
        await tessera(
          { TESSERA_API_KEY: apiKey },
          'sessions',
          'revoke',
          '--client',
          clientId,
          String(userId),
          '--all',
          '--url',
          url,
          '--json',
        ),
      )
      expect(all).toEqual({ revoked: 0 })
      const both = await tessera(
        { TESSERA_API_KEY: apiKey },
        'sessions',
        'revoke',
        '--client',
        clientId,
        String(userId),
        sessions[0].id,
        '--all',
        '--url',
        url,
      )
      expect(both).toMatchObject({
        code: 2,
        stderr: 'Give either a <session-id> or --all (not both)\n',
      })
    })

    it('events and audit: per client with its secret, instance-wide for the operator, verified', async () => {
      const events = json(
        await tessera(
          { TESSERA_CLIENT_SECRET: clientSecret },
          'events',
          'list',
          '--client',
          clientId,
          '--types',
          'token.force_refreshed,token.revoked',
          '--url',
          url,
          '--json',
        ),
      )
      expect(events.events.map((e: any) => e.type)).toEqual(
        expect.arrayContaining(['token.force_refreshed', 'token.revoked']),
      )
      expect(
        events.events.every((e: any) =>
          ['token.force_refreshed', 'token.revoked'].includes(e.type),
        ),
      ).toBe(true)
      const audit = await tessera(
        operator(),
        'audit',
        'events',
        '--org',
        String(orgId),
        '--limit',
        '3',
        '--url',
        url,
      )
      expect(audit.stdout.split('\n')[0]).toMatch(/^TIME\s+TYPE\s+ACTOR\s+ORG\s+CLIENT\s+USER$/)
      expect(audit.stdout.trim().split('\n')).toHaveLength(4)

      // the running server is verified (and rotated) over HTTP: no database access needed
      const verified = await tessera(operator(), 'audit', 'verify', '--url', url)
      expect(verified.code, verified.stderr).toBe(0)
      expect(verified.stdout).toMatch(/\nintact\n$/)
      const rotated = json(
        await tessera(operator(), 'signing-keys', 'rotate', '--url', url, '--json'),
      )
      expect(rotated).toMatchObject({ kid: expect.any(String), previousKid: expect.any(String) })
    })

    it('exit codes: usage 2, not authorized 3, not found 4, unreachable 6', async () => {
      const noUrl = await tessera(operator(), 'organizations', 'list')
      expect(noUrl).toMatchObject({
        code: 2,
        stderr: 'Give the server with --url <url> (or TESSERA_URL)\n',
      })
      const noKey = await tessera({}, 'organizations', 'list', '--url', url)
      expect(noKey).toMatchObject({
        code: 2,
        stderr: 'Set TESSERA_ADMIN_KEY to the operator key\n',
      })
      const badOption = await tessera(operator(), 'organizations', 'list', '--url', url, '--bogus')
      expect(badOption.code).toBe(2)
      expect(badOption.stderr).toContain("Unknown option '--bogus'")
      const badRole = await tessera(
        operator(),
        'api-keys',
        'create',
        '--org',
        String(orgId),
        '--role',
        'king',
        '--url',
        url,
      )
      expect(badRole).toMatchObject({ code: 2, stderr: '--role must be OWNER, ADMIN or MEMBER\n' })
      const missing = await tessera(operator(), 'organizations', 'create', '--url', url)
      expect(missing).toMatchObject({ code: 2, stderr: 'organizations create takes <name>\n' })

      const wrongKey = await tessera(
        { TESSERA_ADMIN_KEY: 'wrong' },
        'organizations',
        'list',
        '--url',
        url,
      )
      expect(wrongKey.code).toBe(3)
      const noClient = await tessera(
        { TESSERA_API_KEY: apiKey },
        'clients',
        'get',
        'no-such-client',
        '--url',
        url,
      )
      expect(noClient.code).toBe(4)
      expect(noClient.stderr).toContain('HTTP 404 NotFoundException')

      await server.app.close()
      const down = await tessera(operator(), 'organizations', 'list', '--url', url)
      expect(down.code).toBe(6)
      expect(down.stderr).toBe(`tessera: Could not reach Tessera at ${url} (ECONNREFUSED)\n`)
    })
  })
}
