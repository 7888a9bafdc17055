import type { Context } from '../../context.js'
import { isUniqueViolation } from '../../db/errors.js'
import { conflict, DomainError, notFound, validationFailed } from '../../errors.js'
import { recordAuditEvent, recordAuditEvents, type Actor } from '../audit/record.js'
import { LiveCache } from '../changes/live-cache.js'
import type { Metrics } from '../metrics.js'
import { revokeFamilies } from '../tokens/family.repository.js'
import type { TokenPair } from '../tokens/token-format.js'
import type { TokenIssuer } from '../tokens/token-issuer.js'
import { transact } from '../transact.js'
import { isEmailAddress, suffixEmail } from './rules/managed-email.js'
import { checkProfileFields, type CleanProfile, type ProfileInput } from './rules/profile-fields.js'
import { profileColumns, toUserView, type ManagedUserView, type UserRow } from './user.model.js'

export interface OwningClient {
  readonly id: string
  readonly organizationId: number
}

export interface ListQuery {
  readonly limit: number
  readonly offset: number
  /** Stored (suffixed) addresses to filter by. */
  readonly emails?: readonly string[]
}

/**
 * A unique violation other than the create-time email check (an email or username taken by a
 * PATCH): Cal.com's Prisma filter answers these with code `CONFLICT` and no `details`.
 */
const duplicateRecord = () =>
  new DomainError('record_exists', 'Invalid Input: Trying to create a record that already exists.')

export const notPartOfClient = (userId: number | string) =>
  notFound(`User with ID ${userId} is not part of this OAuth client.`)

/**
 * Managed users of an OAuth client. Creating a user and issuing its first tokens is one
 * transaction; so is deleting a user and everything it owns.
 */
export class ManagedUserService {
  readonly #cache: LiveCache<number, UserRow>

  constructor(
    private readonly ctx: Context,
    private readonly issuer: TokenIssuer,
    private readonly metrics: Metrics,
  ) {
    this.#cache = new LiveCache(ctx.changes, 20_000, (c) =>
      c.kind === 'user' ? [c.id] : undefined,
    )
  }

  /** The user row behind an access token, cached per process (invalidated on change). */
  async findForAccess(userId: number): Promise<UserRow | null> {
    return this.#cache.get(userId, (id) => this.#findRow(id))
  }

  async list(clientId: string, query: ListQuery): Promise<ManagedUserView[]> {
    let q = this.ctx.database.db
      .selectFrom('managed_users')
      .selectAll()
      .where('client_id', '=', clientId)
      .orderBy('id')
      .limit(query.limit)
      .offset(query.offset)
    if (query.emails) q = q.where('email', 'in', [...query.emails])
    return (await q.execute()).map(toUserView)
  }

  async get(clientId: string, userId: number): Promise<ManagedUserView> {
    return toUserView(await this.#owned(clientId, userId))
  }

  async create(
    client: OwningClient,
    input: ProfileInput,
    actor: Actor,
  ): Promise<{ user: ManagedUserView; pair: TokenPair }> {
    const profile = this.#check(input, 'create')
    const email = this.#storedEmail(profile.email!, client.id)
    const now = new Date(this.ctx.clock())
    try {
      const result = await transact(this.ctx, async ({ trx }) => {
        const row = await trx
          .insertInto('managed_users')
          .values({
            client_id: client.id,
            organization_id: client.organizationId,
            // optional fields start empty; time zone, week start and format have column defaults
            name: null,
            bio: null,
            avatar_url: null,
            locale: null,
            metadata: null,
            ...profileColumns(profile, email),
            email, // also in the spread; named so the insert's required column is visible
            // Cal.com's create body has no defaultScheduleId, and Tessera creates no schedules
            default_schedule_id: null,
            created_at: now,
            updated_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow()
        const base = {
          organizationId: client.organizationId,
          actor,
          clientId: client.id,
          userId: row.id,
        }
        const { familyId, pair } = await this.issuer.startFamily(trx, {
          clientId: client.id,
          userId: row.id,
          organizationId: client.organizationId,
          origin: 'user_created',
        })
        await recordAuditEvents(
          trx,
          [
            { ...base, type: 'user.created' },
            { ...base, type: 'token.issued', familyId, data: { origin: 'user_created' } },
          ],
          now,
        )
        return { user: toUserView(row), pair }
      })
      this.metrics.inc('tessera_tokens_issued_total', { origin: 'user_created' })
      return result
    } catch (err) {
      // the address is taken (the unique index decides, so two racing creates cannot both pass)
      if (isUniqueViolation(err, 'managed_users_email_key')) await this.#refuseTakenEmail(email)
      if (isUniqueViolation(err)) throw duplicateRecord()
      throw err
    }
  }

  async update(
    clientId: string,
    userId: number,
    input: ProfileInput,
    actor: Actor,
  ): Promise<UserRow> {
    const profile = this.#check(input, 'update')
    await this.#owned(clientId, userId)
    return this.#write(userId, clientId, profile, actor)
  }

  /** PATCH /v2/me: the same rules as the client's PATCH (Cal.com skipped the suffix here; we do not). */
  async updateSelf(user: UserRow, input: ProfileInput): Promise<UserRow> {
    const profile = this.#check(input, 'update')
    return this.#write(user.id, user.client_id, profile, `user:${user.id}`)
  }

  async delete(clientId: string, userId: number, actor: Actor): Promise<ManagedUserView> {
    const now = new Date(this.ctx.clock())
    return transact(this.ctx, async ({ trx, changed }) => {
      const row = await trx
        .deleteFrom('managed_users')
        .where('id', '=', userId)
        .where('client_id', '=', clientId)
        .returningAll()
        .executeTakeFirst()
      if (!row) throw notPartOfClient(userId)
      await recordAuditEvent(
        trx,
        { type: 'user.deleted', organizationId: row.organization_id, actor, clientId, userId },
        now,
      )
      changed({ kind: 'user', id: userId })
      return toUserView(row)
    })
  }

  /** Revokes every token family of the user under this client and starts a new one. */
  async forceRefresh(clientId: string, userId: number, actor: Actor): Promise<TokenPair> {
    const now = new Date(this.ctx.clock())
    const pair = await transact(this.ctx, async ({ trx, changed }) => {
      const user = await trx
        .selectFrom('managed_users')
        .select(['id', 'organization_id'])
        .where('id', '=', userId)
        .where('client_id', '=', clientId)
        .forUpdate()
        .executeTakeFirst()
      if (!user) throw notPartOfClient(userId)
      const revoked = await revokeFamilies(trx, { clientId, userId }, 'force_refresh', now)
      const { familyId, pair } = await this.issuer.startFamily(trx, {
        clientId,
        userId,
        organizationId: user.organization_id,
        origin: 'force_refresh',
      })
      await recordAuditEvent(
        trx,
        {
          type: 'token.force_refreshed',
          organizationId: user.organization_id,
          actor,
          clientId,
          userId,
          familyId,
          data: { revokedFamilies: revoked.map((f) => f.id) },
        },
        now,
      )
      if (revoked.length > 0) changed({ kind: 'families-revoked', ids: revoked.map((f) => f.id) })
      return pair
    })
    this.metrics.inc('tessera_tokens_issued_total', { origin: 'force_refresh' })
    return pair
  }

  async #write(
    userId: number,
    clientId: string,
    profile: CleanProfile,
    actor: Actor,
  ): Promise<UserRow> {
    const email =
      profile.email !== undefined ? this.#storedEmail(profile.email, clientId) : undefined
    const now = new Date(this.ctx.clock())
    try {
      return await transact(this.ctx, async ({ trx, changed }) => {
        const row = await trx
          .updateTable('managed_users')
          .set({ ...profileColumns(profile, email), updated_at: now })
          .where('id', '=', userId)
          .where('client_id', '=', clientId)
          .returningAll()
          .executeTakeFirst()
        if (!row) throw notPartOfClient(userId)
        await recordAuditEvent(
          trx,
          {
            type: 'user.updated',
            organizationId: row.organization_id,
            actor,
            clientId,
            userId,
            data: { changed: Object.keys(profile).sort() },
          },
          now,
        )
        changed({ kind: 'user', id: userId })
        return row
      })
    } catch (err) {
      if (isUniqueViolation(err)) throw duplicateRecord()
      throw err
    }
  }

  /** The stored address; the tagged form must itself be a valid address (length limits). */
  #storedEmail(email: string, clientId: string): string {
    const stored = suffixEmail(email, clientId)
    if (!isEmailAddress(stored)) {
      throw validationFailed([
        { property: 'email', constraints: { isEmail: 'email must be an email' } },
      ])
    }
    return stored
  }

  #check(input: ProfileInput, mode: 'create' | 'update'): CleanProfile {
    const result = checkProfileFields(input, mode)
    if (!result.ok) throw validationFailed(result.problems)
    return result.value
  }

  async #refuseTakenEmail(email: string): Promise<void> {
    const existing = await this.ctx.database.db
      .selectFrom('managed_users')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirst()
    if (existing) {
      throw conflict(
        `User with the provided e-mail already exists. Existing user ID=${existing.id}`,
      )
    }
  }

  async #owned(clientId: string, userId: number): Promise<UserRow> {
    const row = await this.#findRow(userId)
    if (!row || row.client_id !== clientId) throw notPartOfClient(userId)
    return row
  }

  async #findRow(userId: number): Promise<UserRow | null> {
    const row = await this.ctx.database.db
      .selectFrom('managed_users')
      .selectAll()
      .where('id', '=', userId)
      .executeTakeFirst()
    return row ?? null
  }
}
