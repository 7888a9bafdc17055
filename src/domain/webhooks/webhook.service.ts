import { randomUUID } from 'node:crypto'
import type { Context } from '../../context.js'
import { isUniqueViolation } from '../../db/errors.js'
import { badRequest, conflict, forbidden, notFound } from '../../errors.js'
import { recordAuditEvent, type Actor, type AuditData } from '../audit/record.js'
import { transact } from '../transact.js'
import { endPending } from '../events/delivery.repository.js'
import { sealSecret } from '../events/endpoint-secrets.js'
import {
  countEndpoints,
  deleteEndpoints,
  endpointIdsOf,
  findEndpoint,
  insertEndpoint,
  listEndpoints,
  lockEndpoint,
  ownerColumns,
  updateEndpoint,
  type EndpointOwner,
  type EndpointRow,
} from '../events/endpoint.repository.js'
import type { AddressPolicy } from '../events/outbound/address-policy.js'
import { isUuid } from '../events/uuid.js'
import { generateWebhookSecret } from './signing.js'
import { checkWebhookInput, type CheckedWebhookInput, type WebhookInput } from './webhook-input.js'
import { toWebhookView, type WebhookView } from './webhook.model.js'

/** Subscriptions per owner: each is a join on every recorded event, so they are kept few. */
const MAX_WEBHOOKS_PER_OWNER = 25

const OWNER_NAMES = { client: 'oAuth client', organization: 'organization', instance: 'instance' }

export interface WebhookServiceOptions {
  readonly policy: AddressPolicy
  /** How long a replaced secret keeps signing (a second signature) after a rotation. */
  readonly secretRotationGraceMs: number
}

/**
 * Webhook subscriptions at three levels (an OAuth client, an organization, the operator), with
 * Cal.com's rules: one subscription per URL and owner, and its secret shown only in the response
 * that sets it. Every change is an audit event, in its transaction.
 */
export class WebhookService {
  constructor(
    private readonly ctx: Context,
    private readonly options: WebhookServiceOptions,
  ) {}

  async create(
    owner: EndpointOwner,
    input: WebhookInput & { subscriberUrl: string; active: boolean; triggers: string[] },
    actor: Actor,
  ): Promise<{ webhook: WebhookView; secret: string }> {
    const checked = await checkWebhookInput(input, owner.scope, this.options.policy)
    const { db } = this.ctx.database
    if ((await countEndpoints(db, owner, 'webhook')) >= MAX_WEBHOOKS_PER_OWNER) {
      throw badRequest(
        `An ${OWNER_NAMES[owner.scope]} can have at most ${MAX_WEBHOOKS_PER_OWNER} webhooks`,
      )
    }
    const id = randomUUID()
    const secret = checked.secret ?? generateWebhookSecret()
    const now = new Date(this.ctx.clock())
    const key = this.ctx.keys.endpointSecretEncryption
    const row = await this.#unique(owner, () =>
      transact(this.ctx, async ({ trx }) => {
        const row = await insertEndpoint(trx, {
          id,
          kind: 'webhook',
          ...ownerColumns(owner),
          url: checked.url!,
          status: checked.active ? 'enabled' : 'disabled',
          status_reason: null,
          event_types: checked.types!,
          payload_template: checked.payloadTemplate ?? null,
          description: null,
          events_requested: null,
          secret: sealSecret(key, id, secret),
          previous_secret: null,
          previous_secret_expires_at: null,
          last_success_at: null,
          last_verification_at: null,
          created_at: now,
          updated_at: now,
        })
        await this.#audit(trx, row, 'webhook.created', actor, now, {
          triggers: checked.types!,
          host: new URL(row.url).host,
          active: checked.active === true,
        })
        return row
      }),
    )
    return { webhook: toWebhookView(row), secret }
  }

  async list(owner: EndpointOwner, page: { skip: number; take: number }): Promise<WebhookView[]> {
    const rows = await listEndpoints(this.ctx.database.db, owner, 'webhook', page)
    return rows.map(toWebhookView)
  }

  async get(owner: EndpointOwner, id: string): Promise<WebhookView> {
    return toWebhookView(await this.find(owner, id))
  }

  /**
   * The webhook `id` of this owner: 404 when there is none, 403 when it is another owner's
   * (Cal.com's IsOAuthClientWebhookGuard; ids are random UUIDs, so this reveals nothing useful).
   */
  async find(owner: EndpointOwner, id: string): Promise<EndpointRow> {
    const row = isUuid(id) ? await findEndpoint(this.ctx.database.db, id) : undefined
    if (
      !row ||
      row.kind !== 'webhook' ||
      (owner.scope === 'instance') !== (row.scope === 'instance')
    ) {
      throw notFound(`Webhook (${id}) not found`)
    }
    if (!sameOwner(owner, row)) {
      throw forbidden(
        owner.scope === 'client'
          ? 'IsOAuthClientWebhookGuard - Webhook does not belong to this oAuthClient'
          : 'Webhook does not belong to this organization',
      )
    }
    return row
  }

  async update(
    owner: EndpointOwner,
    id: string,
    input: WebhookInput,
    actor: Actor,
  ): Promise<{ webhook: WebhookView; secret?: string }> {
    await this.find(owner, id)
    const checked = await checkWebhookInput(input, owner.scope, this.options.policy)
    const now = new Date(this.ctx.clock())
    const row = await this.#unique(owner, () =>
      transact(this.ctx, async ({ trx }) => {
        const current = await lockEndpoint(trx, id)
        if (!current) throw notFound(`Webhook (${id}) not found`)
        const changes = this.#changes(current, checked, now)
        const row = await updateEndpoint(trx, id, { ...changes, updated_at: now })
        if (current.status !== 'disabled' && row.status === 'disabled') {
          await endPending(trx, id, 'failed', 'endpoint_deactivated', now)
        }
        await this.#audit(trx, row, 'webhook.updated', actor, now, {
          changed: Object.keys(input).sort(),
        })
        return row
      }),
    )
    return {
      webhook: toWebhookView(row),
      ...(checked.secret !== undefined ? { secret: checked.secret } : {}),
    }
  }

  /** Issues a new secret (or sets the one given); the old one keeps signing during the grace. */
  async rotateSecret(
    owner: EndpointOwner,
    id: string,
    actor: Actor,
    given?: string,
  ): Promise<{ secret: string; previousSecretExpiresAt: string }> {
    const secret = given ?? generateWebhookSecret()
    const { webhook } = await this.update(owner, id, { secret }, actor)
    return { secret, previousSecretExpiresAt: webhook.previousSecretExpiresAt! }
  }

  async delete(owner: EndpointOwner, id: string, actor: Actor): Promise<WebhookView> {
    await this.find(owner, id)
    const now = new Date(this.ctx.clock())
    return transact(this.ctx, async ({ trx }) => {
      const row = await lockEndpoint(trx, id)
      if (!row) throw notFound(`Webhook (${id}) not found`)
      await deleteEndpoints(trx, [id])
      await this.#audit(trx, row, 'webhook.deleted', actor, now, {})
      return toWebhookView(row)
    })
  }

  /** Deletes every webhook of the owner; returns how many. */
  async deleteAll(owner: EndpointOwner, actor: Actor): Promise<number> {
    const now = new Date(this.ctx.clock())
    return transact(this.ctx, async ({ trx }) => {
      const rows: EndpointRow[] = []
      for (const id of await endpointIdsOf(trx, owner, 'webhook')) {
        const row = await lockEndpoint(trx, id)
        if (row) rows.push(row)
      }
      const deleted = await deleteEndpoints(
        trx,
        rows.map((r) => r.id),
      )
      for (const row of rows) await this.#audit(trx, row, 'webhook.deleted', actor, now, {})
      return deleted
    })
  }

  #changes(current: EndpointRow, checked: CheckedWebhookInput, now: Date) {
    const key = this.ctx.keys.endpointSecretEncryption
    return {
      ...(checked.url !== undefined ? { url: checked.url } : {}),
      ...(checked.types !== undefined ? { event_types: checked.types } : {}),
      ...(checked.payloadTemplate !== undefined
        ? { payload_template: checked.payloadTemplate }
        : {}),
      ...(checked.active !== undefined
        ? {
            status: checked.active ? ('enabled' as const) : ('disabled' as const),
            status_reason: null,
          }
        : {}),
      ...(checked.secret !== undefined
        ? {
            secret: sealSecret(key, current.id, checked.secret),
            previous_secret: current.secret,
            previous_secret_expires_at: new Date(
              now.getTime() + this.options.secretRotationGraceMs,
            ),
          }
        : {}),
    }
  }

  async #audit(
    trx: Parameters<typeof recordAuditEvent>[0],
    row: EndpointRow,
    type: 'webhook.created' | 'webhook.updated' | 'webhook.deleted',
    actor: Actor,
    now: Date,
    data: AuditData,
  ): Promise<void> {
    await recordAuditEvent(
      trx,
      {
        type,
        organizationId: row.organization_id,
        actor,
        clientId: row.client_id,
        data: { webhookId: row.id, scope: row.scope, ...data },
      },
      now,
    )
  }

  /** Cal.com's 409 for a second subscription of one URL, also when two requests race. */
  async #unique<T>(owner: EndpointOwner, work: () => Promise<T>): Promise<T> {
    try {
      return await work()
    } catch (err) {
      if (isUniqueViolation(err, 'event_endpoints_url_idx')) {
        throw conflict(
          `Webhook with this subscriber url already exists for this ${OWNER_NAMES[owner.scope]}`,
        )
      }
      throw err
    }
  }
}

function sameOwner(owner: EndpointOwner, row: EndpointRow): boolean {
  if (owner.scope !== row.scope) return false
  if (owner.scope === 'client') return row.client_id === owner.clientId
  if (owner.scope === 'organization') return row.organization_id === owner.organizationId
  return true
}
