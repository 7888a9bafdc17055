import type { FieldProblem } from '../../../errors.js'
import { type Locale, LOCALES, isLocale } from './locales.js'
import { isEmailAddress } from './managed-email.js'
import { type Metadata, validateMetadata } from './metadata.js'
import { normaliseTimeZone } from './time-zone.js'
import { type WeekDay, WEEK_DAYS, isWeekDay } from './week-start.js'

/** A managed-user body as parsed from JSON, before any checking. */
export interface ProfileInput {
  email?: unknown
  name?: unknown
  timeFormat?: unknown
  weekStart?: unknown
  timeZone?: unknown
  locale?: unknown
  avatarUrl?: unknown
  bio?: unknown
  metadata?: unknown
  defaultScheduleId?: unknown
}

/** The fields that were given, checked and normalised. Absent fields stay absent. */
export interface CleanProfile {
  email?: string
  name?: string
  timeFormat?: 12 | 24
  weekStart?: WeekDay
  timeZone?: string
  /** null (update only): clear the stored value. */
  locale?: Locale | null
  avatarUrl?: string | null
  bio?: string | null
  metadata?: Metadata | null
  defaultScheduleId?: number | null
}

/** Optional fields a PATCH may clear with `null` (Cal.com's optional columns accept it). */
type Clearable = 'locale' | 'avatarUrl' | 'bio' | 'metadata'

export type ProfileCheck =
  { ok: true; value: CleanProfile } | { ok: false; problems: FieldProblem[] }

const MAX_NAME_LENGTH = 255
const MAX_BIO_LENGTH = 10_000
const MAX_URL_LENGTH = 2048
const MAX_INT4 = 2_147_483_647
const NUMERIC = /^[0-9]+(?:\.[0-9]+)?$/
const WHITESPACE_OR_CONTROL = /[\s\p{Cc}]/u

type Outcome<T> = { value: T } | { problem: FieldProblem }

function fail(property: string, constraint: string, message: string): { problem: FieldProblem } {
  return { problem: { property, constraints: { [constraint]: message } } }
}

/**
 * Every free-text field starts here. NUL is refused outright: PostgreSQL cannot store it in text or
 * jsonb, so letting it through would turn a bad request into a server error.
 */
function text(property: string, value: unknown): Outcome<string> {
  if (typeof value !== 'string') return fail(property, 'isString', `${property} must be a string`)
  if (value.includes('\0')) {
    return fail(property, 'noNul', `${property} must not contain NUL characters`)
  }
  return { value }
}

function maxLength(property: string, value: unknown, max: number): Outcome<string> {
  const checked = text(property, value)
  if ('problem' in checked || checked.value.length <= max) return checked
  return fail(
    property,
    'maxLength',
    `${property} must be shorter than or equal to ${max} characters`,
  )
}

function checkEmail(value: unknown): Outcome<string> {
  const checked = text('email', value)
  if ('problem' in checked) return checked
  const email = checked.value.trim().toLowerCase()
  return isEmailAddress(email)
    ? { value: email }
    : fail('email', 'isEmail', 'email must be an email')
}

function checkTimeFormat(value: unknown): Outcome<12 | 24> {
  // Numeric strings are cast as Cal.com casts them; hex, exponents and blanks are not numbers here.
  const n = typeof value === 'string' && NUMERIC.test(value.trim()) ? Number(value) : value
  if (n === 12 || n === 24) return { value: n }
  return fail('timeFormat', 'isIn', 'timeFormat must be a number either 12 or 24')
}

function checkWeekStart(value: unknown): Outcome<WeekDay> {
  if (isWeekDay(value)) return { value }
  const message = `weekStart must be one of the following values: ${WEEK_DAYS.join(', ')}`
  return fail('weekStart', 'isIn', message)
}

/** Stores the caller's zone re-cased, never renamed: see `normaliseTimeZone`. */
function checkTimeZone(value: unknown): Outcome<string> {
  const checked = text('timeZone', value)
  if ('problem' in checked) return checked
  const zone = normaliseTimeZone(checked.value)
  if (zone !== null) return { value: zone }
  return fail('timeZone', 'isTimeZone', 'timeZone must be a valid IANA time-zone')
}

function checkLocale(value: unknown): Outcome<Locale> {
  if (isLocale(value)) return { value }
  const message = `locale must be one of the following values: ${LOCALES.join(', ')}`
  return fail('locale', 'isIn', message)
}

function isHttpUrl(value: string): boolean {
  // URL() silently strips surrounding whitespace and inner tabs/newlines; refuse them instead, so
  // what is stored is exactly what was checked.
  if (value.length > MAX_URL_LENGTH || WHITESPACE_OR_CONTROL.test(value)) return false
  // A host must follow `//` directly: URL() would read `https:///a.png` as the host `a.png`.
  if (!/^https?:\/\/[^/\\?#]/i.test(value)) return false
  try {
    return new URL(value).hostname !== ''
  } catch {
    return false
  }
}

function checkAvatarUrl(value: unknown): Outcome<string> {
  const checked = text('avatarUrl', value)
  if ('problem' in checked || isHttpUrl(checked.value)) return checked
  return fail('avatarUrl', 'isUrl', 'avatarUrl must be a URL address')
}

function hasNul(metadata: Metadata): boolean {
  return Object.entries(metadata).some(
    ([key, item]) => key.includes('\0') || (typeof item === 'string' && item.includes('\0')),
  )
}

function checkMetadata(value: unknown): Outcome<Metadata> {
  const message = validateMetadata(value)
  if (message !== null) return fail('metadata', 'validateMetadata', message)
  const metadata = value as Metadata
  if (hasNul(metadata)) return fail('metadata', 'noNul', 'metadata must not contain NUL characters')
  return { value: metadata }
}

function checkDefaultScheduleId(value: unknown): Outcome<number | null> {
  if (value === null) return { value } // clears the default schedule
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_INT4) {
    return { value }
  }
  const message = `defaultScheduleId must be an integer number between 1 and ${MAX_INT4}`
  return fail('defaultScheduleId', 'isInt', message)
}

/**
 * Checks a create or update body field by field and reports every failure, not just the first, in
 * a fixed field order. `undefined` always means "not given"; on create, `email` and `name` must be
 * given. `timeZone: null` counts as not given, as in Cal.com; on update `null` clears `locale`,
 * `avatarUrl`, `bio` and `metadata`. `weekStart` is checked on create too,
 * where Cal.com only checked it was a string: an unknown day there would be stored and echoed back.
 */
export function checkProfileFields(input: ProfileInput, mode: 'create' | 'update'): ProfileCheck {
  const problems: FieldProblem[] = []
  const value: CleanProfile = {}
  const required = mode === 'create'

  function take<K extends keyof CleanProfile>(key: K, outcome: Outcome<CleanProfile[K]>): void {
    if ('problem' in outcome) problems.push(outcome.problem)
    else value[key] = outcome.value
  }
  const clearing = (key: Clearable) => mode === 'update' && input[key] === null

  if (input.email !== undefined || required) take('email', checkEmail(input.email))
  if (input.name !== undefined || required) {
    take('name', maxLength('name', input.name, MAX_NAME_LENGTH))
  }
  if (input.timeFormat !== undefined) take('timeFormat', checkTimeFormat(input.timeFormat))
  if (input.weekStart !== undefined) take('weekStart', checkWeekStart(input.weekStart))
  if (input.timeZone !== undefined && input.timeZone !== null) {
    take('timeZone', checkTimeZone(input.timeZone))
  }
  if (clearing('locale')) value.locale = null
  else if (input.locale !== undefined) take('locale', checkLocale(input.locale))
  if (clearing('avatarUrl')) value.avatarUrl = null
  else if (input.avatarUrl !== undefined) take('avatarUrl', checkAvatarUrl(input.avatarUrl))
  if (clearing('bio')) value.bio = null
  else if (input.bio !== undefined) take('bio', maxLength('bio', input.bio, MAX_BIO_LENGTH))
  if (clearing('metadata')) value.metadata = null
  else if (input.metadata !== undefined) take('metadata', checkMetadata(input.metadata))
  if (input.defaultScheduleId !== undefined) {
    take('defaultScheduleId', checkDefaultScheduleId(input.defaultScheduleId))
  }

  return problems.length > 0 ? { ok: false, problems } : { ok: true, value }
}
