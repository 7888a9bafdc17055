import { segment, type Transport } from '../http/transport.js'
import type {
  CreatedManagedUser,
  CreateManagedUserInput,
  ManagedUser,
  TokenPair,
  UpdateManagedUserInput,
} from '../types.js'
import type { Credentials } from './auth.js'

export interface CallOptions {
  readonly signal?: AbortSignal
}

export interface ListManagedUsersOptions extends CallOptions {
  /** 1–250, default 50. */
  readonly limit?: number
  readonly offset?: number
  /** Only these addresses: as the platform knows them or as stored (`local+clientId@domain`). */
  readonly emails?: readonly string[]
}

const PAGE_SIZE = 250

/** The managed users of one OAuth client. */
export class ManagedUsers {
  constructor(
    private readonly transport: Transport,
    readonly clientId: string,
    private readonly credentials: Credentials,
  ) {}

  #path(userId?: number, rest = ''): string {
    const base = `/v2/oauth-clients/${segment(this.clientId)}/users`
    return userId === undefined ? base : `${base}/${segment(userId)}${rest}`
  }

  /**
   * Creates a managed user and its first token pair, in one transaction. Not retried after an
   * unknown outcome: a second copy would conflict with the first (409).
   */
  create(input: CreateManagedUserInput, options: CallOptions = {}): Promise<CreatedManagedUser> {
    return this.transport.data({
      method: 'POST',
      path: this.#path(),
      json: input,
      headers: this.credentials,
      idempotent: false,
      signal: options.signal,
    })
  }

  /** One page, oldest first. */
  list(options: ListManagedUsersOptions = {}): Promise<ManagedUser[]> {
    return this.transport.data({
      method: 'GET',
      path: this.#path(),
      query: {
        limit: options.limit,
        offset: options.offset,
        emails: options.emails?.join(','),
      },
      headers: this.credentials,
      idempotent: true,
      signal: options.signal,
    })
  }

  /** Every managed user, page after page, oldest first. */
  async *all(options: Omit<ListManagedUsersOptions, 'limit' | 'offset'> = {}) {
    for (let offset = 0; ; offset += PAGE_SIZE) {
      const page = await this.list({ ...options, limit: PAGE_SIZE, offset })
      yield* page
      if (page.length < PAGE_SIZE) return
    }
  }

  /**
   * The user with this address (as the platform knows it, or as stored), or null. Cal.com's
   * starter kit does this by hand after "already exists".
   */
  async findByEmail(email: string, options: CallOptions = {}): Promise<ManagedUser | null> {
    const [user] = await this.list({ emails: [email], limit: 1, signal: options.signal })
    return user ?? null
  }

  get(userId: number, options: CallOptions = {}): Promise<ManagedUser> {
    return this.transport.data({
      method: 'GET',
      path: this.#path(userId),
      headers: this.credentials,
      idempotent: true,
      signal: options.signal,
    })
  }

  /** Sets the given fields; sending the same change twice leaves the same user, so it is retried. */
  update(
    userId: number,
    input: UpdateManagedUserInput,
    options: CallOptions = {},
  ): Promise<ManagedUser> {
    return this.transport.data({
      method: 'PATCH',
      path: this.#path(userId),
      json: input,
      headers: this.credentials,
      idempotent: true,
      signal: options.signal,
    })
  }

  /** Deletes the user and revokes its tokens; resolves with the user as it was. */
  delete(userId: number, options: CallOptions = {}): Promise<ManagedUser> {
    return this.transport.data({
      method: 'DELETE',
      path: this.#path(userId),
      headers: this.credentials,
      idempotent: false,
      signal: options.signal,
    })
  }

  /**
   * Revokes every session of the user under this client and issues a new pair. Retried after an
   * unknown outcome: a repeat revokes the pair the lost answer carried and issues another, so the
   * caller still ends with the only valid pair.
   */
  forceRefresh(userId: number, options: CallOptions = {}): Promise<TokenPair> {
    return this.transport.data({
      method: 'POST',
      path: this.#path(userId, '/force-refresh'),
      headers: this.credentials,
      idempotent: true,
      signal: options.signal,
    })
  }
}
