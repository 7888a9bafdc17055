import type { Selectable } from 'kysely'
import type { ManagedUsersTable } from '../../db/schema.js'
import { definedColumns } from '../columns.js'
import type { CleanProfile } from './rules/profile-fields.js'
import { managedUsername } from './rules/username.js'

export type UserRow = Selectable<ManagedUsersTable>

/**
 * The one mapping from a checked profile to `managed_users` columns: only the fields it holds
 * (so it serves a PATCH as is), each in its stored form. `storedEmail` is the suffixed address,
 * which also decides the username.
 */
export function profileColumns(profile: CleanProfile, storedEmail: string | undefined) {
  return definedColumns({
    email: storedEmail,
    username: storedEmail === undefined ? undefined : managedUsername(storedEmail),
    name: profile.name,
    bio: profile.bio,
    avatar_url: profile.avatarUrl,
    locale: profile.locale,
    time_zone: profile.timeZone,
    week_start: profile.weekStart,
    time_format: profile.timeFormat,
    default_schedule_id: profile.defaultScheduleId,
    metadata:
      profile.metadata === undefined
        ? undefined
        : profile.metadata === null
          ? null
          : JSON.stringify(profile.metadata),
  })
}

/** A managed user as Cal.com's `ManagedUserOutput` shows it. */
export interface ManagedUserView {
  id: number
  email: string
  username: string | null
  name: string | null
  bio: string | null
  timeZone: string
  weekStart: string
  createdDate: string
  timeFormat: number | null
  defaultScheduleId: number | null
  locale: string | null
  avatarUrl: string | null
  metadata?: Record<string, string | number | boolean>
}

export function toUserView(row: UserRow): ManagedUserView {
  return {
    id: row.id,
    email: row.email,
    username: row.username,
    name: row.name,
    bio: row.bio,
    timeZone: row.time_zone,
    weekStart: row.week_start,
    createdDate: row.created_at.toISOString(),
    timeFormat: row.time_format,
    defaultScheduleId: row.default_schedule_id,
    locale: row.locale,
    avatarUrl: row.avatar_url,
    // Cal.com leaves metadata out when it is null
    ...(row.metadata !== null ? { metadata: row.metadata } : {}),
  }
}

/** `GET /v2/me`: the managed user with its organization. */
export interface MeView {
  id: number
  username: string | null
  email: string
  name: string | null
  avatarUrl: string | null
  bio: string | null
  timeFormat: number | null
  defaultScheduleId: number | null
  weekStart: string
  timeZone: string
  locale: string | null
  organizationId: number
  organization: { id: number; isPlatform: true }
}

export function toMeView(row: UserRow): MeView {
  return {
    id: row.id,
    username: row.username,
    email: row.email,
    name: row.name,
    avatarUrl: row.avatar_url,
    bio: row.bio,
    timeFormat: row.time_format,
    defaultScheduleId: row.default_schedule_id,
    weekStart: row.week_start,
    timeZone: row.time_zone,
    locale: row.locale,
    organizationId: row.organization_id,
    organization: { id: row.organization_id, isPlatform: true },
  }
}
