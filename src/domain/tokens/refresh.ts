import { DomainError, INVALID_REFRESH_TOKEN } from '../../errors.js'
import type { Context } from '../../context.js'
import { recordAuditEvent } from '../audit/record.js'
import type { Metrics } from '../metrics.js'
import { transact } from '../transact.js'
import { findFamily, revokeFamilies, type FamilyRow } from './family.repository.js'
import type { RotationBatcher } from './rotation-batcher.js'
import {
  buildPair,
  readRefreshToken,
  type PresentedRefreshToken,
  type TokenPair,
} from './token-format.js'
import type { TokenIssuer } from './token-issuer.js'
import type { Deadline } from '../deadline.js'

/** The header that tells a caller which kind of reuse it hit. */
export const REUSE_HEADER = 'x-tessera-refresh-reuse'

export interface RefreshResult {
  readonly pair: TokenPair
  /** `duplicate`: this token was already rotated moments ago; these are the same successors. */
  readonly reuse: 'duplicate' | null
  readonly familyId: string
  readonly organizationId: number
}

/**
 * Refused refresh: always Cal.com's 400 `Invalid refresh token` on the wire (which reason it was
 * is for the log, never for the caller), plus the reuse class if any.
 */
function refused(detail: string, reuse?: 'replay'): DomainError {
  return new DomainError('refresh_token_invalid', INVALID_REFRESH_TOKEN, {
    detail: `refresh refused: ${detail}`,
    ...(reuse ? { headers: { [REUSE_HEADER]: reuse } } : {}),
  })
}

/**
 * Exactly-once refresh (docs/security.md, "Refresh"):
 * - the first presentation of the current refresh token rotates the family (one statement);
 * - presenting the previous token again, by the same client, within the reuse interval of its first
 *   use returns the identical successor pair (a retry after a lost response, or a concurrent duplicate);
 * - any older token, or the previous one after the interval, is a replay: the family and every
 *   token in it are revoked, in the transaction that records the event.
 */
export class RefreshService {
  constructor(
    private readonly ctx: Context,
    private readonly issuer: TokenIssuer,
    private readonly metrics: Metrics,
    private readonly rotations: RotationBatcher,
  ) {}

  /**
   * `deadline`: aborted when the request has been answered 503 for taking too long; a rotation
   * still waiting for its turn then is never sent (its client will retry the same token).
   */
  async refresh(
    clientId: string,
    presentedToken: string,
    deadline?: Deadline,
  ): Promise<RefreshResult> {
    const presented = readRefreshToken(this.ctx.keys.refreshToken, presentedToken)
    const now = this.ctx.clock()
    if (!presented || presented.clientId !== clientId || presented.expiresAt <= now) {
      this.metrics.inc('tessera_refresh_total', { outcome: 'invalid' })
      throw refused(
        !presented
          ? 'unreadable or forged token'
          : presented.clientId !== clientId
            ? "another client's token"
            : 'token expired',
      )
    }

    const next = this.issuer.nextGeneration(
      presented.familyId,
      presented.generation + 1,
      clientId,
      presented.userId,
      now,
    )
    const { pair, kid, storedSignature } = this.issuer.sign(next)
    const won = await this.rotations.rotate(
      {
        familyId: presented.familyId,
        fromGeneration: presented.generation,
        clientId,
        issuedAt: next.issuedAt,
        accessExpiresAt: next.accessExpiresAt,
        refreshExpiresAt: next.refreshExpiresAt,
        kid,
        accessSignature: storedSignature,
      },
      deadline,
    )
    if (won) {
      this.metrics.inc('tessera_refresh_total', { outcome: 'rotated' })
      return { pair, reuse: null, familyId: presented.familyId, organizationId: won.organizationId }
    }
    return this.#lostRotation(presented, clientId, now)
  }

  /** The rotation did not happen: tell a duplicate from a replay from a dead token. */
  async #lostRotation(
    presented: PresentedRefreshToken,
    clientId: string,
    now: number,
  ): Promise<RefreshResult> {
    const family = await findFamily(this.ctx.database.sql, presented.familyId)
    if (!family || family.client_id !== clientId || family.revoked_at !== null) {
      this.metrics.inc('tessera_refresh_total', { outcome: 'invalid' })
      throw refused(
        !family
          ? 'session deleted'
          : family.revoked_at !== null
            ? 'session revoked'
            : "another client's session",
      )
    }
    const windowMs = this.ctx.config.refreshReuseIntervalSeconds * 1000
    if (
      family.generation === presented.generation + 1 &&
      // 0 turns the window off: strict single use, every repeat is a replay
      windowMs > 0 &&
      // from the commit, not the issue time: a rotation that waited for a lock or a slow database
      // must not turn its client's retry into a replay
      now - (family.rotation_committed_at ?? family.rotated_at).getTime() <= windowMs &&
      family.refresh_expires_at.getTime() > now
    ) {
      const pair = this.#rebuild(family)
      if (pair) {
        this.metrics.inc('tessera_refresh_total', { outcome: 'duplicate' })
        await recordAuditEvent(
          this.ctx.database.db,
          {
            type: 'token.reuse_detected',
            organizationId: family.organization_id,
            actor: `client:${clientId}`,
            clientId,
            userId: family.user_id,
            familyId: family.id,
            data: {
              class: 'duplicate',
              presentedGeneration: presented.generation,
              currentGeneration: family.generation,
            },
          },
          new Date(now),
        )
        return {
          pair,
          reuse: 'duplicate',
          familyId: family.id,
          organizationId: family.organization_id,
        }
      }
    }
    if (presented.generation < family.generation)
      await this.#revokeForReplay(family, presented, now)
    // A generation ahead of the stored one (a database restored from an older backup) or an
    // expired current token: refuse without punishing the family.
    this.metrics.inc('tessera_refresh_total', { outcome: 'invalid' })
    throw refused(
      presented.generation > family.generation
        ? 'generation ahead of the stored one (database restored from an older backup?)'
        : 'current token could not be rotated (expired meanwhile)',
    )
  }

  /** The successor pair exactly as first issued, or null if its signing key is gone. */
  #rebuild(family: FamilyRow): TokenPair | null {
    const signer = this.issuer.keyRing.find(family.access_kid)
    if (!signer) return null
    const g = {
      familyId: family.id,
      generation: family.generation,
      clientId: family.client_id,
      userId: family.user_id,
      issuedAt: family.rotated_at.getTime(),
      accessExpiresAt: family.access_expires_at.getTime(),
      refreshExpiresAt: family.refresh_expires_at.getTime(),
    }
    return buildPair(this.issuer.tokenContext, g, signer, family.access_sig).pair
  }

  async #revokeForReplay(
    family: FamilyRow,
    presented: PresentedRefreshToken,
    now: number,
  ): Promise<never> {
    const at = new Date(now)
    const actor = `client:${family.client_id}`
    await transact(this.ctx, async ({ trx, changed }) => {
      const revoked = await revokeFamilies(trx, { familyId: family.id }, 'replay', at)
      if (revoked.length === 0) return // a concurrent replay already did it
      const base = {
        organizationId: family.organization_id,
        actor,
        clientId: family.client_id,
        userId: family.user_id,
        familyId: family.id,
      }
      await recordAuditEvent(
        trx,
        {
          ...base,
          type: 'token.reuse_detected',
          data: {
            class: 'replay',
            presentedGeneration: presented.generation,
            currentGeneration: family.generation,
          },
        },
        at,
      )
      await recordAuditEvent(
        trx,
        { ...base, type: 'token.revoked', data: { reason: 'replay' } },
        at,
      )
      changed({ kind: 'families-revoked', ids: [family.id] })
    })
    this.metrics.inc('tessera_refresh_total', { outcome: 'replay' })
    this.ctx.logger.warn(
      { clientId: family.client_id, userId: family.user_id, familyId: family.id },
      'refresh token replay: token family revoked',
    )
    throw refused('replay of an earlier generation: session revoked', 'replay')
  }
}
