import type { ColumnType, Generated } from 'kysely'

/** Row types of every table, as Kysely sees them. One migration set serves PGlite and PostgreSQL. */
export interface DB {
  instance_settings: InstanceSettingsTable
  organizations: OrganizationsTable
  api_keys: ApiKeysTable
  oauth_clients: OAuthClientsTable
  managed_users: ManagedUsersTable
  token_families: TokenFamiliesTable
  signing_keys: SigningKeysTable
  audit_events: AuditEventsTable
  audit_chain: AuditChainTable
  audit_anchors: AuditAnchorsTable
  event_endpoints: EventEndpointsTable
  event_deliveries: EventDeliveriesTable
}

type CreatedAt = ColumnType<Date, Date | undefined, never>
type UpdatedAt = ColumnType<Date, Date | undefined, Date>
/** bytea: node-postgres returns Buffer, PGlite Uint8Array; both are Uint8Array. */
type Bytes = Uint8Array

export interface InstanceSettingsTable {
  key: string
  value: string
  updated_at: UpdatedAt
}

export interface OrganizationsTable {
  id: Generated<number>
  name: string
  created_at: CreatedAt
}

export type OrganizationRole = 'OWNER' | 'ADMIN' | 'MEMBER'

export interface ApiKeysTable {
  id: string
  organization_id: number
  role: OrganizationRole
  name: string | null
  key_hash: Bytes
  created_at: CreatedAt
  revoked_at: Date | null
}

export interface OAuthClientsTable {
  id: string
  organization_id: number
  name: string
  permissions: number
  logo: string | null
  redirect_uris: string[]
  booking_redirect_uri: string | null
  booking_cancel_redirect_uri: string | null
  booking_reschedule_redirect_uri: string | null
  are_emails_enabled: boolean
  are_default_event_types_enabled: boolean
  are_calendar_events_enabled: boolean
  secret_hash: Bytes
  previous_secret_hash: Bytes | null
  previous_secret_expires_at: Date | null
  /** Its secret came from an import (any format); see migrations/0006-import.ts. */
  secret_imported: ColumnType<boolean, boolean | undefined, boolean>
  created_at: CreatedAt
  updated_at: UpdatedAt
}

export interface ManagedUsersTable {
  id: Generated<number>
  client_id: string
  organization_id: number
  email: string
  username: string | null
  name: string | null
  bio: string | null
  avatar_url: string | null
  locale: string | null
  time_zone: Generated<string>
  week_start: Generated<string>
  time_format: Generated<number | null>
  default_schedule_id: number | null
  metadata: ColumnType<
    Record<string, string | number | boolean> | null,
    string | null,
    string | null
  >
  created_at: CreatedAt
  updated_at: UpdatedAt
}

export type FamilyOrigin = 'user_created' | 'force_refresh'

export interface TokenFamiliesTable {
  id: string
  client_id: string
  user_id: number
  organization_id: number
  origin: FamilyOrigin
  generation: number
  created_at: Date
  rotated_at: Date
  /** When the last rotation committed (null before migration 0007 and for generation 0). */
  rotation_committed_at: Date | null
  access_expires_at: Date
  refresh_expires_at: Date
  access_kid: string
  access_sig: Bytes | null
  revoked_at: Date | null
  revoked_reason: string | null
}

export interface SigningKeysTable {
  kid: string
  alg: string
  public_jwk: ColumnType<Record<string, unknown> | null, string | null, never>
  private_key: Bytes
  created_at: CreatedAt
  retired_at: Date | null
  verify_until: Date | null
}

export interface AuditEventsTable {
  id: Generated<number>
  organization_id: number | null
  occurred_at: Date
  type: string
  actor: string
  client_id: string | null
  user_id: number | null
  family_id: string | null
  data: ColumnType<Record<string, unknown>, string, never>
}

export interface AuditChainTable {
  chain_id: number
  seq: number
  event_id: number
  prev_hash: Bytes
  hash: Bytes
  sealed_at: CreatedAt
}

export interface AuditAnchorsTable {
  chain_id: number
  seq: number
  hash: Bytes
  updated_at: UpdatedAt
}

export type EndpointKind = 'webhook' | 'ssf_stream'
export type EndpointScope = 'client' | 'organization' | 'instance'
export type EndpointStatus = 'enabled' | 'paused' | 'disabled'

export interface EventEndpointsTable {
  id: string
  kind: EndpointKind
  scope: EndpointScope
  organization_id: number | null
  client_id: string | null
  url: string
  status: EndpointStatus
  status_reason: string | null
  event_types: string[]
  payload_template: string | null
  description: string | null
  events_requested: string[] | null
  secret: Bytes | null
  previous_secret: Bytes | null
  previous_secret_expires_at: Date | null
  last_success_at: Date | null
  last_verification_at: Date | null
  created_at: Date
  updated_at: Date
}

export type DeliveryKind = 'event' | 'ping' | 'verification' | 'stream_updated'
export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'discarded'

export interface EventDeliveriesTable {
  id: Generated<string>
  endpoint_id: string
  kind: Generated<DeliveryKind>
  event_id: number | null
  payload: ColumnType<Record<string, unknown> | null, string | null, string | null>
  status: Generated<DeliveryStatus>
  attempts: Generated<number>
  round_attempts: Generated<number>
  max_attempts: number | null
  created_at: Date
  next_attempt_at: Date | null
  lease_owner: string | null
  lease_until: Date | null
  finished_at: Date | null
  outcome: string | null
  attempt_log: ColumnType<AttemptLogEntry[], string | undefined, string>
}

/** One delivery attempt as the delivery log shows it. */
export interface AttemptLogEntry {
  attempt: number
  at: string
  succeeded: boolean
  latencyMs: number
  responseCode: number | null
  /** The first 1 KiB of the response body. */
  responseBody: string | null
  error: string | null
}
