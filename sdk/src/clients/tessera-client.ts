import { decodeJwt } from 'jose'
import { BadRequestError, SessionRevokedError } from '../errors.js'
import { segment, Transport, type TransportOptions } from '../http/transport.js'
import { auditEvents, auditPage, type AuditListOptions } from '../resources/audit.js'
import { clientSecretAuth, type Credentials } from '../resources/auth.js'
import { ManagedUsers, type CallOptions } from '../resources/managed-users.js'
import { Sessions } from '../resources/sessions.js'
import type { AuditEvent, AuditPage, TokenPair } from '../types.js'

export interface TesseraClientOptions extends TransportOptions {
  readonly clientId: string
  readonly clientSecret: string
  /**
   * How long after its first attempt a refresh may still be retried. Keep it below the server's
   * `TESSERA_REFRESH_REUSE_INTERVAL_SECONDS` (30 s by default): inside that window a repeated
   * refresh returns the identical pair; after it, the repeat is a replay and ends the session.
   * Default 20 000 ms.
   */
  readonly refreshRetryWindowMs?: number
}

export interface RefreshResult {
  readonly tokens: TokenPair
  /**
   * True when the server had already rotated this refresh token moments ago (a retry after a
   * lost answer, or a concurrent refresh elsewhere) and answered with that same pair.
   */
  readonly duplicate: boolean
}

/** The header with which Tessera tells a caller which kind of reuse its refresh hit. */
export const REFRESH_REUSE_HEADER = 'x-tessera-refresh-reuse'

const DEFAULT_REFRESH_RETRY_WINDOW_MS = 20_000

/**
 * What a platform backend does with its OAuth client id and secret: managed users, their
 * sessions, refresh and force-refresh, the client's audit events.
 */
export class TesseraClient {
  readonly clientId: string
  readonly users: ManagedUsers
  readonly sessions: Sessions
  readonly #transport: Transport
  readonly #credentials: Credentials
  readonly #refreshRetryWindowMs: number

  constructor(options: TesseraClientOptions) {
    if (!options.clientId || !options.clientSecret) {
      throw new TypeError('TesseraClient needs clientId and clientSecret')
    }
    this.clientId = options.clientId
    this.#transport = new Transport(options)
    this.#credentials = clientSecretAuth(options.clientSecret)
    this.#refreshRetryWindowMs = options.refreshRetryWindowMs ?? DEFAULT_REFRESH_RETRY_WINDOW_MS
    this.users = new ManagedUsers(this.#transport, this.clientId, this.#credentials)
    this.sessions = new Sessions(this.#transport, this.clientId, this.#credentials)
  }

  get baseUrl(): string {
    return this.#transport.baseUrl
  }

  /**
   * Exchanges a refresh token for a new pair (`POST /v2/oauth/{clientId}/refresh`). Retried with
   * the same token after a lost answer: Tessera answers a repeat inside its reuse window with the
   * identical pair (`duplicate: true`). A refused token throws `SessionRevokedError`.
   */
  async refresh(refreshToken: string, options: CallOptions = {}): Promise<RefreshResult> {
    try {
      const answer = await this.#transport.send<{ data: TokenPair }>({
        method: 'POST',
        path: `/v2/oauth/${segment(this.clientId)}/refresh`,
        json: { refreshToken },
        headers: this.#credentials,
        idempotent: true,
        retryWindowMs: this.#refreshRetryWindowMs,
        signal: options.signal,
      })
      return {
        tokens: answer.body.data,
        duplicate: answer.headers.get(REFRESH_REUSE_HEADER) === 'duplicate',
      }
    } catch (err) {
      if (err instanceof BadRequestError) {
        const replay = err.headers?.get(REFRESH_REUSE_HEADER) === 'replay'
        throw new SessionRevokedError(
          ownerOf(refreshToken),
          replay ? 'replay' : 'refused',
          err.requestId,
        )
      }
      throw err
    }
  }

  /** One page of this client's audit events, newest first. */
  events(options: AuditListOptions = {}): Promise<AuditPage> {
    return auditPage(this.#transport, this.#eventsPath(), this.#credentials, options)
  }

  /** All of this client's audit events, newest first, page after page. */
  allEvents(options: Omit<AuditListOptions, 'cursor'> = {}): AsyncGenerator<AuditEvent> {
    return auditEvents((cursor) => this.events({ ...options, cursor }))
  }

  #eventsPath(): string {
    return `/v2/oauth-clients/${segment(this.clientId)}/events`
  }
}

/** The managed user a refresh token was issued to (read, not verified: only for messages). */
function ownerOf(refreshToken: string): number {
  try {
    const ownerId = decodeJwt(refreshToken).ownerId
    return typeof ownerId === 'number' ? ownerId : 0
  } catch {
    return 0
  }
}
