import { Type } from 'typebox'

const uris = (description: string) =>
  Type.Array(Type.String({ maxLength: 512 }), { maxItems: 64, description })

/** SSF 1.0 §8.1.1: the receiver-supplied `delivery` object (push only). */
const DeliveryInput = Type.Object({
  method: Type.String({ maxLength: 200, examples: ['urn:ietf:rfc:8935'] }),
  endpoint_url: Type.Optional(Type.String({ maxLength: 2048 })),
  authorization_header: Type.Optional(
    Type.String({
      maxLength: 4096,
      description: 'Sent as `Authorization` with every push; stored encrypted, never shown again',
    }),
  ),
})

/**
 * A stream configuration as a receiver sends it. Transmitter-supplied properties may be echoed
 * back (they must match); unknown ones are ignored, as SSF asks.
 */
const streamInput = {
  delivery: Type.Optional(DeliveryInput),
  events_requested: Type.Optional(
    uris('Event type URIs the receiver wants; unknown ones are ignored'),
  ),
  description: Type.Optional(Type.String({ maxLength: 1024 })),
  iss: Type.Optional(Type.String({ maxLength: 2048 })),
  aud: Type.Optional(
    Type.Union([
      Type.String({ maxLength: 512 }),
      Type.Array(Type.String({ maxLength: 512 }), { maxItems: 8 }),
    ]),
  ),
  events_supported: Type.Optional(uris('Must match, if sent')),
  events_delivered: Type.Optional(uris('Must match, if sent')),
  min_verification_interval: Type.Optional(Type.Integer({ minimum: 0, maximum: 86_400 })),
}

export const CreateStreamBody = Type.Object(streamInput)
export const UpdateStreamBody = Type.Object({
  stream_id: Type.String({ maxLength: 100 }),
  ...streamInput,
})

export const StreamConfig = Type.Object(
  {
    stream_id: Type.String(),
    iss: Type.String(),
    aud: Type.String({ description: 'The OAuth client id of the receiver' }),
    delivery: Type.Object({
      method: Type.Literal('urn:ietf:rfc:8935'),
      endpoint_url: Type.String(),
      authorization_header_set: Type.Boolean({
        description:
          'Whether an authorization header is sent with every push (the value is never shown)',
      }),
    }),
    events_supported: Type.Array(Type.String()),
    events_requested: Type.Array(Type.String()),
    events_delivered: Type.Array(Type.String()),
    min_verification_interval: Type.Integer(),
    description: Type.Optional(Type.String()),
  },
  { $id: 'SsfStreamConfig', description: 'SSF 1.0 §8.1.1 stream configuration' },
)

export const StreamQuery = Type.Object({
  stream_id: Type.Optional(Type.String({ maxLength: 100 })),
})

export const StreamStatusBody = Type.Object({
  stream_id: Type.String({ maxLength: 100 }),
  status: Type.Enum(['enabled', 'paused', 'disabled']),
  reason: Type.Optional(Type.String({ maxLength: 1024 })),
})

export const StreamStatus = Type.Object({
  stream_id: Type.String(),
  status: Type.Enum(['enabled', 'paused', 'disabled']),
  reason: Type.Optional(Type.String()),
})

export const VerifyBody = Type.Object({
  stream_id: Type.String({ maxLength: 100 }),
  state: Type.Optional(Type.String({ maxLength: 1024 })),
})

export const TransmitterMetadata = Type.Object({
  spec_version: Type.Literal('1_0'),
  issuer: Type.String(),
  jwks_uri: Type.String(),
  delivery_methods_supported: Type.Array(Type.String()),
  configuration_endpoint: Type.String(),
  status_endpoint: Type.String(),
  verification_endpoint: Type.String(),
  authorization_schemes: Type.Array(Type.Object({ spec_urn: Type.String() })),
  default_subjects: Type.Literal('ALL'),
})
