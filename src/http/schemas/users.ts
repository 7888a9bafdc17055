import { Type } from 'typebox'
import { LOCALES } from '../../domain/users/rules/locales.js'
import { WEEK_DAYS } from '../../domain/users/rules/week-start.js'

/**
 * Shapes for documentation and type checks. The field rules themselves (IANA zones, the 12/24
 * time format with numeric strings, metadata limits…) live in domain/users/rules, which produce
 * Cal.com's messages.
 */
const profileFields = {
  timeFormat: Type.Optional(
    Type.Unknown({ description: '12 or 24 (numeric strings are accepted)' }),
  ),
  weekStart: Type.Optional(Type.Unknown({ enum: [...WEEK_DAYS] })),
  timeZone: Type.Optional(
    Type.Unknown({ description: 'IANA time zone; capitalised as Cal.com does (america/new_york)' }),
  ),
  locale: Type.Optional(Type.Unknown({ enum: [...LOCALES] })),
  avatarUrl: Type.Optional(Type.Unknown({ description: 'http(s) URL' })),
  bio: Type.Optional(Type.Unknown({ description: 'string' })),
  metadata: Type.Optional(
    Type.Unknown({
      description:
        'At most 50 keys of up to 40 characters; string (≤500), number or boolean values',
    }),
  ),
}

export const CreateUserBody = Type.Object(
  {
    email: Type.Unknown({ description: 'Stored as local+<clientId>@domain, lower-cased' }),
    name: Type.Unknown({ description: 'string' }),
    ...profileFields,
  },
  { additionalProperties: false },
)

export const UpdateUserBody = Type.Object(
  {
    email: Type.Optional(Type.Unknown({ description: 'Stored as local+<clientId>@domain' })),
    name: Type.Optional(Type.Unknown({ description: 'string' })),
    defaultScheduleId: Type.Optional(
      Type.Unknown({ description: 'integer or null; kept as given' }),
    ),
    ...profileFields,
  },
  { additionalProperties: false },
)

export const ManagedUser = Type.Object(
  {
    id: Type.Integer(),
    email: Type.String(),
    username: Type.Union([Type.String(), Type.Null()]),
    name: Type.Union([Type.String(), Type.Null()]),
    bio: Type.Union([Type.String(), Type.Null()]),
    timeZone: Type.String(),
    weekStart: Type.String(),
    createdDate: Type.String({ format: 'date-time' }),
    timeFormat: Type.Union([Type.Integer(), Type.Null()]),
    defaultScheduleId: Type.Union([Type.Integer(), Type.Null()]),
    locale: Type.Union([Type.String(), Type.Null()]),
    avatarUrl: Type.Union([Type.String(), Type.Null()]),
    metadata: Type.Optional(
      Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()])),
    ),
  },
  { $id: 'ManagedUser' },
)

export const CreatedUser = Type.Object({
  user: Type.Ref('ManagedUser'),
  accessToken: Type.String(),
  accessTokenExpiresAt: Type.Integer({ description: 'Epoch milliseconds' }),
  refreshToken: Type.String(),
  refreshTokenExpiresAt: Type.Integer({ description: 'Epoch milliseconds' }),
})

export const ListUsersQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 250, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000, default: 0 })),
  emails: Type.Optional(
    Type.String({ description: 'Comma-separated; original or stored (suffixed) addresses' }),
  ),
})

export const Me = Type.Object({
  id: Type.Integer(),
  username: Type.Union([Type.String(), Type.Null()]),
  email: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
  avatarUrl: Type.Union([Type.String(), Type.Null()]),
  bio: Type.Union([Type.String(), Type.Null()]),
  timeFormat: Type.Union([Type.Integer(), Type.Null()]),
  defaultScheduleId: Type.Union([Type.Integer(), Type.Null()]),
  weekStart: Type.String(),
  timeZone: Type.String(),
  locale: Type.Union([Type.String(), Type.Null()]),
  organizationId: Type.Integer(),
  organization: Type.Optional(Type.Object({ id: Type.Integer(), isPlatform: Type.Boolean() })),
})
