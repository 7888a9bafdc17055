import type { Context } from '../../context.js'
import { digestsEqual, keyedHash } from '../../crypto/keyed-hash.js'
import { isUniqueViolation } from '../../db/errors.js'
import { notFound, validationFailed } from '../../errors.js'
import { recordAuditEvent, recordAuditEvents, type Actor } from '../audit/record.js'
import type { ClientRow } from '../clients/client.model.js'
import { toPermissionNames } from '../clients/permissions.js'
import { transact } from '../transact.js'
import type { UserRow } from '../users/user.model.js'
import { checkImportDocument, type ImportedClient, type ImportedUser } from './import-document.js'
import { importRepository as repo } from './import.repository.js'

/** A record left alone, and why. */
export interface ImportConflict {
  readonly record: 'client' | 'user'
  /** The client id, or the user id. */
  readonly id: string | number
  readonly clientId: string
  readonly reason: string
}

export interface ImportCounts {
  /** Created by this run (in a dry run: would be created). */
  created: number
  /** Already there, identical: skipped. */
  unchanged: number
  /** Already there and different, or in the way of another record: reported, left alone. */
  conflicts: number
}

export interface ImportReport {
  readonly dryRun: boolean
  readonly clients: ImportCounts
  readonly users: ImportCounts
  readonly conflicts: ImportConflict[]
}

export interface ImportOptions {
  readonly dryRun: boolean
  readonly actor: Actor
}

/** Users per statement and per transaction: big enough to be fast, small enough to stay light. */
const BATCH = 1000

/**
 * Imports a Cal.com Platform organization's OAuth clients and managed users with their existing
 * ids and secrets (docs/migrating-from-calcom.md). Idempotent: an identical record is skipped, a
 * different one is reported and left alone, so a run may be repeated after any failure. Each
 * batch of users is one transaction with one audit event per record; a dry run writes nothing.
 */
export class ImportService {
  constructor(private readonly ctx: Context) {}

  async run(organizationId: number, input: unknown, options: ImportOptions): Promise<ImportReport> {
    const checked = checkImportDocument(input)
    if (!checked.ok) throw validationFailed(checked.problems)
    const db = this.ctx.database.db
    if (!(await repo.organizationExists(db, organizationId))) {
      throw notFound(`Organization with ID ${organizationId} not found`)
    }
    const report: ImportReport = {
      dryRun: options.dryRun,
      clients: { created: 0, unchanged: 0, conflicts: 0 },
      users: { created: 0, unchanged: 0, conflicts: 0 },
      conflicts: [],
    }
    const { clients } = checked.document
    let maxUserId = 0
    for (const client of clients)
      for (const user of client.users) maxUserId = Math.max(maxUserId, user.id)
    if (!options.dryRun && maxUserId > 0) await repo.reserveUserIdsUpTo(db, maxUserId)
    for (const client of clients) {
      const clientConflict = await this.#importClient(organizationId, client, options, report)
      if (clientConflict !== null) {
        for (const user of client.users) {
          this.#conflict(report, 'user', user.id, client.id, `its client was not imported`)
        }
        continue
      }
      for (let i = 0; i < client.users.length; i += BATCH) {
        const batch = client.users.slice(i, i + BATCH)
        await this.#importUsers(organizationId, client.id, batch, options, report)
      }
    }
    return report
  }

  /** null when the client is there (created now or identical), else the conflict's reason. */
  async #importClient(
    organizationId: number,
    client: ImportedClient,
    options: ImportOptions,
    report: ImportReport,
  ): Promise<string | null> {
    const secretHash = keyedHash(this.ctx.keys.secretHash, client.secret)
    const existing = await repo.findClient(this.ctx.database.db, client.id)
    if (existing) {
      const reason = clientDifference(existing, client, organizationId, secretHash)
      if (reason === null) {
        report.clients.unchanged++
        return null
      }
      this.#conflict(report, 'client', client.id, client.id, reason)
      return reason
    }
    if (!options.dryRun) {
      const now = new Date(this.ctx.clock())
      try {
        await transact(this.ctx, async ({ trx, changed }) => {
          await repo.insertClient(trx, organizationId, client, secretHash, now)
          await recordAuditEvent(
            trx,
            {
              type: 'client.imported',
              organizationId,
              actor: options.actor,
              clientId: client.id,
              data: {
                name: client.name,
                permissions: toPermissionNames(client.permissions),
                redirectUris: client.redirectUris,
              },
            },
            now,
          )
          // a process may have cached "no such client" for this id
          changed({ kind: 'client', id: client.id })
        })
      } catch (err) {
        if (!isUniqueViolation(err)) throw err
        const reason = 'a client with this id was created meanwhile'
        this.#conflict(report, 'client', client.id, client.id, reason)
        return reason
      }
    }
    report.clients.created++
    return null
  }

  async #importUsers(
    organizationId: number,
    clientId: string,
    batch: readonly ImportedUser[],
    options: ImportOptions,
    report: ImportReport,
  ): Promise<void> {
    const existing = await repo.findUsersMeeting(this.ctx.database.db, organizationId, batch)
    const byId = new Map(existing.map((u) => [u.id, u]))
    const byEmail = new Map(existing.map((u) => [u.email, u]))
    const byUsername = new Map(
      existing.filter((u) => u.organization_id === organizationId).map((u) => [u.username, u]),
    )
    const fresh: ImportedUser[] = []
    for (const user of batch) {
      const same = byId.get(user.id)
      const reason = same
        ? userDifference(same, user, clientId, organizationId)
        : byEmail.has(user.email)
          ? `email ${user.email} belongs to user ${byEmail.get(user.email)!.id}`
          : byUsername.has(user.username)
            ? `username ${user.username} belongs to user ${byUsername.get(user.username)!.id}`
            : undefined
      if (reason === undefined) fresh.push(user)
      else if (reason === null) report.users.unchanged++
      else this.#conflict(report, 'user', user.id, clientId, reason)
    }
    if (options.dryRun || fresh.length === 0) {
      report.users.created += fresh.length
      return
    }
    const now = new Date(this.ctx.clock())
    const inserted = await transact(this.ctx, async ({ trx }) => {
      const ids = await repo.insertUsers(trx, clientId, organizationId, fresh, now)
      const events = fresh
        .filter((u) => ids.has(u.id))
        .map((u) => ({
          type: 'user.imported' as const,
          organizationId,
          actor: options.actor,
          clientId,
          userId: u.id,
        }))
      if (events.length > 0) await recordAuditEvents(trx, events, now)
      return ids
    })
    for (const user of fresh) {
      if (inserted.has(user.id)) report.users.created++
      else {
        const reason = 'its id, email or username was taken meanwhile'
        this.#conflict(report, 'user', user.id, clientId, reason)
      }
    }
  }

  #conflict(
    report: ImportReport,
    record: 'client' | 'user',
    id: string | number,
    clientId: string,
    reason: string,
  ): void {
    report[record === 'client' ? 'clients' : 'users'].conflicts++
    report.conflicts.push({ record, id, clientId, reason })
  }
}

/** null when the stored client is the imported one; else what differs (never the values). */
function clientDifference(
  row: ClientRow,
  client: ImportedClient,
  organizationId: number,
  secretHash: Uint8Array,
): string | null {
  if (row.organization_id !== organizationId) return 'the id belongs to another organization'
  const differs = [
    ['name', row.name === client.name],
    ['secret', digestsEqual(row.secret_hash, secretHash)],
    ['permissions', row.permissions === client.permissions],
    ['redirectUris', sameList(row.redirect_uris, client.redirectUris)],
    ['logo', row.logo === client.logo],
    ['bookingRedirectUri', row.booking_redirect_uri === client.bookingRedirectUri],
    [
      'bookingCancelRedirectUri',
      row.booking_cancel_redirect_uri === client.bookingCancelRedirectUri,
    ],
    [
      'bookingRescheduleRedirectUri',
      row.booking_reschedule_redirect_uri === client.bookingRescheduleRedirectUri,
    ],
    ['areEmailsEnabled', row.are_emails_enabled === client.areEmailsEnabled],
    [
      'areDefaultEventTypesEnabled',
      row.are_default_event_types_enabled === client.areDefaultEventTypesEnabled,
    ],
    [
      'areCalendarEventsEnabled',
      row.are_calendar_events_enabled === client.areCalendarEventsEnabled,
    ],
  ]
    .filter(([, same]) => !same)
    .map(([field]) => field)
  return differs.length === 0 ? null : `exists with a different ${differs.join(', ')}`
}

/** null when the stored user is the imported one; else what differs (never the values). */
function userDifference(
  row: UserRow,
  user: ImportedUser,
  clientId: string,
  organizationId: number,
): string | null {
  if (row.organization_id !== organizationId) return 'the id belongs to another organization'
  if (row.client_id !== clientId) return `the id belongs to a user of client ${row.client_id}`
  const differs = [
    ['email', row.email === user.email],
    ['username', row.username === user.username],
    ['name', row.name === user.name],
    ['bio', row.bio === user.bio],
    ['avatarUrl', row.avatar_url === user.avatarUrl],
    ['locale', row.locale === user.locale],
    ['timeZone', row.time_zone === user.timeZone],
    ['weekStart', row.week_start === user.weekStart],
    ['timeFormat', row.time_format === user.timeFormat],
    ['defaultScheduleId', row.default_schedule_id === user.defaultScheduleId],
    ['metadata', sameMetadata(row.metadata, user.metadata)],
  ]
    .filter(([, same]) => !same)
    .map(([field]) => field)
  return differs.length === 0 ? null : `exists with a different ${differs.join(', ')}`
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i])
}

function sameMetadata(
  a: Readonly<Record<string, unknown>> | null,
  b: Readonly<Record<string, unknown>> | null,
): boolean {
  if (a === null || b === null) return a === b
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((k) => k in b && a[k] === b[k])
}
