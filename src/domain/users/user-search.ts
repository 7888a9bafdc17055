import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import { toUserView, type ManagedUserView } from './user.model.js'

export interface UserSearch {
  /** Part of the email or the name, any case; empty: every user. */
  readonly q?: string
  readonly limit: number
  readonly offset: number
}

/** `%`, `_` and `\` in what was typed match themselves, not any text. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/**
 * One page of a client's managed users whose email or name contains `q` (oldest first, as the
 * list), and how many match in all: what a console pages through without loading every user.
 */
export async function searchUsers(
  db: Kysely<DB>,
  clientId: string,
  search: UserSearch,
): Promise<{ users: ManagedUserView[]; total: number }> {
  const q = search.q?.trim() ?? ''
  let base = db.selectFrom('managed_users').where('client_id', '=', clientId)
  if (q !== '') {
    const pattern = likePattern(q)
    base = base.where((eb) => eb.or([eb('email', 'ilike', pattern), eb('name', 'ilike', pattern)]))
  }
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('id').limit(search.limit).offset(search.offset).execute(),
    base.select((eb) => eb.fn.countAll<string | number>().as('total')).executeTakeFirstOrThrow(),
  ])
  return { users: rows.map(toUserView), total: Number(count.total) }
}
