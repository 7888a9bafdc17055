import type { TestApp } from '../../helpers/test-app.js'

/** Every managed-user row and token family of a client, to prove a refused request wrote nothing. */
export async function storedState(t: TestApp, clientId: string) {
  const { db } = t.tessera.ctx.database
  const users = await db
    .selectFrom('managed_users')
    .selectAll()
    .where('client_id', '=', clientId)
    .orderBy('id')
    .execute()
  const families = await db
    .selectFrom('token_families')
    .selectAll()
    .where('client_id', '=', clientId)
    .orderBy('id')
    .execute()
  return { users, families }
}

/** `depth` nested JSON arrays: `[[…]]`. */
export function nestedArrays(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth)
}
