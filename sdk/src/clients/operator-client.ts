import { segment, Transport, type TransportOptions } from '../http/transport.js'
import { auditEvents, auditPage, type AuditListOptions } from '../resources/audit.js'
import { bearerAuth, type Credentials } from '../resources/auth.js'
import type { CallOptions } from '../resources/managed-users.js'
import type {
  AuditEvent,
  AuditPage,
  AuditVerification,
  CreateApiKeyInput,
  CreatedApiKey,
  CreatedOrganization,
  ImportDocument,
  ImportReport,
  Organization,
  SigningKeyRotation,
} from '../types.js'

export interface OperatorClientOptions extends TransportOptions {
  /** The instance operator's key (`TESSERA_ADMIN_KEY`, or the one printed at first start). */
  readonly operatorKey: string
}

export interface OperatorAuditOptions extends AuditListOptions {
  /** Only this organization's events; 0 for instance events. */
  readonly organizationId?: number
  readonly clientId?: string
}

/** The instance operator's API (`/v2/admin/*`): organizations, API keys, signing keys, audit. */
export class OperatorClient {
  readonly #transport: Transport
  readonly #credentials: Credentials

  constructor(options: OperatorClientOptions) {
    if (!options.operatorKey) throw new TypeError('OperatorClient needs operatorKey')
    this.#transport = new Transport(options)
    this.#credentials = bearerAuth(options.operatorKey)
  }

  get baseUrl(): string {
    return this.#transport.baseUrl
  }

  readonly organizations = {
    /** A new organization and its first OWNER API key (shown only in this answer). */
    create: (name: string, options: CallOptions = {}): Promise<CreatedOrganization> =>
      this.#transport.data({
        method: 'POST',
        path: '/v2/admin/organizations',
        json: { name },
        headers: this.#credentials,
        idempotent: false,
        signal: options.signal,
      }),
    list: (options: CallOptions = {}): Promise<Organization[]> =>
      this.#transport.data({
        method: 'GET',
        path: '/v2/admin/organizations',
        headers: this.#credentials,
        idempotent: true,
        signal: options.signal,
      }),
    /**
     * Imports OAuth clients and managed users keeping their ids and secrets. Idempotent (an
     * identical record is skipped), so it is retried like a read. Bodies up to 1 MiB: send a large
     * organization in parts, as `tessera import` does.
     */
    import: (
      organizationId: number,
      document: ImportDocument,
      options: CallOptions & { dryRun?: boolean } = {},
    ): Promise<ImportReport> =>
      this.#transport.data({
        method: 'POST',
        path: `/v2/admin/organizations/${segment(organizationId)}/import`,
        query: { dryRun: options.dryRun ? 'true' : undefined },
        json: document,
        headers: this.#credentials,
        idempotent: true,
        signal: options.signal,
      }),
  }

  readonly apiKeys = {
    /** A new API key of the organization; `key` is shown only in this answer. */
    create: (
      organizationId: number,
      input: CreateApiKeyInput,
      options: CallOptions = {},
    ): Promise<CreatedApiKey> =>
      this.#transport.data({
        method: 'POST',
        path: `/v2/admin/organizations/${segment(organizationId)}/api-keys`,
        json: input,
        headers: this.#credentials,
        idempotent: false,
        signal: options.signal,
      }),
    /** Revokes an API key; it stops working at once. */
    revoke: async (
      organizationId: number,
      keyId: string,
      options: CallOptions = {},
    ): Promise<void> => {
      await this.#transport.data({
        method: 'DELETE',
        path: `/v2/admin/organizations/${segment(organizationId)}/api-keys/${segment(keyId)}`,
        headers: this.#credentials,
        idempotent: false,
        signal: options.signal,
      })
    },
  }

  readonly signingKeys = {
    /** A new key signs from now on; the previous one keeps verifying its tokens until they expire. */
    rotate: (options: CallOptions = {}): Promise<SigningKeyRotation> =>
      this.#transport.data({
        method: 'POST',
        path: '/v2/admin/signing-keys/rotate',
        headers: this.#credentials,
        idempotent: false,
        signal: options.signal,
      }),
  }

  readonly audit = {
    /** One page of all security events, newest first. */
    list: (options: OperatorAuditOptions = {}): Promise<AuditPage> =>
      auditPage(this.#transport, '/v2/admin/audit', this.#credentials, options, {
        organizationId: options.organizationId,
        clientId: options.clientId,
      }),
    /** Every event matching the filters, page after page. */
    all: (options: Omit<OperatorAuditOptions, 'cursor'> = {}): AsyncGenerator<AuditEvent> =>
      auditEvents((cursor) => this.audit.list({ ...options, cursor })),
    /** Checks the hash chains; `problem` names the first altered or missing row. */
    verify: (options: CallOptions & { organizationId?: number } = {}): Promise<AuditVerification> =>
      this.#transport.data({
        method: 'POST',
        path: '/v2/admin/audit/verify',
        query: { organizationId: options.organizationId },
        headers: this.#credentials,
        idempotent: true,
        signal: options.signal,
      }),
  }
}
