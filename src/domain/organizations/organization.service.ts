import { randomUUID } from 'node:crypto'
import type { Context } from '../../context.js'
import { keyedHash } from '../../crypto/keyed-hash.js'
import { generateSecret, isWellFormedSecret } from '../../crypto/secrets.js'
import type { OrganizationRole } from '../../db/schema.js'
import { notFound } from '../../errors.js'
import { recordAuditEvent, type Actor } from '../audit/record.js'
import { transact } from '../transact.js'

export interface Organization {
  readonly id: number
  readonly name: string
  readonly createdAt: Date
}

export interface IssuedApiKey {
  readonly id: string
  /** Shown once, in the response that creates it; only its keyed hash is stored. */
  readonly key: string
  readonly role: OrganizationRole
  readonly name: string | null
  readonly createdAt: Date
}

export interface ApiKeyPrincipal {
  readonly keyId: string
  readonly organizationId: number
  readonly role: OrganizationRole
}

/** Organizations and their API keys: the operator's side of the tenancy model. */
export class OrganizationService {
  constructor(private readonly ctx: Context) {}

  async create(
    name: string,
    actor: Actor,
  ): Promise<{ organization: Organization; apiKey: string }> {
    const now = new Date(this.ctx.clock())
    return transact(this.ctx, async ({ trx }) => {
      const org = await trx
        .insertInto('organizations')
        .values({ name, created_at: now })
        .returning(['id', 'name', 'created_at'])
        .executeTakeFirstOrThrow()
      await recordAuditEvent(
        trx,
        { type: 'organization.created', organizationId: org.id, actor, data: { name } },
        now,
      )
      const key = await this.#insertKey(trx, org.id, 'OWNER', 'Initial owner key', actor, now)
      return {
        organization: { id: org.id, name: org.name, createdAt: org.created_at },
        apiKey: key.key,
      }
    })
  }

  async list(): Promise<Organization[]> {
    const rows = await this.ctx.database.db
      .selectFrom('organizations')
      .select(['id', 'name', 'created_at'])
      .orderBy('id')
      .execute()
    return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at }))
  }

  async createApiKey(
    organizationId: number,
    role: OrganizationRole,
    name: string | null,
    actor: Actor,
  ): Promise<IssuedApiKey> {
    const now = new Date(this.ctx.clock())
    return transact(this.ctx, async ({ trx }) => {
      const org = await trx
        .selectFrom('organizations')
        .select('id')
        .where('id', '=', organizationId)
        .executeTakeFirst()
      if (!org) throw notFound(`Organization with ID ${organizationId} not found`)
      return this.#insertKey(trx, organizationId, role, name, actor, now)
    })
  }

  async revokeApiKey(organizationId: number, keyId: string, actor: Actor): Promise<void> {
    const now = new Date(this.ctx.clock())
    await transact(this.ctx, async ({ trx }) => {
      const revoked = await trx
        .updateTable('api_keys')
        .set({ revoked_at: now })
        .where('id', '=', keyId)
        .where('organization_id', '=', organizationId)
        .where('revoked_at', 'is', null)
        .returning(['id', 'role'])
        .executeTakeFirst()
      if (!revoked) {
        throw notFound(`API key with ID ${keyId} not found in organization ${organizationId}`)
      }
      await recordAuditEvent(
        trx,
        { type: 'api_key.revoked', organizationId, actor, data: { keyId, role: revoked.role } },
        now,
      )
    })
  }

  /**
   * The organization and role behind a presented key, or null. Not cached: revocation must take
   * effect at once on every process, and these endpoints are not on a hot path.
   */
  async authenticate(presented: string): Promise<ApiKeyPrincipal | null> {
    if (!isWellFormedSecret('apiKey', presented)) return null
    const row = await this.ctx.database.db
      .selectFrom('api_keys')
      .select(['id', 'organization_id', 'role'])
      .where('key_hash', '=', keyedHash(this.ctx.keys.secretHash, presented))
      .where('revoked_at', 'is', null)
      .executeTakeFirst()
    return row ? { keyId: row.id, organizationId: row.organization_id, role: row.role } : null
  }

  async #insertKey(
    trx: Parameters<Parameters<typeof transact>[1]>[0]['trx'],
    organizationId: number,
    role: OrganizationRole,
    name: string | null,
    actor: Actor,
    now: Date,
  ): Promise<IssuedApiKey> {
    const id = randomUUID()
    const key = generateSecret('apiKey')
    await trx
      .insertInto('api_keys')
      .values({
        id,
        organization_id: organizationId,
        role,
        name,
        key_hash: keyedHash(this.ctx.keys.secretHash, key),
        created_at: now,
      })
      .execute()
    await recordAuditEvent(
      trx,
      { type: 'api_key.created', organizationId, actor, data: { keyId: id, role, name } },
      now,
    )
    return { id, key, role, name, createdAt: now }
  }
}
