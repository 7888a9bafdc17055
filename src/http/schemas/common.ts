import { Type, type TSchema } from 'typebox'

/** `{status:"success", data}`: every Cal.com-compatible success response. */
export const success = <T extends TSchema>(data: T) =>
  Type.Object({ status: Type.Literal('success'), data })

/** One failed field check (Cal.com's class-validator shape). */
const FieldProblem = Type.Object({
  property: Type.String({ description: 'The field, dotted for nested ones' }),
  constraints: Type.Record(Type.String(), Type.String(), {
    description: 'Failed rule → message, e.g. {"isEmail": "email must be an email"}',
  }),
})

/**
 * What `error.details` holds: Nest's exception summary (most errors), the failed field checks
 * (400 validation errors), or a repeat of the message (498).
 */
const ErrorDetails = Type.Union(
  [
    Type.Object(
      { message: Type.String(), error: Type.String(), statusCode: Type.Integer() },
      { title: 'ExceptionDetails' },
    ),
    Type.Object({ errors: Type.Array(FieldProblem) }, { title: 'ValidationDetails' }),
    Type.String({ title: 'MessageDetails', examples: ['ACCESS_TOKEN_IS_EXPIRED'] }),
  ],
  { description: 'Absent on some errors (429, 5xx)' },
)

/** Cal.com's error envelope, documented once and referenced by every route. */
export const ErrorEnvelope = Type.Object(
  {
    status: Type.Literal('error'),
    timestamp: Type.String({ format: 'date-time' }),
    path: Type.String(),
    error: Type.Object({
      code: Type.String({ examples: ['NotFoundException'] }),
      message: Type.String(),
      details: Type.Optional(ErrorDetails),
    }),
  },
  { $id: 'ErrorEnvelope', description: "Cal.com's error envelope" },
)

const errorRef = Type.Ref('ErrorEnvelope')

/** Standard error responses of a route, for the OpenAPI document. */
export function errors(...statuses: number[]): Record<number, TSchema> {
  return Object.fromEntries(statuses.map((s) => [s, errorRef]))
}

export const Keys = Type.Object(
  {
    accessToken: Type.String(),
    refreshToken: Type.String(),
    accessTokenExpiresAt: Type.Integer({ description: 'Epoch milliseconds' }),
    refreshTokenExpiresAt: Type.Integer({ description: 'Epoch milliseconds' }),
  },
  { $id: 'Keys' },
)

export const ClientIdParams = Type.Object({ clientId: Type.String({ maxLength: 200 }) })
export const UserParams = Type.Object({
  clientId: Type.String({ maxLength: 200 }),
  userId: Type.String({ maxLength: 50, description: 'Numeric managed-user id' }),
})

export const secretHeader = {
  'x-cal-secret-key': Type.Optional(Type.String({ description: 'The OAuth client secret' })),
}
