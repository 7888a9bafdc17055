import type { Context } from '../../context.js'
import { digestsEqual, keyedHash } from '../../crypto/keyed-hash.js'
import { generateSecret, isWellFormedSecret } from '../../crypto/secrets.js'
import { CLIENT_NOT_FOUND, notFound } from '../../errors.js'
import { recordAuditEvent, type Actor, type AuditData, type AuditValue } from '../audit/record.js'
import { LiveCache } from '../changes/live-cache.js'
import { transact } from '../transact.js'
import { newClientId } from './client-id.js'
import {
  CLIENT_DEFAULTS,
  clientColumns,
  toAuthRecord,
  toClientView,
  type ClientAuthRecord,
  type ClientRow,
  type ClientSettings,
  type OAuthClientView,
} from './client.model.js'
import { toPermissionMask } from './permissions.js'

export type SecretCheck =
  | { readonly ok: true; readonly client: ClientAuthRecord; readonly usedPrevious: boolean }
  | { readonly ok: false; readonly reason: 'unknown-client' | 'wrong-secret' }

/** OAuth clients of organizations: CRUD, secret rotation, and secret checks (cached). */
export class ClientService {
  readonly #cache: LiveCache<string, ClientAuthRecord>

  constructor(private readonly ctx: Context) {
    this.#cache = new LiveCache(ctx.changes, 10_000, (c) =>
      c.kind === 'client' ? [c.id] : undefined,
    )
  }

  /** The cached record behind a client id (for secret checks and token authorization). */
  async authRecord(clientId: string): Promise<ClientAuthRecord | null> {
    return this.#cache.get(clientId, async (id) => {
      const row = await this.ctx.database.db
        .selectFrom('oauth_clients')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst()
      return row ? toAuthRecord(row) : null
    })
  }

  /**
   * Constant-time check of a presented secret against the current one and, during its grace
   * period, the previous one. A secret not in Tessera's format is refused without hashing,
   * unless the client was imported with its existing (foreign) secret.
   */
  async checkSecret(clientId: string, presented: string): Promise<SecretCheck> {
    const client = await this.authRecord(clientId)
    if (!client) return { ok: false, reason: 'unknown-client' }
    if (!client.secretImported && !isWellFormedSecret('clientSecret', presented)) {
      return { ok: false, reason: 'wrong-secret' }
    }
    const hash = keyedHash(this.ctx.keys.secretHash, presented)
    if (digestsEqual(hash, client.secretHash)) return { ok: true, client, usedPrevious: false }
    if (
      client.previousSecretHash &&
      client.previousSecretExpiresAt !== null &&
      client.previousSecretExpiresAt > this.ctx.clock() &&
      digestsEqual(hash, client.previousSecretHash)
    ) {
      return { ok: true, client, usedPrevious: true }
    }
    return { ok: false, reason: 'wrong-secret' }
  }

  async create(
    organizationId: number,
    settings: ClientSettings &
      Required<Pick<ClientSettings, 'name' | 'redirectUris' | 'permissions'>>,
    actor: Actor,
  ): Promise<{ clientId: string; clientSecret: string }> {
    const id = newClientId()
    const secret = generateSecret('clientSecret')
    const now = new Date(this.ctx.clock())
    await transact(this.ctx, async ({ trx }) => {
      await trx
        .insertInto('oauth_clients')
        .values({
          id,
          organization_id: organizationId,
          ...CLIENT_DEFAULTS,
          ...clientColumns(settings),
          // required at creation (the type of `settings` says so); named for the insert's type
          name: settings.name,
          redirect_uris: settings.redirectUris,
          permissions: toPermissionMask(settings.permissions),
          secret_hash: keyedHash(this.ctx.keys.secretHash, secret),
          created_at: now,
          updated_at: now,
        })
        .execute()
      await recordAuditEvent(
        trx,
        { type: 'client.created', organizationId, actor, clientId: id, data: describe(settings) },
        now,
      )
    })
    return { clientId: id, clientSecret: secret }
  }

  async list(organizationId: number): Promise<OAuthClientView[]> {
    const rows = await this.ctx.database.db
      .selectFrom('oauth_clients')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .orderBy('created_at')
      .orderBy('id')
      .execute()
    return rows.map(toClientView)
  }

  /** The client row, or null. Authorization (which organization may see it) is the caller's. */
  async find(clientId: string): Promise<ClientRow | null> {
    const row = await this.ctx.database.db
      .selectFrom('oauth_clients')
      .selectAll()
      .where('id', '=', clientId)
      .executeTakeFirst()
    return row ?? null
  }

  async update(clientId: string, settings: ClientSettings, actor: Actor): Promise<OAuthClientView> {
    const now = new Date(this.ctx.clock())
    return transact(this.ctx, async ({ trx, changed }) => {
      const row = await trx
        .updateTable('oauth_clients')
        .set({ ...clientColumns(settings), updated_at: now })
        .where('id', '=', clientId)
        .returningAll()
        .executeTakeFirst()
      if (!row) throw notFound(CLIENT_NOT_FOUND)
      await recordAuditEvent(
        trx,
        {
          type: 'client.updated',
          organizationId: row.organization_id,
          actor,
          clientId,
          data: { changed: Object.keys(settings).sort() },
        },
        now,
      )
      changed({ kind: 'client', id: clientId })
      return toClientView(row)
    })
  }

  /**
   * Deletes the client, its managed users and their token families (cascade), and returns the
   * client as it was. Cal.com leaves the users behind as orphans; we do not (README).
   */
  async delete(clientId: string, actor: Actor): Promise<OAuthClientView> {
    const now = new Date(this.ctx.clock())
    return transact(this.ctx, async ({ trx, changed }) => {
      const users = await trx
        .selectFrom('managed_users')
        .select('id')
        .where('client_id', '=', clientId)
        .execute()
      const row = await trx
        .deleteFrom('oauth_clients')
        .where('id', '=', clientId)
        .returningAll()
        .executeTakeFirst()
      if (!row) throw notFound(CLIENT_NOT_FOUND)
      await recordAuditEvent(
        trx,
        {
          type: 'client.deleted',
          organizationId: row.organization_id,
          actor,
          clientId,
          data: { name: row.name, deletedUsers: users.length },
        },
        now,
      )
      changed({ kind: 'client', id: clientId })
      for (const user of users) changed({ kind: 'user', id: user.id })
      return toClientView(row)
    })
  }

  /**
   * Issues a new secret; the current one becomes the previous one and keeps working for the
   * grace period (zero-downtime rotation). Rotating again replaces any older previous secret.
   */
  async rotateSecret(
    clientId: string,
    actor: Actor,
  ): Promise<{ secret: string; previousSecretExpiresAt: Date }> {
    const secret = generateSecret('clientSecret')
    const now = new Date(this.ctx.clock())
    const graceEnds = new Date(now.getTime() + this.ctx.config.secretRotationGraceSeconds * 1000)
    await transact(this.ctx, async ({ trx, changed }) => {
      const current = await trx
        .selectFrom('oauth_clients')
        .select(['organization_id', 'secret_hash'])
        .where('id', '=', clientId)
        .forUpdate()
        .executeTakeFirst()
      if (!current) throw notFound(CLIENT_NOT_FOUND)
      await trx
        .updateTable('oauth_clients')
        .set({
          secret_hash: keyedHash(this.ctx.keys.secretHash, secret),
          previous_secret_hash: current.secret_hash,
          previous_secret_expires_at: graceEnds,
          updated_at: now,
        })
        .where('id', '=', clientId)
        .execute()
      await recordAuditEvent(
        trx,
        {
          type: 'client.secret_rotated',
          organizationId: current.organization_id,
          actor,
          clientId,
          data: { previousSecretExpiresAt: graceEnds.toISOString() },
        },
        now,
      )
      changed({ kind: 'client', id: clientId })
    })
    return { secret, previousSecretExpiresAt: graceEnds }
  }

  /** Ends the grace period of the previous secret now. */
  async revokePreviousSecret(clientId: string, actor: Actor): Promise<void> {
    const now = new Date(this.ctx.clock())
    await transact(this.ctx, async ({ trx, changed }) => {
      const row = await trx
        .updateTable('oauth_clients')
        .set({ previous_secret_hash: null, previous_secret_expires_at: null, updated_at: now })
        .where('id', '=', clientId)
        .where('previous_secret_hash', 'is not', null)
        .where('previous_secret_expires_at', '>', now)
        .returning(['organization_id'])
        .executeTakeFirst()
      if (!row) throw notFound('This OAuth client has no previous secret in its grace period.')
      await recordAuditEvent(
        trx,
        {
          type: 'client.previous_secret_revoked',
          organizationId: row.organization_id,
          actor,
          clientId,
        },
        now,
      )
      changed({ kind: 'client', id: clientId })
    })
  }
}

/** Audit data for a client's settings: names and flags, never secrets. */
function describe(settings: ClientSettings): AuditData {
  const data: Record<string, AuditValue> = {}
  if (settings.name !== undefined) data.name = settings.name
  if (settings.permissions !== undefined) data.permissions = settings.permissions
  if (settings.redirectUris !== undefined) data.redirectUris = settings.redirectUris
  return data
}
