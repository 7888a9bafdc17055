import type { ManagedUser } from '@tessera/sdk'
import type { Rest } from './rest.js'

/** Tessera's own reads the SDK has no method for yet (console additions to the API). */

export interface SecretStatus {
  previousSecretExpiresAt: string | null
}

export const secretStatus = (rest: Rest, clientId: string) =>
  rest.data<SecretStatus>({ path: `/v2/oauth-clients/${encodeURIComponent(clientId)}/secret` })

export interface UserSearchPage {
  users: ManagedUser[]
  total: number
}

/** One page of a client's managed users whose email or name contains `q` (all when empty). */
export const searchUsers = (
  rest: Rest,
  clientId: string,
  query: { q?: string; limit: number; offset: number },
) =>
  rest.data<UserSearchPage>({
    path: `/v2/oauth-clients/${encodeURIComponent(clientId)}/users/search`,
    query,
  })
