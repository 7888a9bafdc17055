import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from '../../db/schema.js'
import type { ClientRow } from '../clients/client.model.js'
import type { UserRow } from '../users/user.model.js'
import type { ImportedClient, ImportedUser } from './import-document.js'

type Db = Kysely<DB> | Transaction<DB>

/** Storage of the import: lookups of what already exists, batched inserts, the id sequence. */
export const importRepository = {
  async organizationExists(db: Db, organizationId: number): Promise<boolean> {
    const row = await db
      .selectFrom('organizations')
      .select('id')
      .where('id', '=', organizationId)
      .executeTakeFirst()
    return row !== undefined
  },

  async findClient(db: Db, clientId: string): Promise<ClientRow | undefined> {
    return db.selectFrom('oauth_clients').selectAll().where('id', '=', clientId).executeTakeFirst()
  },

  /**
   * Existing users that an incoming batch could meet: the same ids, the same emails (compared as
   * the unique index compares them: exactly), or the same usernames in the organization.
   */
  async findUsersMeeting(
    db: Db,
    organizationId: number,
    users: readonly ImportedUser[],
  ): Promise<UserRow[]> {
    if (users.length === 0) return []
    return db
      .selectFrom('managed_users')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb(
            'id',
            'in',
            users.map((u) => u.id),
          ),
          eb(
            'email',
            'in',
            users.map((u) => u.email),
          ),
          eb.and([
            eb('organization_id', '=', organizationId),
            eb(
              'username',
              'in',
              users.map((u) => u.username),
            ),
          ]),
        ]),
      )
      .execute()
  },

  async insertClient(
    trx: Transaction<DB>,
    organizationId: number,
    client: ImportedClient,
    secretHash: Uint8Array,
    now: Date,
  ): Promise<void> {
    await trx
      .insertInto('oauth_clients')
      .values({
        id: client.id,
        organization_id: organizationId,
        name: client.name,
        permissions: client.permissions,
        logo: client.logo,
        redirect_uris: client.redirectUris,
        booking_redirect_uri: client.bookingRedirectUri,
        booking_cancel_redirect_uri: client.bookingCancelRedirectUri,
        booking_reschedule_redirect_uri: client.bookingRescheduleRedirectUri,
        are_emails_enabled: client.areEmailsEnabled,
        are_default_event_types_enabled: client.areDefaultEventTypesEnabled,
        are_calendar_events_enabled: client.areCalendarEventsEnabled,
        secret_hash: secretHash,
        secret_imported: true,
        created_at: client.createdAt ?? now,
        updated_at: now,
      })
      .execute()
  },

  /**
   * One statement for a batch. A row whose id, email or username was taken since the lookup is
   * skipped (ON CONFLICT DO NOTHING) and left out of the returned ids, for the caller to report.
   */
  async insertUsers(
    trx: Transaction<DB>,
    clientId: string,
    organizationId: number,
    users: readonly ImportedUser[],
    now: Date,
  ): Promise<Set<number>> {
    if (users.length === 0) return new Set()
    const rows = await trx
      .insertInto('managed_users')
      .values(
        users.map((u) => ({
          id: u.id,
          client_id: clientId,
          organization_id: organizationId,
          email: u.email,
          username: u.username,
          name: u.name,
          bio: u.bio,
          avatar_url: u.avatarUrl,
          locale: u.locale,
          time_zone: u.timeZone,
          week_start: u.weekStart,
          time_format: u.timeFormat,
          default_schedule_id: u.defaultScheduleId,
          metadata: u.metadata === null ? null : JSON.stringify(u.metadata),
          created_at: u.createdAt ?? now,
          updated_at: now,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .execute()
    return new Set(rows.map((r) => r.id))
  },

  /**
   * Moves the user id sequence past `maxId`, never back: users created from now on (by any
   * process) get ids above every imported one. Not transactional in PostgreSQL, which is what is
   * wanted: it takes effect before the imported rows are inserted, so no concurrent create can
   * draw one of their ids.
   */
  async reserveUserIdsUpTo(db: Db, maxId: number): Promise<void> {
    await sql`
      SELECT setval(
        pg_get_serial_sequence('managed_users', 'id'),
        GREATEST(
          ${maxId}::bigint,
          COALESCE(pg_sequence_last_value(pg_get_serial_sequence('managed_users', 'id')::regclass), 1)
        )
      )
    `.execute(db)
  },
}
