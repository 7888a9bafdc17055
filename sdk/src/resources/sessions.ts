import { segment, type Transport } from '../http/transport.js'
import type { Session } from '../types.js'
import type { Credentials } from './auth.js'
import type { CallOptions } from './managed-users.js'

/** Sessions (token families) of the managed users of one OAuth client. */
export class Sessions {
  constructor(
    private readonly transport: Transport,
    readonly clientId: string,
    private readonly credentials: Credentials,
  ) {}

  #path(userId: number, sessionId?: string): string {
    const base = `/v2/oauth-clients/${segment(this.clientId)}/users/${segment(userId)}/sessions`
    return sessionId === undefined ? base : `${base}/${segment(sessionId)}`
  }

  /** The user's sessions, newest first, revoked ones included. */
  list(userId: number, options: CallOptions = {}): Promise<Session[]> {
    return this.transport.data({
      method: 'GET',
      path: this.#path(userId),
      headers: this.credentials,
      idempotent: true,
      signal: options.signal,
    })
  }

  /** Revokes one session; its tokens stop working at once. Resolves with how many were revoked (0 or 1). */
  async revoke(userId: number, sessionId: string, options: CallOptions = {}): Promise<number> {
    const { revoked } = await this.transport.data<{ revoked: number }>({
      method: 'DELETE',
      path: this.#path(userId, sessionId),
      headers: this.credentials,
      idempotent: true,
      signal: options.signal,
    })
    return revoked
  }

  /** Revokes every session of the user (signs it out everywhere). Resolves with how many. */
  async revokeAll(userId: number, options: CallOptions = {}): Promise<number> {
    const { revoked } = await this.transport.data<{ revoked: number }>({
      method: 'DELETE',
      path: this.#path(userId),
      headers: this.credentials,
      idempotent: true,
      signal: options.signal,
    })
    return revoked
  }
}
