import { Type } from 'typebox'

const nullableString = (maxLength: number) =>
  Type.Unsafe<string | null>({ type: ['string', 'null'], maxLength })

const subscriberUrl = Type.String({
  minLength: 1,
  maxLength: 2048,
  description:
    'http(s) URL that receives the events; refused when it resolves to a private, loopback, link-local or metadata address',
})
const triggers = Type.Array(Type.String({ maxLength: 100 }), {
  minItems: 1,
  maxItems: 50,
  description:
    "Tessera's event types, spelled as triggers (`TOKEN_FORCE_REFRESHED`; the audit spelling `token.force_refreshed` is accepted too). Cal.com's booking triggers are refused.",
})
const payloadTemplate = nullableString(64 * 1024)
const secret = Type.String({
  minLength: 1,
  maxLength: 1024,
  description: 'Signing secret; generated (`whsec_…`) when not given',
})

/** Cal.com's CreateWebhookInputDto. */
export const CreateWebhookBody = Type.Object(
  {
    subscriberUrl,
    active: Type.Boolean(),
    triggers,
    payloadTemplate: Type.Optional(payloadTemplate),
    secret: Type.Optional(secret),
  },
  { additionalProperties: false },
)

/** Cal.com's UpdateWebhookInputDto: every field optional. */
export const UpdateWebhookBody = Type.Object(
  {
    subscriberUrl: Type.Optional(subscriberUrl),
    active: Type.Optional(Type.Boolean()),
    triggers: Type.Optional(triggers),
    payloadTemplate: Type.Optional(payloadTemplate),
    secret: Type.Optional(secret),
  },
  { additionalProperties: false },
)

export const RotateWebhookSecretBody = Type.Object(
  { secret: Type.Optional(secret) },
  { additionalProperties: false },
)

export const Webhook = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    subscriberUrl: Type.String(),
    active: Type.Boolean(),
    triggers: Type.Array(Type.String()),
    payloadTemplate: Type.Union([Type.String(), Type.Null()]),
    oAuthClientId: Type.Optional(Type.String({ description: 'Client-level webhooks' })),
    organizationId: Type.Optional(Type.Integer({ description: 'Organization-level webhooks' })),
    secret: Type.Optional(
      Type.String({ description: 'Only in the response of the request that set it' }),
    ),
    disabledReason: Type.Union([Type.String(), Type.Null()], {
      description:
        'Why Tessera switched it off (410 Gone, or failing for the whole retry schedule)',
    }),
    previousSecretExpiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
      description: 'Until then deliveries also carry a signature by the previous secret',
    }),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Webhook', description: 'A webhook subscription. Its secret is shown only once.' },
)

export const RotatedWebhookSecret = Type.Object({
  secret: Type.String({ description: 'The new secret, shown once' }),
  previousSecretExpiresAt: Type.String({
    format: 'date-time',
    description: 'Until then deliveries carry a second signature by the previous secret',
  }),
})

const AttemptLogEntry = Type.Object({
  attempt: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  succeeded: Type.Boolean(),
  latencyMs: Type.Integer(),
  responseCode: Type.Union([Type.Integer(), Type.Null()]),
  responseBody: Type.Union([Type.String(), Type.Null()], {
    description: 'The first 1 KiB of the response body',
  }),
  error: Type.Union([Type.String(), Type.Null()], {
    description: 'Why no response arrived (refused, timed out…)',
  }),
})

export const Delivery = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    messageId: Type.String({ description: '`webhook-id`: the same on every attempt' }),
    kind: Type.Enum(['event', 'ping', 'verification', 'stream_updated']),
    eventId: Type.Union([Type.Integer(), Type.Null()]),
    triggerEvent: Type.Union([Type.String(), Type.Null()]),
    status: Type.Enum(['pending', 'delivered', 'failed', 'discarded']),
    outcome: Type.Union([Type.String(), Type.Null()], {
      examples: ['delivered', 'retrying', 'gone', 'exhausted', 'endpoint_disabled'],
    }),
    attempts: Type.Integer(),
    createdAt: Type.String({ format: 'date-time' }),
    nextAttemptAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    attemptLog: Type.Array(AttemptLogEntry),
  },
  { $id: 'Delivery', description: 'One message to one endpoint, with its attempts' },
)

export const DeliveryPage = Type.Object({
  deliveries: Type.Array(Type.Ref('Delivery')),
  nextCursor: Type.Union([Type.String(), Type.Null()], {
    description: 'Pass as `cursor` for the next (older) page',
  }),
})

export const DeliveryQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 25 })),
  cursor: Type.Optional(Type.String({ maxLength: 128 })),
  status: Type.Optional(Type.Enum(['pending', 'delivered', 'failed', 'discarded'])),
})

/** Cal.com's SkipTakePagination. */
export const SkipTakeQuery = Type.Object({
  skip: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  take: Type.Optional(Type.Integer({ minimum: 1, maximum: 250 })),
})
