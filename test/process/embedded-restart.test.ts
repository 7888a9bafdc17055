import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ServerProcess } from '../helpers/server-process.js'

/**
 * The zero-configuration path a newcomer takes: `npm start` with nothing set. The operator key is
 * generated and printed once, the master key is generated into the data directory, and everything
 * (data, signing keys, tokens) survives a graceful restart.
 */
describe('embedded mode across restarts', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-restart-'))
  const env = { TESSERA_DATA_DIR: dataDir, TESSERA_LOG_LEVEL: 'info' }
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it('keeps data, keys and tokens valid, prints the operator key only once, and stops cleanly on SIGTERM', async () => {
    const first = await ServerProcess.start(env)
    const operatorKey = /Generated operator key.*?\n\n\s+(tsr_op_\S+)/s.exec(first.stdout)?.[1]
    expect(operatorKey).toMatch(/^tsr_op_[A-Za-z0-9_-]{49}$/)
    expect(existsSync(join(dataDir, 'master.key'))).toBe(true)

    const op = { authorization: `Bearer ${operatorKey}` }
    const org = await first.fetch('/v2/admin/organizations', {
      method: 'POST',
      headers: op,
      body: { name: 'Acme' },
    })
    expect(org.status).toBe(201)
    const client = await first.fetch('/v2/oauth-clients', {
      method: 'POST',
      headers: { authorization: `Bearer ${org.body.data.apiKey}` },
      body: { name: 'App', redirectUris: ['http://localhost:3000'], permissions: ['*'] },
    })
    const { clientId, clientSecret } = client.body.data
    const user = await first.fetch(`/v2/oauth-clients/${clientId}/users`, {
      method: 'POST',
      headers: { 'x-cal-secret-key': clientSecret },
      body: { email: 'ada@example.com', name: 'Ada' },
    })
    expect(user.status).toBe(201)

    // a second process on the same embedded database is refused, not allowed to corrupt it
    const intruder = await ServerProcess.start(env, { waitReady: false })
    expect(await intruder.exited).toBe(1)
    expect(intruder.stderr + intruder.stdout).toMatch(/in use by process/)

    expect(await first.stop('SIGTERM')).toBe(0)
    expect(first.stdout).toMatch(/"msg":"stopped"/)

    const second = await ServerProcess.start(env)
    try {
      expect(second.stdout).not.toMatch(/Generated operator key/)
      const orgs = await second.fetch('/v2/admin/organizations', { headers: op })
      expect(orgs.body.data.map((o: { name: string }) => o.name)).toEqual(['Acme'])
      const me = await second.fetch('/v2/me', {
        headers: { authorization: `Bearer ${user.body.data.accessToken}` },
      })
      expect(me.status).toBe(200)
      expect(me.body.data.email).toBe(`ada+${clientId}@example.com`)
      const refreshed = await second.fetch(`/v2/oauth/${clientId}/refresh`, {
        method: 'POST',
        headers: { 'x-cal-secret-key': clientSecret },
        body: { refreshToken: user.body.data.refreshToken },
      })
      expect(refreshed.status).toBe(200)
      const verify = await second.fetch('/v2/admin/audit/verify', { method: 'POST', headers: op })
      expect(verify.body.data.ok).toBe(true)
    } finally {
      expect(await second.stop()).toBe(0)
    }
  })

  it('refuses to start on a bad configuration value and names the variable', async () => {
    const bad = await ServerProcess.start(
      { ...env, PORT: '5555', TESSERA_ACCESS_TOKEN_TTL_SECONDS: 'soon' },
      { waitReady: false },
    )
    expect(await bad.exited).toBe(1)
    expect(bad.stderr).toMatch(/TESSERA_ACCESS_TOKEN_TTL_SECONDS: expected a whole number/)
  })
})
