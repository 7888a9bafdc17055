import type { FieldProblem } from '../../errors.js'
import { isPlausibleClientId } from '../clients/client-id.js'
import { PERMISSIONS, toPermissionMask, type Permission } from '../clients/permissions.js'
import { isEmailAddress, suffixEmail } from '../users/rules/managed-email.js'
import type { Metadata } from '../users/rules/metadata.js'
import { checkProfileFields } from '../users/rules/profile-fields.js'
import { managedUsername } from '../users/rules/username.js'

/**
 * The import document (docs/migrating-from-calcom.md, "The import file"): Cal.com's own shapes, so
 * that `GET /v2/oauth-clients/{id}` (`data`, which holds the secret on Cal.com) with `users` set
 * to the pages of `GET /v2/oauth-clients/{id}/users` is one entry of `clients`. Fields Tessera has
 * no use for (`organizationId`, …) are ignored.
 */
export interface ImportedClient {
  readonly id: string
  readonly secret: string
  readonly name: string
  readonly redirectUris: string[]
  readonly permissions: number
  readonly logo: string | null
  readonly bookingRedirectUri: string | null
  readonly bookingCancelRedirectUri: string | null
  readonly bookingRescheduleRedirectUri: string | null
  readonly areEmailsEnabled: boolean
  readonly areDefaultEventTypesEnabled: boolean
  readonly areCalendarEventsEnabled: boolean
  readonly createdAt: Date | null
  readonly users: ImportedUser[]
}

/** A managed user with its existing id; fields as stored (email with `+<clientId>`). */
export interface ImportedUser {
  readonly id: number
  readonly email: string
  readonly username: string
  readonly name: string | null
  readonly bio: string | null
  readonly avatarUrl: string | null
  readonly locale: string | null
  readonly timeZone: string
  readonly weekStart: string
  readonly timeFormat: number | null
  readonly defaultScheduleId: number | null
  readonly metadata: Metadata | null
  readonly createdAt: Date | null
}

export interface ImportDocument {
  readonly clients: ImportedClient[]
}

export type DocumentCheck =
  | { readonly ok: true; readonly document: ImportDocument }
  | { readonly ok: false; readonly problems: FieldProblem[] }

const MAX_PROBLEMS = 100
const MAX_INT4 = 2_147_483_647
const MAX_SECRET_LENGTH = 4096
/**
 * A secret shorter than this is too easy to guess to keep (Cal.com's are JWTs of a few hundred
 * characters; Tessera's are 56): such a client is better created anew, with a generated secret.
 */
const MIN_SECRET_LENGTH = 16
const MAX_URI_LENGTH = 2048
const MAX_NAME_LENGTH = 255
const CONTROL = /\p{Cc}/u

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

/**
 * Reads and checks a whole document before anything is written: every field of every record, and
 * that no client id, user id, email or (per organization) username appears twice. Reports up to
 * 100 problems, each naming its place (`clients[0].users[12].email`).
 */
export function checkImportDocument(input: unknown): DocumentCheck {
  const problems: FieldProblem[] = []
  const problem = (property: string, rule: string, message: string) => {
    if (problems.length < MAX_PROBLEMS)
      problems.push({ property, constraints: { [rule]: message } })
  }
  if (!isObject(input) || !Array.isArray(input.clients)) {
    problem('clients', 'isArray', 'clients must be an array of OAuth clients')
    return { ok: false, problems }
  }
  const clients: ImportedClient[] = []
  const seen = { clients: new Set<string>(), ids: new Set<number>(), emails: new Set<string>() }
  const usernames = new Set<string>()
  input.clients.forEach((raw, c) => {
    const at = `clients[${c}]`
    const read = readClient(raw, at, problem)
    if (!read) return
    const { client, indexes } = read
    if (seen.clients.has(client.id))
      problem(`${at}.id`, 'unique', `client ${client.id} appears twice`)
    seen.clients.add(client.id)
    for (const [i, user] of client.users.entries()) {
      const where = `${at}.users[${indexes[i]}]`
      if (seen.ids.has(user.id))
        problem(`${where}.id`, 'unique', `user id ${user.id} appears twice`)
      if (seen.emails.has(user.email.toLowerCase())) {
        problem(`${where}.email`, 'unique', `email ${user.email} appears twice`)
      }
      if (usernames.has(user.username)) {
        problem(`${where}.username`, 'unique', `username ${user.username} appears twice`)
      }
      seen.ids.add(user.id)
      seen.emails.add(user.email.toLowerCase())
      usernames.add(user.username)
    }
    clients.push(client)
  })
  return problems.length > 0 ? { ok: false, problems } : { ok: true, document: { clients } }
}

type Report = (property: string, rule: string, message: string) => void

/** The client and, for each user read, its index in the source (invalid users are left out). */
function readClient(
  raw: unknown,
  at: string,
  problem: Report,
): { client: ImportedClient; indexes: number[] } | null {
  if (!isObject(raw)) {
    problem(at, 'isObject', `${at} must be an object`)
    return null
  }
  const before = { count: 0 }
  const report: Report = (property, rule, message) => {
    before.count++
    problem(`${at}.${property}`, rule, `${at}.${message}`)
  }
  const id = raw.id
  if (typeof id !== 'string' || !isPlausibleClientId(id)) {
    report('id', 'isClientId', 'id must be 1 to 64 letters, digits, "_" or "-"')
  }
  const secret = raw.secret
  if (
    typeof secret !== 'string' ||
    secret.length < MIN_SECRET_LENGTH ||
    secret.length > MAX_SECRET_LENGTH ||
    /\s/u.test(secret) ||
    CONTROL.test(secret)
  ) {
    report(
      'secret',
      'isSecret',
      'secret must be the client secret: 16 to 4096 characters, no spaces',
    )
  }
  const name = text(raw.name, MAX_NAME_LENGTH)
  if (name === undefined || name === '') {
    report('name', 'isString', 'name must be a string of 1 to 255 characters')
  }
  const redirectUris = raw.redirectUris ?? []
  if (
    !Array.isArray(redirectUris) ||
    redirectUris.length > 100 ||
    !redirectUris.every((u) => text(u, MAX_URI_LENGTH) !== undefined)
  ) {
    report('redirectUris', 'isArray', 'redirectUris must be at most 100 strings')
  }
  const permissions = raw.permissions
  const allowed = new Set<string>([...PERMISSIONS, '*'])
  if (!Array.isArray(permissions) || !permissions.every((p) => allowed.has(p as string))) {
    report('permissions', 'isIn', `permissions must list names of ${PERMISSIONS.join(', ')} or *`)
  }
  const optional = {} as Record<
    'logo' | 'bookingRedirectUri' | 'bookingCancelRedirectUri' | 'bookingRescheduleRedirectUri',
    string | null
  >
  for (const key of [
    'logo',
    'bookingRedirectUri',
    'bookingCancelRedirectUri',
    'bookingRescheduleRedirectUri',
  ] as const) {
    const value = raw[key] ?? null
    const checked = value === null ? null : text(value, MAX_URI_LENGTH)
    if (checked === undefined) report(key, 'isString', `${key} must be a string or null`)
    else optional[key] = checked
  }
  const flags = {} as Record<
    'areEmailsEnabled' | 'areDefaultEventTypesEnabled' | 'areCalendarEventsEnabled',
    boolean
  >
  const defaults = {
    areEmailsEnabled: false,
    areDefaultEventTypesEnabled: false,
    areCalendarEventsEnabled: true,
  }
  for (const [key, fallback] of Object.entries(defaults) as [keyof typeof defaults, boolean][]) {
    const value = raw[key] ?? fallback
    if (typeof value !== 'boolean') report(key, 'isBoolean', `${key} must be a boolean`)
    else flags[key] = value
  }
  const createdAt = date(raw.createdAt)
  if (createdAt === undefined) report('createdAt', 'isDate', 'createdAt must be an ISO 8601 date')
  const users = raw.users ?? []
  if (!Array.isArray(users)) report('users', 'isArray', 'users must be an array')
  if (before.count > 0) return null
  const clientId = id as string
  const read: ImportedUser[] = []
  const indexes: number[] = []
  ;(users as unknown[]).forEach((user, u) => {
    const checked = readUser(user, `${at}.users[${u}]`, clientId, problem)
    if (checked) {
      read.push(checked)
      indexes.push(u)
    }
  })
  const client: ImportedClient = {
    id: clientId,
    secret: secret as string,
    name: name!,
    redirectUris: redirectUris as string[],
    permissions: toPermissionMask(permissions as (Permission | '*')[]),
    ...optional,
    ...flags,
    createdAt: createdAt ?? null,
    users: read,
  }
  return { client, indexes }
}

function readUser(
  raw: unknown,
  at: string,
  clientId: string,
  problem: Report,
): ImportedUser | null {
  if (!isObject(raw)) {
    problem(at, 'isObject', `${at} must be an object`)
    return null
  }
  let failed = false
  const report: Report = (property, rule, message) => {
    failed = true
    problem(`${at}.${property}`, rule, `${at}.${message}`)
  }
  const id = raw.id
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 1 || id > MAX_INT4) {
    report('id', 'isInt', `id must be an integer between 1 and ${MAX_INT4}`)
  }
  const email = raw.email
  if (typeof email !== 'string' || !isEmailAddress(email.toLowerCase())) {
    report('email', 'isEmail', 'email must be an email')
  }
  const username = raw.username ?? null
  if (username !== null && text(username, MAX_NAME_LENGTH) === undefined) {
    report('username', 'isString', 'username must be a string of up to 255 characters or null')
  }
  const name = raw.name ?? null
  // the profile rules (Cal.com's messages); null means "not set" for the optional fields
  const profile = checkProfileFields(
    {
      ...(name !== null ? { name } : {}),
      ...(raw.timeFormat !== null ? { timeFormat: raw.timeFormat } : {}),
      weekStart: raw.weekStart ?? undefined,
      timeZone: raw.timeZone,
      locale: raw.locale,
      avatarUrl: raw.avatarUrl,
      bio: raw.bio,
      metadata: raw.metadata,
      defaultScheduleId: raw.defaultScheduleId,
    },
    'update',
  )
  if (!profile.ok) {
    for (const p of profile.problems) {
      const [rule, message] = Object.entries(p.constraints)[0]!
      report(p.property, rule, message)
    }
  }
  const createdAt = date(raw.createdDate)
  if (createdAt === undefined)
    report('createdDate', 'isDate', 'createdDate must be an ISO 8601 date')
  if (failed || !profile.ok) return null
  const value = profile.value
  const stored = suffixEmail(email as string, clientId)
  return {
    id: id as number,
    email: stored,
    username: (username as string | null) ?? managedUsername(stored.toLowerCase()),
    name: value.name ?? null,
    bio: value.bio ?? null,
    avatarUrl: value.avatarUrl ?? null,
    locale: value.locale ?? null,
    timeZone: value.timeZone ?? 'Europe/London',
    weekStart: value.weekStart ?? 'Sunday',
    timeFormat: raw.timeFormat === null ? null : (value.timeFormat ?? 12),
    defaultScheduleId: value.defaultScheduleId ?? null,
    metadata: value.metadata ?? null,
    createdAt: createdAt ?? null,
  }
}

/** A string without NUL of at most `max` characters, or undefined. */
function text(value: unknown, max: number): string | undefined {
  return typeof value === 'string' && value.length <= max && !value.includes('\0')
    ? value
    : undefined
}

/** null/absent → null; an ISO 8601 date → Date; anything else → undefined (a problem). */
function date(value: unknown): Date | null | undefined {
  if (value === undefined || value === null) return null
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(value)) return undefined
  const parsed = new Date(value)
  return Number.isNaN(parsed.getTime()) ? undefined : parsed
}
