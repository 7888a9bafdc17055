import { randomUUID } from 'node:crypto'
import type { Context } from '../../context.js'
import { isUniqueViolation } from '../../db/errors.js'
import { badRequest, conflict, DomainError, notFound, validationFailed } from '../../errors.js'
import { recordAuditEvent, type Actor, type AuditData } from '../audit/record.js'
import { transact } from '../transact.js'
import { endPending, holdPending } from '../events/delivery.repository.js'
import type { EndpointDeliveries } from '../events/endpoint-deliveries.js'
import { sealSecret } from '../events/endpoint-secrets.js'
import {
  countEndpoints,
  deleteEndpoints,
  findEndpoint,
  insertEndpoint,
  listEndpoints,
  lockEndpoint,
  updateEndpoint,
  type EndpointRow,
} from '../events/endpoint.repository.js'
import type { AddressPolicy } from '../events/outbound/address-policy.js'
import { isUuid } from '../events/uuid.js'
import { auditTypesFor, eventsDelivered, POLL_METHOD, PUSH_METHOD } from './event-types.js'
import {
  MIN_VERIFICATION_INTERVAL_SECONDS,
  toStreamConfig,
  toStreamStatus,
  type StreamConfig,
  type StreamStatus,
} from './stream.model.js'

const MAX_STREAMS_PER_CLIENT = 5

/** The receiver-supplied part of a stream (SSF 1.0 §8.1.1), as sent. */
export interface StreamInput {
  delivery?: { method?: string; endpoint_url?: string; authorization_header?: string }
  events_requested?: string[]
  description?: string
  /** Transmitter-supplied properties a receiver may echo back; they must match. */
  iss?: string
  aud?: string | string[]
  events_supported?: string[]
  events_delivered?: string[]
  min_verification_interval?: number
}

/** The stream's receiver: an OAuth client, authenticated with its secret. */
export interface StreamOwner {
  readonly clientId: string
  readonly organizationId: number
}

/**
 * SSF 1.0 streams of an OAuth client (push delivery, RFC 8935): create, read, update, replace,
 * delete, status and verification. A stream receives the CAEP and RISC events of its client's
 * users; every change is an audit event.
 */
export class StreamService {
  constructor(
    private readonly ctx: Context,
    private readonly policy: AddressPolicy,
    private readonly deliveries: EndpointDeliveries,
  ) {}

  get #issuer(): string {
    return this.ctx.config.issuer
  }

  async create(owner: StreamOwner, input: StreamInput, actor: Actor): Promise<StreamConfig> {
    this.#checkTransmitterFields(input, null)
    const delivery = await this.#checkDelivery(input.delivery)
    const requested = requestedEvents(input.events_requested)
    const { db } = this.ctx.database
    const scope = { scope: 'client' as const, ...owner }
    if ((await countEndpoints(db, scope, 'ssf_stream')) >= MAX_STREAMS_PER_CLIENT) {
      throw conflict(`An OAuth client can have at most ${MAX_STREAMS_PER_CLIENT} streams`)
    }
    const id = randomUUID()
    const now = new Date(this.ctx.clock())
    const row = await unique(() =>
      transact(this.ctx, async ({ trx }) => {
        const row = await insertEndpoint(trx, {
          id,
          kind: 'ssf_stream',
          scope: 'client',
          organization_id: owner.organizationId,
          client_id: owner.clientId,
          url: delivery.url,
          status: 'enabled',
          status_reason: null,
          event_types: auditTypesFor(eventsDelivered(requested)),
          payload_template: null,
          description: input.description ?? null,
          events_requested: requested,
          secret: delivery.authorization ? this.#seal(id, delivery.authorization) : null,
          previous_secret: null,
          previous_secret_expires_at: null,
          last_success_at: null,
          last_verification_at: null,
          created_at: now,
          updated_at: now,
        })
        await this.#audit(trx, row, 'ssf_stream.created', actor, now, {
          host: new URL(row.url).host,
          eventsDelivered: eventsDelivered(requested),
        })
        return row
      }),
    )
    return toStreamConfig(row, this.#issuer)
  }

  async list(owner: StreamOwner): Promise<StreamConfig[]> {
    const rows = await listEndpoints(
      this.ctx.database.db,
      { scope: 'client', ...owner },
      'ssf_stream',
      { skip: 0, take: MAX_STREAMS_PER_CLIENT * 2 },
    )
    return rows.map((row) => toStreamConfig(row, this.#issuer))
  }

  async get(owner: StreamOwner, streamId: string): Promise<StreamConfig> {
    return toStreamConfig(await this.find(owner, streamId), this.#issuer)
  }

  /** The client's stream, or 404 (another client's stream is as absent as a missing one). */
  async find(owner: StreamOwner, streamId: string | undefined): Promise<EndpointRow> {
    if (streamId === undefined || streamId === '') {
      throw validationFailed([
        { property: 'stream_id', constraints: { isNotEmpty: 'stream_id should not be empty' } },
      ])
    }
    const row = isUuid(streamId) ? await findEndpoint(this.ctx.database.db, streamId) : undefined
    if (!row || row.kind !== 'ssf_stream' || row.client_id !== owner.clientId) {
      throw notFound(`Stream ${printable(streamId)} not found`)
    }
    return row
  }

  /**
   * PATCH (§8.1.1.3) changes what is present; PUT (§8.1.1.4) replaces every receiver-supplied
   * property (absent means removed). Transmitter-supplied properties may be echoed but must match.
   */
  async update(
    owner: StreamOwner,
    streamId: string | undefined,
    input: StreamInput,
    mode: 'patch' | 'replace',
    actor: Actor,
  ): Promise<StreamConfig> {
    const current = await this.find(owner, streamId)
    this.#checkTransmitterFields(input, current)
    const replace = mode === 'replace'
    const delivery =
      input.delivery !== undefined || replace
        ? await this.#checkDelivery(input.delivery)
        : undefined
    const requested =
      input.events_requested !== undefined || replace
        ? requestedEvents(input.events_requested)
        : undefined
    const now = new Date(this.ctx.clock())
    const row = await unique(() =>
      transact(this.ctx, async ({ trx }) => {
        const locked = await lockEndpoint(trx, current.id)
        if (!locked) throw notFound(`Stream ${current.id} not found`)
        const row = await updateEndpoint(trx, current.id, {
          ...(delivery
            ? {
                url: delivery.url,
                // an endpoint moved without a new header keeps none: the old one was for the old URL
                secret: delivery.authorization
                  ? this.#seal(current.id, delivery.authorization)
                  : null,
              }
            : {}),
          ...(requested
            ? {
                events_requested: requested,
                event_types: auditTypesFor(eventsDelivered(requested)),
              }
            : {}),
          ...(input.description !== undefined || replace
            ? { description: input.description ?? null }
            : {}),
          updated_at: now,
        })
        await this.#audit(trx, row, 'ssf_stream.updated', actor, now, {
          changed: Object.keys(input)
            .filter((k) => ['delivery', 'events_requested', 'description'].includes(k))
            .sort(),
        })
        return row
      }),
    )
    return toStreamConfig(row, this.#issuer)
  }

  async delete(owner: StreamOwner, streamId: string | undefined, actor: Actor): Promise<void> {
    const current = await this.find(owner, streamId)
    const now = new Date(this.ctx.clock())
    await transact(this.ctx, async ({ trx }) => {
      const row = await lockEndpoint(trx, current.id)
      if (!row) return
      await deleteEndpoints(trx, [row.id])
      await this.#audit(trx, row, 'ssf_stream.deleted', actor, now, {})
    })
  }

  async status(owner: StreamOwner, streamId: string | undefined): Promise<StreamStatus> {
    return toStreamStatus(await this.find(owner, streamId))
  }

  /**
   * §8.1.2.2. Paused: events are held and sent when the stream is enabled again. Disabled: events
   * are neither sent nor kept.
   */
  async setStatus(
    owner: StreamOwner,
    input: { stream_id?: string; status: StreamStatus['status']; reason?: string },
    actor: Actor,
  ): Promise<StreamStatus> {
    const current = await this.find(owner, input.stream_id)
    const now = new Date(this.ctx.clock())
    const row = await transact(this.ctx, async ({ trx }) => {
      const locked = await lockEndpoint(trx, current.id)
      if (!locked) throw notFound(`Stream ${current.id} not found`)
      if (locked.status === input.status) {
        return updateEndpoint(trx, locked.id, {
          status_reason: input.reason ?? null,
          updated_at: now,
        })
      }
      if (input.status === 'disabled')
        await endPending(trx, locked.id, 'discarded', 'stream_disabled', now)
      else await holdPending(trx, locked.id, input.status === 'paused', now)
      const row = await updateEndpoint(trx, locked.id, {
        status: input.status,
        status_reason: input.reason ?? null,
        updated_at: now,
      })
      await this.#audit(trx, row, 'ssf_stream.updated', actor, now, {
        status: input.status,
        previousStatus: locked.status,
      })
      return row
    })
    this.deliveries.wake()
    return toStreamStatus(row)
  }

  /** §8.1.4.2: queues a verification event carrying `state`; at most one per interval (429). */
  async verify(owner: StreamOwner, input: { stream_id?: string; state?: string }): Promise<void> {
    const current = await this.find(owner, input.stream_id)
    if (current.status === 'disabled') {
      throw badRequest('The stream is disabled: enable it (status endpoint) before verifying it')
    }
    const now = this.ctx.clock()
    const intervalMs = MIN_VERIFICATION_INTERVAL_SECONDS * 1000
    // claims the interval atomically, so two racing requests cannot both pass
    const claimed = await this.ctx.database.db
      .updateTable('event_endpoints')
      .set({ last_verification_at: new Date(now) })
      .where('id', '=', current.id)
      .where((eb) =>
        eb.or([
          eb('last_verification_at', 'is', null),
          eb('last_verification_at', '<=', new Date(now - intervalMs)),
        ]),
      )
      .executeTakeFirst()
    if (Number(claimed.numUpdatedRows) === 0) {
      const last = current.last_verification_at?.getTime() ?? now
      const wait = Math.max(1, Math.ceil((last + intervalMs - now) / 1000))
      throw new DomainError(
        'rate_limited',
        `Verification was requested less than ${MIN_VERIFICATION_INTERVAL_SECONDS} s ago (min_verification_interval)`,
        { headers: { 'retry-after': String(wait) } },
      )
    }
    await this.deliveries.enqueue(
      current.id,
      'verification',
      input.state === undefined ? {} : { state: input.state },
      3,
    )
  }

  #seal(id: string, authorization: string): Buffer {
    return sealSecret(this.ctx.keys.endpointSecretEncryption, id, authorization)
  }

  async #checkDelivery(
    delivery: StreamInput['delivery'],
  ): Promise<{ url: string; authorization: string | undefined }> {
    const method = delivery?.method ?? POLL_METHOD
    if (method !== PUSH_METHOD) {
      throw badRequest(
        `Only push delivery (method ${PUSH_METHOD}) is supported; poll delivery (${POLL_METHOD}) is not`,
      )
    }
    if (!delivery?.endpoint_url) {
      throw validationFailed([
        {
          property: 'delivery.endpoint_url',
          constraints: { isUrl: 'delivery.endpoint_url should not be empty' },
        },
      ])
    }
    const checked = await this.policy.checkUrl(delivery.endpoint_url)
    if (!checked.ok) {
      throw validationFailed([
        {
          property: 'delivery.endpoint_url',
          constraints: { isUrl: `delivery.endpoint_url ${checked.problem}` },
        },
      ])
    }
    return { url: delivery.endpoint_url, authorization: delivery.authorization_header }
  }

  /** Echoed transmitter-supplied properties must be what Tessera would say (§8.1.1.3). */
  #checkTransmitterFields(input: StreamInput, current: EndpointRow | null): void {
    const expected = current ? toStreamConfig(current, this.#issuer) : null
    const mismatch = (property: string) =>
      validationFailed([
        {
          property,
          constraints: { equals: `${property} is set by the transmitter and does not match` },
        },
      ])
    if (input.iss !== undefined && input.iss !== this.#issuer) throw mismatch('iss')
    if (expected) {
      const aud = Array.isArray(input.aud)
        ? input.aud
        : input.aud === undefined
          ? undefined
          : [input.aud]
      if (aud !== undefined && (aud.length !== 1 || aud[0] !== expected.aud)) throw mismatch('aud')
      if (
        input.events_delivered !== undefined &&
        !sameSet(input.events_delivered, expected.events_delivered)
      ) {
        throw mismatch('events_delivered')
      }
      if (
        input.events_supported !== undefined &&
        !sameSet(input.events_supported, expected.events_supported)
      ) {
        throw mismatch('events_supported')
      }
    }
  }

  async #audit(
    trx: Parameters<typeof recordAuditEvent>[0],
    row: EndpointRow,
    type: 'ssf_stream.created' | 'ssf_stream.updated' | 'ssf_stream.deleted',
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
        data: { streamId: row.id, ...data },
      },
      now,
    )
  }
}

/** `events_requested` without repeats; unknown URIs are kept (and not delivered), as SSF asks. */
function requestedEvents(requested: readonly string[] | undefined): string[] {
  return [...new Set(requested ?? [])]
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x))
}

function printable(value: string): string {
  const clean = value.replace(/[^\x20-\x7E]/g, '?')
  return clean.length > 64 ? `${clean.slice(0, 61)}...` : clean
}

async function unique<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (err) {
    if (isUniqueViolation(err, 'event_endpoints_url_idx')) {
      throw conflict('This client already has a stream delivering to this endpoint_url')
    }
    throw err
  }
}
