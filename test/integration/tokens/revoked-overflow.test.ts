import { expect, it } from 'vitest'
import { RevokedFamilies } from '../../../src/domain/tokens/revoked-families.js'
import { describeApp } from '../../helpers/fixture.js'

describeApp(`revocations beyond the in-memory bound`, { clock: Date.UTC(2026, 3, 1) }, (t) => {
  it('still refuses every revoked session when a mass revocation overflows the set, and trusts the set again later', async () => {
    const client = await t.createClient()
    const users = await Promise.all(Array.from({ length: 5 }, () => t.createUser(client)))
    const families = await t.tessera.ctx.database.db
      .selectFrom('token_families')
      .select(['id', 'user_id'])
      .where('client_id', '=', client.clientId)
      .execute()
    const revoked = new RevokedFamilies(t.tessera.ctx, 2)
    await revoked.load()
    // revoke them all through the API (each publishes its family)
    for (const u of users) {
      const res = await t.request({
        method: 'DELETE',
        url: `/v2/oauth-clients/${client.clientId}/users/${u.user.id}/sessions`,
        headers: { 'x-cal-secret-key': client.clientSecret },
      })
      expect(res.body.data.revoked).toBe(1)
    }
    expect(revoked.size).toBe(2)
    for (const f of families) expect(await revoked.isRevoked(f.id)).toBe(true)
    const fresh = await t.createUser(client)
    const freshFamily = await t.tessera.ctx.database.db
      .selectFrom('token_families')
      .select('id')
      .where('user_id', '=', fresh.user.id)
      .executeTakeFirstOrThrow()
    expect(await revoked.isRevoked(freshFamily.id)).toBe(false)

    // once the window has passed, the old revocations no longer matter and the set is trusted
    t.clock.advance(revoked.windowMs + 1)
    await revoked.prune()
    expect(revoked.size).toBe(0)
    expect(revoked.isRevoked(freshFamily.id)).toBe(false)
  })
})
