import type { Selectable } from 'kysely'
import type { OAuthClientsTable } from '../../db/schema.js'
import { definedColumns } from '../columns.js'
import { toPermissionMask, toPermissionNames, type Permission } from './permissions.js'

export type ClientRow = Selectable<OAuthClientsTable>

/** An OAuth client as the API shows it. The secret is never part of it (shown once, at creation). */
export interface OAuthClientView {
  id: string
  name: string
  permissions: Permission[]
  logo: string | null
  redirectUris: string[]
  organizationId: number
  createdAt: string
  areEmailsEnabled: boolean
  areDefaultEventTypesEnabled: boolean
  areCalendarEventsEnabled: boolean
  bookingRedirectUri?: string
  bookingCancelRedirectUri?: string
  bookingRescheduleRedirectUri?: string
}

export function toClientView(row: ClientRow): OAuthClientView {
  return {
    id: row.id,
    name: row.name,
    permissions: toPermissionNames(row.permissions),
    logo: row.logo,
    redirectUris: row.redirect_uris,
    organizationId: row.organization_id,
    createdAt: row.created_at.toISOString(),
    areEmailsEnabled: row.are_emails_enabled,
    areDefaultEventTypesEnabled: row.are_default_event_types_enabled,
    areCalendarEventsEnabled: row.are_calendar_events_enabled,
    // Cal.com leaves these out when they are null
    ...(row.booking_redirect_uri !== null ? { bookingRedirectUri: row.booking_redirect_uri } : {}),
    ...(row.booking_cancel_redirect_uri !== null
      ? { bookingCancelRedirectUri: row.booking_cancel_redirect_uri }
      : {}),
    ...(row.booking_reschedule_redirect_uri !== null
      ? { bookingRescheduleRedirectUri: row.booking_reschedule_redirect_uri }
      : {}),
  }
}

/** What authenticating a client and authorizing its tokens needs; cached per process. */
export interface ClientAuthRecord {
  readonly id: string
  readonly organizationId: number
  readonly permissions: number
  readonly redirectUris: readonly string[]
  readonly secretHash: Uint8Array
  readonly previousSecretHash: Uint8Array | null
  readonly previousSecretExpiresAt: number | null
  /** Imported with its existing secret: any format is checked against the hash. */
  readonly secretImported: boolean
}

export function toAuthRecord(row: ClientRow): ClientAuthRecord {
  return {
    id: row.id,
    organizationId: row.organization_id,
    permissions: row.permissions,
    redirectUris: row.redirect_uris,
    secretHash: row.secret_hash,
    previousSecretHash: row.previous_secret_hash,
    previousSecretExpiresAt: row.previous_secret_expires_at?.getTime() ?? null,
    secretImported: row.secret_imported,
  }
}

export interface ClientSettings {
  name?: string
  redirectUris?: string[]
  permissions?: (Permission | '*')[]
  logo?: string | null
  bookingRedirectUri?: string | null
  bookingCancelRedirectUri?: string | null
  bookingRescheduleRedirectUri?: string | null
  areEmailsEnabled?: boolean
  areDefaultEventTypesEnabled?: boolean
  areCalendarEventsEnabled?: boolean
}

/**
 * The one mapping from client settings to `oauth_clients` columns: only the settings given (so it
 * serves a PATCH as is), each in its stored form.
 */
export function clientColumns(settings: ClientSettings) {
  return definedColumns({
    name: settings.name,
    redirect_uris: settings.redirectUris,
    permissions:
      settings.permissions === undefined ? undefined : toPermissionMask(settings.permissions),
    logo: settings.logo,
    booking_redirect_uri: settings.bookingRedirectUri,
    booking_cancel_redirect_uri: settings.bookingCancelRedirectUri,
    booking_reschedule_redirect_uri: settings.bookingRescheduleRedirectUri,
    are_emails_enabled: settings.areEmailsEnabled,
    are_default_event_types_enabled: settings.areDefaultEventTypesEnabled,
    are_calendar_events_enabled: settings.areCalendarEventsEnabled,
  })
}

/** What a new client has for the settings its creator leaves out (Cal.com's defaults). */
export const CLIENT_DEFAULTS = {
  logo: null,
  booking_redirect_uri: null,
  booking_cancel_redirect_uri: null,
  booking_reschedule_redirect_uri: null,
  are_emails_enabled: false,
  are_default_event_types_enabled: false,
  are_calendar_events_enabled: true,
} as const
