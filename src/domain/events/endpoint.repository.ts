import type { Kysely, Selectable, Transaction, Updateable } from 'kysely'
import type { DB, EndpointKind, EventEndpointsTable } from '../../db/schema.js'

export type EndpointRow = Selectable<EventEndpointsTable>
type Db = Kysely<DB> | Transaction<DB>

/** Who an endpoint belongs to, and so which events it can hear. */
export type EndpointOwner =
  | { readonly scope: 'client'; readonly clientId: string; readonly organizationId: number }
  | { readonly scope: 'organization'; readonly organizationId: number }
  | { readonly scope: 'instance' }

export function ownerColumns(owner: EndpointOwner) {
  return {
    scope: owner.scope,
    organization_id: owner.scope === 'instance' ? null : owner.organizationId,
    client_id: owner.scope === 'client' ? owner.clientId : null,
  }
}

/** The endpoints of one owner and kind, oldest first. */
function ofOwner(db: Db, owner: EndpointOwner, kind: EndpointKind) {
  let query = db
    .selectFrom('event_endpoints')
    .where('kind', '=', kind)
    .where('scope', '=', owner.scope)
  if (owner.scope === 'client') query = query.where('client_id', '=', owner.clientId)
  else if (owner.scope === 'organization') {
    query = query.where('organization_id', '=', owner.organizationId)
  }
  return query
}

export async function insertEndpoint(db: Db, row: EndpointRow): Promise<EndpointRow> {
  return db.insertInto('event_endpoints').values(row).returningAll().executeTakeFirstOrThrow()
}

export async function findEndpoint(db: Db, id: string): Promise<EndpointRow | undefined> {
  return db.selectFrom('event_endpoints').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Reads an endpoint and locks it until the transaction ends (updates read-modify-write). */
export async function lockEndpoint(
  trx: Transaction<DB>,
  id: string,
): Promise<EndpointRow | undefined> {
  return trx
    .selectFrom('event_endpoints')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
}

export async function listEndpoints(
  db: Db,
  owner: EndpointOwner,
  kind: EndpointKind,
  page: { skip: number; take: number },
): Promise<EndpointRow[]> {
  return ofOwner(db, owner, kind)
    .selectAll()
    .orderBy('created_at')
    .orderBy('id')
    .offset(page.skip)
    .limit(page.take)
    .execute()
}

export async function countEndpoints(
  db: Db,
  owner: EndpointOwner,
  kind: EndpointKind,
): Promise<number> {
  const row = await ofOwner(db, owner, kind)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

export async function updateEndpoint(
  db: Db,
  id: string,
  changes: Updateable<EventEndpointsTable>,
): Promise<EndpointRow> {
  return db
    .updateTable('event_endpoints')
    .set(changes)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Deletes endpoints and their deliveries (there is no cascade: see the migration). */
export async function deleteEndpoints(db: Db, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0
  await db.deleteFrom('event_deliveries').where('endpoint_id', 'in', ids).execute()
  const result = await db.deleteFrom('event_endpoints').where('id', 'in', ids).executeTakeFirst()
  return Number(result.numDeletedRows)
}

export async function endpointIdsOf(
  db: Db,
  owner: EndpointOwner,
  kind: EndpointKind,
): Promise<string[]> {
  const rows = await ofOwner(db, owner, kind).select('id').execute()
  return rows.map((r) => r.id)
}

export async function loadEndpoints(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, EndpointRow>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .selectFrom('event_endpoints')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute()
  return new Map(rows.map((row) => [row.id, row]))
}

/**
 * Remembers that endpoints answered successfully, at most once a minute each: the timestamp
 * only has to tell "failed for the whole schedule" from "failed lately".
 */
export async function markSucceeded(db: Db, ids: readonly string[], now: Date): Promise<void> {
  if (ids.length === 0) return
  await db
    .updateTable('event_endpoints')
    .set({ last_success_at: now })
    .where('id', 'in', [...new Set(ids)])
    .where((eb) =>
      eb.or([
        eb('last_success_at', 'is', null),
        eb('last_success_at', '<', new Date(now.getTime() - 60_000)),
      ]),
    )
    .execute()
}
