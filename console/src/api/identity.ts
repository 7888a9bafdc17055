import { OperatorClient, OrganizationClient } from '@tessera/sdk'
import { Rest } from './rest.js'

export type Role = 'OWNER' | 'ADMIN' | 'MEMBER'

/** What `GET /v2/whoami` says about the pasted key. */
export type Whoami =
  | { kind: 'operator' }
  | {
      kind: 'api_key'
      keyId: string
      keyName: string | null
      role: Role
      organizationId: number
      organizationName: string
    }

/** A signed-in console: who the key is, and the clients that call the API with it. */
export interface Identity {
  readonly whoami: Whoami
  readonly rest: Rest
  /** The SDK's operator client (operator key only). */
  readonly operator: OperatorClient | null
  /** The SDK's organization client (API keys only). */
  readonly organization: OrganizationClient | null
  /** OWNER and ADMIN keys change things; MEMBER keys (and nobody else) only read. */
  readonly canWrite: boolean
}

const clientOptions = () => ({ baseUrl: location.origin, timeoutMs: 15_000 })

/** Asks the server who `key` is; rejects with the API's error (401 for an unknown key). */
export async function identify(key: string): Promise<Identity> {
  const rest = new Rest(key)
  const whoami = await rest.data<Whoami>({ path: '/v2/whoami' })
  if (whoami.kind === 'operator') {
    return {
      whoami,
      rest,
      operator: new OperatorClient({ ...clientOptions(), operatorKey: key }),
      organization: null,
      canWrite: true,
    }
  }
  return {
    whoami,
    rest,
    operator: null,
    organization: new OrganizationClient({ ...clientOptions(), apiKey: key }),
    canWrite: whoami.role !== 'MEMBER',
  }
}
