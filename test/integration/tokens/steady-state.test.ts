import { expect, it, vi } from 'vitest'
import { describeApp } from '../../helpers/fixture.js'

describeApp(`access-token checks in the steady state`, (t) => {
  it('verifies a valid access token with no database query once its client and user are cached', async () => {
    const client = await t.createClient()
    const created = await t.createUser(client)
    expect((await t.me(created.accessToken)).status).toBe(200) // warms the caches
    const { database } = t.tessera.ctx
    const raw = vi.spyOn(database.sql, 'query')
    const built = vi.spyOn(database.db, 'selectFrom')
    try {
      for (let i = 0; i < 20; i++) expect((await t.me(created.accessToken)).status).toBe(200)
      expect(raw).not.toHaveBeenCalled()
      expect(built).not.toHaveBeenCalled()
    } finally {
      raw.mockRestore()
      built.mockRestore()
    }
  })

  it('still refuses a revoked session at once on this process (its own change applies before the answer)', async () => {
    const client = await t.createClient()
    const created = await t.createUser(client)
    expect((await t.me(created.accessToken)).status).toBe(200)
    const forced = await t.request({
      method: 'POST',
      url: `/v2/oauth-clients/${client.clientId}/users/${created.user.id}/force-refresh`,
      headers: { 'x-cal-secret-key': client.clientSecret },
    })
    expect(forced.status).toBe(200)
    const old = await t.me(created.accessToken)
    expect(old.status).toBe(401)
    expect(old.body.error.message).toBe('Invalid Access Token.')
  })
})
