import { segment, Transport, type TransportOptions } from '../http/transport.js'
import { auditEvents, auditPage, type AuditListOptions } from '../resources/audit.js'
import { bearerAuth, type Credentials } from '../resources/auth.js'
import { ManagedUsers, type CallOptions } from '../resources/managed-users.js'
import { Sessions } from '../resources/sessions.js'
import type {
  AuditEvent,
  AuditPage,
  CreatedOAuthClient,
  CreateOAuthClientInput,
  OAuthClient,
  RotatedSecret,
  UpdateOAuthClientInput,
} from '../types.js'

export interface OrganizationClientOptions extends TransportOptions {
  /** An organization API key (`tsr_ak_…`). OWNER and ADMIN keys may change things; MEMBER keys read. */
  readonly apiKey: string
}

/** An organization's OAuth clients, through an API key. */
export class OAuthClients {
  constructor(
    private readonly transport: Transport,
    private readonly credentials: Credentials,
  ) {}

  #path(clientId?: string, rest = ''): string {
    return clientId === undefined
      ? '/v2/oauth-clients'
      : `/v2/oauth-clients/${segment(clientId)}${rest}`
  }

  /** Creates a client; its secret is in this answer only. Not retried after an unknown outcome. */
  create(input: CreateOAuthClientInput, options: CallOptions = {}): Promise<CreatedOAuthClient> {
    return this.transport.data({
      method: 'POST',
      path: this.#path(),
      json: input,
      headers: this.credentials,
      idempotent: false,
      signal: options.signal,
    })
  }

  list(options: CallOptions = {}): Promise<OAuthClient[]> {
    return this.transport.data({
      method: 'GET',
      path: this.#path(),
      headers: this.credentials,
      idempotent: true,
      signal: options.signal,
    })
  }

  get(clientId: string, options: CallOptions = {}): Promise<OAuthClient> {
    return this.transport.data({
      method: 'GET',
      path: this.#path(clientId),
      headers: this.credentials,
      idempotent: true,
      signal: options.signal,
    })
  }

  update(
    clientId: string,
    input: UpdateOAuthClientInput,
    options: CallOptions = {},
  ): Promise<OAuthClient> {
    return this.transport.data({
      method: 'PATCH',
      path: this.#path(clientId),
      json: input,
      headers: this.credentials,
      idempotent: true,
      signal: options.signal,
    })
  }

  /** Deletes the client, its managed users and their tokens. */
  delete(clientId: string, options: CallOptions = {}): Promise<OAuthClient> {
    return this.transport.data({
      method: 'DELETE',
      path: this.#path(clientId),
      headers: this.credentials,
      idempotent: false,
      signal: options.signal,
    })
  }

  /**
   * A new secret, shown once; the previous one keeps working until `previousSecretExpiresAt`.
   * Never retried after an unknown outcome: a second rotation would retire the secret the lost
   * answer carried and end the grace period of the one in use.
   */
  rotateSecret(clientId: string, options: CallOptions = {}): Promise<RotatedSecret> {
    return this.transport.data({
      method: 'POST',
      path: this.#path(clientId, '/secret'),
      headers: this.credentials,
      idempotent: false,
      signal: options.signal,
    })
  }

  /** Ends the grace period of the previous secret now. */
  async revokePreviousSecret(clientId: string, options: CallOptions = {}): Promise<void> {
    await this.transport.data({
      method: 'DELETE',
      path: this.#path(clientId, '/secret/previous'),
      headers: this.credentials,
      idempotent: true,
      signal: options.signal,
    })
  }
}

/** What an organization does with an API key: OAuth clients, their users and sessions, audit. */
export class OrganizationClient {
  readonly oauthClients: OAuthClients
  readonly #transport: Transport
  readonly #credentials: Credentials

  constructor(options: OrganizationClientOptions) {
    if (!options.apiKey) throw new TypeError('OrganizationClient needs apiKey')
    this.#transport = new Transport(options)
    this.#credentials = bearerAuth(options.apiKey)
    this.oauthClients = new OAuthClients(this.#transport, this.#credentials)
  }

  get baseUrl(): string {
    return this.#transport.baseUrl
  }

  /** Managed users of one of the organization's clients (OWNER or ADMIN key). */
  users(clientId: string): ManagedUsers {
    return new ManagedUsers(this.#transport, clientId, this.#credentials)
  }

  /** Sessions of one client's managed users (OWNER or ADMIN key). */
  sessions(clientId: string): Sessions {
    return new Sessions(this.#transport, clientId, this.#credentials)
  }

  /** One page of a client's audit events, newest first. */
  events(clientId: string, options: AuditListOptions = {}): Promise<AuditPage> {
    return auditPage(
      this.#transport,
      `/v2/oauth-clients/${segment(clientId)}/events`,
      this.#credentials,
      options,
    )
  }

  allEvents(
    clientId: string,
    options: Omit<AuditListOptions, 'cursor'> = {},
  ): AsyncGenerator<AuditEvent> {
    return auditEvents((cursor) => this.events(clientId, { ...options, cursor }))
  }
}
