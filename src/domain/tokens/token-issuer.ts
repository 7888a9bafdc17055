import { randomUUID } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { Context } from '../../context.js'
import type { DB, FamilyOrigin } from '../../db/schema.js'
import type { KeyRing } from '../keys/key-ring.js'
import { isDeterministic } from '../keys/signing-key.js'
import { insertFamily } from './family.repository.js'
import { buildPair, type Generation, type TokenContext, type TokenPair } from './token-format.js'

export interface Login {
  readonly clientId: string
  readonly userId: number
  readonly organizationId: number
  readonly origin: FamilyOrigin
}

/** Computes token lifetimes and pairs from the configuration and the active signing key. */
export class TokenIssuer {
  readonly tokenContext: TokenContext

  constructor(
    private readonly ctx: Context,
    readonly keyRing: KeyRing,
  ) {
    this.tokenContext = {
      issuer: ctx.config.issuer,
      audience: ctx.config.audience,
      refreshKey: ctx.keys.refreshToken,
    }
  }

  /** The generation that starts or continues a family at `now` (expiries exact to the ms). */
  nextGeneration(
    familyId: string,
    generation: number,
    clientId: string,
    userId: number,
    now: number,
  ): Generation {
    const { accessTokenTtlSeconds, refreshTokenTtlSeconds } = this.ctx.config
    return {
      familyId,
      generation,
      clientId,
      userId,
      issuedAt: now,
      accessExpiresAt: now + accessTokenTtlSeconds * 1000,
      refreshExpiresAt: now + refreshTokenTtlSeconds * 1000,
    }
  }

  /** Signs a generation with the active key; returns the signature to store when not deterministic. */
  sign(g: Generation): { pair: TokenPair; kid: string; storedSignature: Buffer | null } {
    const signer = this.keyRing.active
    const { pair, accessSignature } = buildPair(this.tokenContext, g, signer)
    return {
      pair,
      kid: signer.kid,
      storedSignature: isDeterministic(signer.alg) ? null : accessSignature,
    }
  }

  /** Starts a token family (a login) inside the caller's transaction and returns its first pair. */
  async startFamily(
    trx: Transaction<DB> | Kysely<DB>,
    login: Login,
  ): Promise<{ familyId: string; pair: TokenPair }> {
    const familyId = randomUUID()
    const g = this.nextGeneration(familyId, 0, login.clientId, login.userId, this.ctx.clock())
    const { pair, kid, storedSignature } = this.sign(g)
    await insertFamily(trx, {
      id: familyId,
      clientId: login.clientId,
      userId: login.userId,
      organizationId: login.organizationId,
      origin: login.origin,
      issuedAt: new Date(g.issuedAt),
      accessExpiresAt: new Date(g.accessExpiresAt),
      refreshExpiresAt: new Date(g.refreshExpiresAt),
      kid,
      accessSignature: storedSignature,
    })
    return { familyId, pair }
  }
}
