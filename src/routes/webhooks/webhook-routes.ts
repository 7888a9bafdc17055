import type { FastifyRequest } from 'fastify'
import { Type, type TObject } from 'typebox'
import type { Actor } from '../../domain/audit/record.js'
import type { EndpointOwner } from '../../domain/events/endpoint.repository.js'
import { PING_TRIGGER } from '../../domain/webhooks/webhook-message.js'
import { errors, success } from '../../http/schemas/common.js'
import {
  CreateWebhookBody,
  Delivery,
  DeliveryPage,
  DeliveryQuery,
  RotatedWebhookSecret,
  RotateWebhookSecretBody,
  SkipTakeQuery,
  UpdateWebhookBody,
  Webhook,
} from '../../http/schemas/webhooks.js'
import { authorize } from '../auth-hook.js'
import { absentBodyIsEmpty } from '../managed-users.routes.js'
import { ok, type App, type RouteDeps } from '../types.js'

export interface WebhookCaller {
  readonly owner: EndpointOwner
  readonly actor: Actor
}

/** One level of webhooks (client, organization, operator): where they live and who may call. */
export interface WebhookScope {
  /** `/v2/oauth-clients/:clientId/webhooks` and the like. */
  readonly path: string
  readonly params: TObject
  readonly headers?: TObject
  /** Prefix of operationIds: `Client` gives `createClientWebhook`. */
  readonly name: string
  readonly tags: string[]
  readonly security: Record<string, string[]>[]
  /** Authenticates and authorizes; `write` for changes (Cal.com: OWNER, ADMIN), else reads (any role). */
  authorize(request: FastifyRequest, write: boolean): Promise<WebhookCaller>
}

const WEBHOOK_ID = { webhookId: Type.String({ maxLength: 100 }) }
const DELIVERY_ID = { deliveryId: Type.String({ maxLength: 100 }) }

/** The webhook API of one scope: Cal.com's CRUD, then Tessera's delivery log and actions. */
export function webhookRoutes(app: App, { tessera }: RouteDeps, scope: WebhookScope): void {
  const { webhooks, deliveries } = tessera.events
  const one = `${scope.path}/:webhookId`
  const withWebhook = Type.Object({ ...scope.params.properties, ...WEBHOOK_ID })
  const withDelivery = Type.Object({ ...withWebhook.properties, ...DELIVERY_ID })
  const reads = authorize((r) => scope.authorize(r, false))
  const writes = authorize((r) => scope.authorize(r, true))
  const base = {
    tags: scope.tags,
    security: scope.security,
    ...(scope.headers ? { headers: scope.headers } : {}),
  }

  app.post(
    scope.path,
    {
      schema: {
        ...base,
        operationId: `create${scope.name}Webhook`,
        summary: 'Create a webhook (the response carries its secret, once)',
        params: scope.params,
        body: CreateWebhookBody,
        response: { 201: success(Webhook), ...errors(400, 401, 403, 404, 409, 429) },
      },
      preValidation: writes.hook,
    },
    async (request, reply) => {
      const { owner, actor } = writes.of(request)
      const created = await webhooks.create(owner, request.body, actor)
      return reply.status(201).send(ok({ ...created.webhook, secret: created.secret }))
    },
  )

  app.get(
    scope.path,
    {
      schema: {
        ...base,
        operationId: `list${scope.name}Webhooks`,
        summary: 'List webhooks, oldest first (skip/take as Cal.com)',
        params: scope.params,
        querystring: SkipTakeQuery,
        response: {
          200: success(Type.Array(Type.Ref('Webhook'))),
          ...errors(400, 401, 403, 404, 429),
        },
      },
      preValidation: reads.hook,
    },
    async (request) =>
      ok(
        await webhooks.list(reads.of(request).owner, {
          skip: request.query.skip ?? 0,
          take: request.query.take ?? 250,
        }),
      ),
  )

  app.delete(
    scope.path,
    {
      schema: {
        ...base,
        operationId: `deleteAll${scope.name}Webhooks`,
        summary: 'Delete every webhook (Cal.com answers with a sentence)',
        params: scope.params,
        response: {
          200: success(Type.String({ examples: ['2 webhooks deleted'] })),
          ...errors(401, 403, 404, 429),
        },
      },
      preValidation: writes.hook,
    },
    async (request) => {
      const { owner, actor } = writes.of(request)
      const count = await webhooks.deleteAll(owner, actor)
      return ok(`${count} webhooks deleted`)
    },
  )

  app.get(
    one,
    {
      schema: {
        ...base,
        operationId: `get${scope.name}Webhook`,
        summary: 'Get a webhook',
        params: withWebhook,
        response: { 200: success(Webhook), ...errors(401, 403, 404, 429) },
      },
      preValidation: reads.hook,
    },
    async (request) => ok(await webhooks.get(reads.of(request).owner, request.params.webhookId)),
  )

  app.patch(
    one,
    {
      schema: {
        ...base,
        operationId: `update${scope.name}Webhook`,
        summary:
          'Update a webhook (a new `secret` rotates it: the old one keeps signing for the grace period)',
        params: withWebhook,
        body: UpdateWebhookBody,
        response: { 200: success(Webhook), ...errors(400, 401, 403, 404, 409, 429) },
      },
      preValidation: [writes.hook, absentBodyIsEmpty],
    },
    async (request) => {
      const { owner, actor } = writes.of(request)
      const updated = await webhooks.update(owner, request.params.webhookId, request.body, actor)
      return ok({ ...updated.webhook, ...(updated.secret ? { secret: updated.secret } : {}) })
    },
  )

  app.delete(
    one,
    {
      schema: {
        ...base,
        operationId: `delete${scope.name}Webhook`,
        summary: 'Delete a webhook and its delivery log',
        params: withWebhook,
        response: { 200: success(Webhook), ...errors(401, 403, 404, 429) },
      },
      preValidation: writes.hook,
    },
    async (request) => {
      const { owner, actor } = writes.of(request)
      return ok(await webhooks.delete(owner, request.params.webhookId, actor))
    },
  )

  app.post(
    `${one}/secret`,
    {
      schema: {
        ...base,
        operationId: `rotate${scope.name}WebhookSecret`,
        summary: 'Rotate the signing secret without downtime (generated unless given)',
        description:
          'Returns the new secret once. During TESSERA_WEBHOOK_SECRET_ROTATION_GRACE_SECONDS deliveries carry a Standard Webhooks signature by each secret; `X-Cal-Signature-256` uses the new one.',
        params: withWebhook,
        body: RotateWebhookSecretBody,
        response: { 200: success(RotatedWebhookSecret), ...errors(400, 401, 403, 404, 429) },
      },
      preValidation: [writes.hook, absentBodyIsEmpty],
    },
    async (request) => {
      const { owner, actor } = writes.of(request)
      return ok(
        await webhooks.rotateSecret(owner, request.params.webhookId, actor, request.body.secret),
      )
    },
  )

  app.post(
    `${one}/ping`,
    {
      schema: {
        ...base,
        operationId: `ping${scope.name}Webhook`,
        summary: `Send a test delivery (triggerEvent ${PING_TRIGGER}) now; its result appears in the delivery log`,
        params: withWebhook,
        response: { 202: success(Delivery), ...errors(401, 403, 404, 429) },
      },
      preValidation: writes.hook,
    },
    async (request, reply) => {
      const row = await webhooks.find(writes.of(request).owner, request.params.webhookId)
      const queued = await deliveries.enqueue(
        row.id,
        'ping',
        { webhookId: row.id, message: 'Test delivery from Tessera' },
        1,
      )
      return reply.status(202).send(ok(queued))
    },
  )

  app.get(
    `${one}/deliveries`,
    {
      schema: {
        ...base,
        operationId: `list${scope.name}WebhookDeliveries`,
        summary: 'Delivery log, newest first: each message with its attempts',
        params: withWebhook,
        querystring: DeliveryQuery,
        response: { 200: success(DeliveryPage), ...errors(400, 401, 403, 404, 429) },
      },
      preValidation: reads.hook,
    },
    async (request) => {
      const row = await webhooks.find(reads.of(request).owner, request.params.webhookId)
      const { limit = 25, cursor, status } = request.query
      return ok(
        await deliveries.list(row.id, {
          limit,
          ...(cursor !== undefined ? { cursor } : {}),
          ...(status !== undefined ? { status } : {}),
        }),
      )
    },
  )

  app.get(
    `${one}/deliveries/:deliveryId`,
    {
      schema: {
        ...base,
        operationId: `get${scope.name}WebhookDelivery`,
        summary: 'One delivery with its attempts',
        params: withDelivery,
        response: { 200: success(Delivery), ...errors(401, 403, 404, 429) },
      },
      preValidation: reads.hook,
    },
    async (request) => {
      const row = await webhooks.find(reads.of(request).owner, request.params.webhookId)
      return ok(await deliveries.get(row.id, request.params.deliveryId))
    },
  )

  app.post(
    `${one}/deliveries/:deliveryId/redeliver`,
    {
      schema: {
        ...base,
        operationId: `redeliver${scope.name}WebhookDelivery`,
        summary: 'Send a delivery again now, with the same webhook-id and a new round of retries',
        params: withDelivery,
        response: { 202: success(Delivery), ...errors(401, 403, 404, 409, 429) },
      },
      preValidation: writes.hook,
    },
    async (request, reply) => {
      const row = await webhooks.find(writes.of(request).owner, request.params.webhookId)
      return reply
        .status(202)
        .send(ok(await deliveries.redeliver(row.id, request.params.deliveryId)))
    },
  )
}
