import type { Kysely } from 'kysely'
import type { DB, OrganizationRole } from '../../db/schema.js'
import { notFound } from '../../errors.js'

export interface ApiKeyView {
  readonly id: string
  readonly role: OrganizationRole
  readonly name: string | null
  readonly createdAt: Date
  readonly revokedAt: Date | null
}

/** The API keys of an organization (never their values: only hashes are stored), oldest first. */
export async function listApiKeys(db: Kysely<DB>, organizationId: number): Promise<ApiKeyView[]> {
  const org = await db
    .selectFrom('organizations')
    .select('id')
    .where('id', '=', organizationId)
    .executeTakeFirst()
  if (!org) throw notFound(`Organization with ID ${organizationId} not found`)
  const rows = await db
    .selectFrom('api_keys')
    .select(['id', 'role', 'name', 'created_at', 'revoked_at'])
    .where('organization_id', '=', organizationId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    role: r.role,
    name: r.name,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
  }))
}

export interface KeyOwner {
  readonly organizationName: string
  readonly keyName: string | null
}

/** The organization's name and the key's own name, for a key that has just authenticated. */
export async function describeApiKey(db: Kysely<DB>, keyId: string): Promise<KeyOwner> {
  const row = await db
    .selectFrom('api_keys as k')
    .innerJoin('organizations as o', 'o.id', 'k.organization_id')
    .select(['o.name as organizationName', 'k.name as keyName'])
    .where('k.id', '=', keyId)
    .executeTakeFirstOrThrow()
  return row
}
