import { expect, it } from 'vitest'
import { runMaintenance } from '../../../src/domain/maintenance.js'
import { describeApp } from '../../helpers/fixture.js'

const DAY = 86_400_000

describeApp(
  `storage stays bounded`,
  {
    clock: Date.UTC(2026, 2, 1),
    env: {
      TESSERA_REFRESH_TOKEN_TTL_SECONDS: String(30 * 86_400),
      TESSERA_AUDIT_RETENTION_DAYS: '10',
    },
  },
  (t) => {
    const families = async (userId: number) =>
      t.tessera.ctx.database.db
        .selectFrom('token_families')
        .select(['id', 'revoked_at'])
        .where('user_id', '=', userId)
        .execute()

    it('keeps one row per session however often it is refreshed', async () => {
      const client = await t.createClient()
      const created = await t.createUser(client)
      let refreshToken = created.refreshToken
      for (let i = 0; i < 25; i++) {
        const res = await t.refresh(client, refreshToken)
        expect(res.status).toBe(200)
        refreshToken = res.body.data.refreshToken
      }
      const rows = await t.tessera.ctx.database.db
        .selectFrom('token_families')
        .select(['generation'])
        .where('user_id', '=', created.user.id)
        .execute()
      expect(rows).toEqual([{ generation: 25 }])
    })

    it('prunes revoked sessions a week after revocation, expired ones after expiry, and old audit events', async () => {
      const client = await t.createClient()
      const revokedUser = await t.createUser(client)
      const forced = await t.request({
        method: 'POST',
        url: `/v2/oauth-clients/${client.clientId}/users/${revokedUser.user.id}/force-refresh`,
        headers: { 'x-cal-secret-key': client.clientSecret },
      })
      expect(forced.status).toBe(200)
      expect(await families(revokedUser.user.id)).toHaveLength(2)
      await t.tessera.sealAudit()

      const deps = { keyRing: t.tessera.keyRing, revokedFamilies: t.tessera.revokedFamilies }
      expect((await runMaintenance(t.tessera.ctx, deps)).families).toBe(0)

      t.clock.advance(7 * DAY + 1)
      const weekLater = await runMaintenance(t.tessera.ctx, deps)
      expect(weekLater.families).toBeGreaterThanOrEqual(1)
      const left = await families(revokedUser.user.id)
      expect(left).toHaveLength(1)
      expect(left[0]!.revoked_at).toBeNull()

      t.clock.advance(30 * DAY)
      const monthLater = await runMaintenance(t.tessera.ctx, deps)
      expect(monthLater.families).toBeGreaterThanOrEqual(1)
      expect(await families(revokedUser.user.id)).toHaveLength(0)
      expect(monthLater.auditEvents).toBeGreaterThan(0)
      const oldEvents = await t.tessera.ctx.database.db
        .selectFrom('audit_events')
        .select('id')
        .where('user_id', '=', revokedUser.user.id)
        .execute()
      expect(oldEvents).toHaveLength(0)
      // the chain still verifies from its anchor after pruning
      const verify = await t.request({
        method: 'POST',
        url: '/v2/admin/audit/verify',
        headers: { authorization: 'Bearer test-operator-key-0123456789abcdef' },
      })
      expect(verify.body.data.ok).toBe(true)
    })
  },
)
