import type { FamilyOrigin } from '../../db/schema.js'
import type { Context } from '../../context.js'
import { notFound } from '../../errors.js'
import { recordAuditEvent, type Actor } from '../audit/record.js'
import { transact } from '../transact.js'
import { listFamilies, revokeFamilies, type FamilySelector } from './family.repository.js'

/** A token family as its owner's platform sees it: one login of a managed user. */
export interface SessionView {
  id: string
  origin: FamilyOrigin
  createdAt: string
  lastRefreshedAt: string | null
  generation: number
  refreshTokenExpiresAt: string
  revoked: boolean
  revokedAt: string | null
  revokedReason: string | null
}

/** Sessions (token families) of a managed user: list them, revoke one or all. */
export class SessionService {
  constructor(private readonly ctx: Context) {}

  async list(clientId: string, userId: number): Promise<SessionView[]> {
    const rows = await listFamilies(this.ctx.database.db, clientId, userId)
    return rows.map((r) => ({
      id: r.id,
      origin: r.origin,
      createdAt: r.created_at.toISOString(),
      lastRefreshedAt: r.generation > 0 ? r.rotated_at.toISOString() : null,
      generation: r.generation,
      refreshTokenExpiresAt: r.refresh_expires_at.toISOString(),
      revoked: r.revoked_at !== null,
      revokedAt: r.revoked_at?.toISOString() ?? null,
      revokedReason: r.revoked_reason,
    }))
  }

  /** Revokes one session (`familyId`) or every active one of the user; returns how many. */
  async revoke(
    organizationId: number,
    selector: FamilySelector & { clientId: string; userId: number },
    reason: string,
    actor: Actor,
  ): Promise<number> {
    const at = new Date(this.ctx.clock())
    return transact(this.ctx, async ({ trx, changed }) => {
      const revoked = await revokeFamilies(trx, selector, reason, at)
      if (selector.familyId !== undefined && revoked.length === 0) {
        const exists = await trx
          .selectFrom('token_families')
          .select('id')
          .where('id', '=', selector.familyId)
          .where('client_id', '=', selector.clientId)
          .where('user_id', '=', selector.userId)
          .executeTakeFirst()
        if (!exists) throw notFound(`Session ${selector.familyId} not found for this user.`)
      }
      for (const family of revoked) {
        await recordAuditEvent(
          trx,
          {
            type: 'token.revoked',
            organizationId,
            actor,
            clientId: selector.clientId,
            userId: selector.userId,
            familyId: family.id,
            data: { reason },
          },
          at,
        )
      }
      if (revoked.length > 0) changed({ kind: 'families-revoked', ids: revoked.map((f) => f.id) })
      return revoked.length
    })
  }
}
