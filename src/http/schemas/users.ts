import { Type, type TSchema } from 'typebox'
import { LOCALES } from '../../domain/users/rules/locales.js'
import { WEEK_DAYS } from '../../domain/users/rules/week-start.js'
import { checkedInDomain } from './documented.js'

/**
 * Request bodies. The field rules themselves (IANA zones, the 12/24 time format with numeric
 * strings, metadata limits…) live in domain/users/rules, which produce Cal.com's messages; the
 * schema validator lets every value through to them (`checkedInDomain`), and the OpenAPI document
 * shows each field's type.
 */
const MetadataValue = Type.Union([Type.String({ maxLength: 500 }), Type.Number(), Type.Boolean()])
const Metadata = Type.Record(Type.String({ maxLength: 40 }), MetadataValue, {
  maxProperties: 50,
  description: 'At most 50 keys of up to 40 characters; string (≤500), number or boolean values',
})
const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

const profileFields = {
  timeFormat: Type.Optional(
    checkedInDomain(Type.Enum([12, 24]), '12 or 24 (numeric strings are accepted)'),
  ),
  weekStart: Type.Optional(checkedInDomain(Type.Enum([...WEEK_DAYS]))),
  timeZone: Type.Optional(
    checkedInDomain(
      nullable(Type.String({ examples: ['America/New_York'] })),
      'IANA time zone, re-cased as Cal.com does (america/new_york); null counts as not given',
    ),
  ),
  locale: Type.Optional(checkedInDomain(Type.Enum([...LOCALES]))),
  avatarUrl: Type.Optional(checkedInDomain(Type.String({ format: 'uri' }), 'http(s) URL')),
  bio: Type.Optional(checkedInDomain(Type.String({ maxLength: 10_000 }))),
  metadata: Type.Optional(checkedInDomain(Metadata)),
}

/** On PATCH, `null` clears these optional fields. */
const clearableFields = {
  locale: Type.Optional(checkedInDomain(nullable(Type.Enum([...LOCALES])))),
  avatarUrl: Type.Optional(
    checkedInDomain(nullable(Type.String({ format: 'uri' })), 'http(s) URL; null clears it'),
  ),
  bio: Type.Optional(checkedInDomain(nullable(Type.String({ maxLength: 10_000 })))),
  metadata: Type.Optional(checkedInDomain(nullable(Metadata))),
}

const name = Type.String({ maxLength: 255, description: 'Used in emails' })

export const CreateUserBody = Type.Object(
  {
    email: checkedInDomain(
      Type.String({ format: 'email' }),
      'Stored as local+<clientId>@domain, lower-cased',
    ),
    name: checkedInDomain(name),
    ...profileFields,
  },
  { additionalProperties: false },
)

export const UpdateUserBody = Type.Object(
  {
    email: Type.Optional(
      checkedInDomain(Type.String({ format: 'email' }), 'Stored as local+<clientId>@domain'),
    ),
    name: Type.Optional(checkedInDomain(name)),
    defaultScheduleId: Type.Optional(
      checkedInDomain(
        nullable(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
        'Kept as given (Tessera has no schedules); null clears it',
      ),
    ),
    ...profileFields,
    ...clearableFields,
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
