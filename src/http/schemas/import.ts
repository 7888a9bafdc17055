import { Type } from 'typebox'
import { PERMISSIONS } from '../../domain/clients/permissions.js'
import { LOCALES } from '../../domain/users/rules/locales.js'
import { WEEK_DAYS } from '../../domain/users/rules/week-start.js'
import { checkedInDomain } from './documented.js'

const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Optional(Type.Union([schema, Type.Null()]))

/** A managed user as Cal.com lists it (`ManagedUser`), with the id it keeps. */
const ImportedUser = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'Kept' }),
  email: Type.String({
    description: 'Kept as given; `+<clientId>` is added before the @ if it is not there',
  }),
  username: nullable(Type.String({ description: 'Kept; derived from the email when absent' })),
  name: nullable(Type.String({ maxLength: 255 })),
  bio: nullable(Type.String()),
  avatarUrl: nullable(Type.String()),
  locale: nullable(Type.String({ description: `One of Cal.com's locales: ${LOCALES.join(', ')}` })),
  timeZone: nullable(Type.String({ description: 'IANA; default Europe/London' })),
  weekStart: nullable(Type.String({ description: WEEK_DAYS.join(', ') })),
  timeFormat: nullable(Type.Integer({ description: '12 or 24' })),
  defaultScheduleId: nullable(Type.Integer()),
  metadata: nullable(
    Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()])),
  ),
  createdDate: nullable(Type.String({ format: 'date-time' })),
})

/** An OAuth client as Cal.com returns it (with its `secret`), plus its users. */
const ImportedClient = Type.Object({
  id: Type.String({ description: 'The client id, kept' }),
  secret: Type.String({ description: 'The client secret, kept; stored only as a keyed hash' }),
  name: Type.String(),
  redirectUris: Type.Optional(Type.Array(Type.String())),
  permissions: Type.Array(Type.Enum([...PERMISSIONS, '*'])),
  logo: nullable(Type.String()),
  bookingRedirectUri: nullable(Type.String()),
  bookingCancelRedirectUri: nullable(Type.String()),
  bookingRescheduleRedirectUri: nullable(Type.String()),
  areEmailsEnabled: Type.Optional(Type.Boolean()),
  areDefaultEventTypesEnabled: Type.Optional(Type.Boolean()),
  areCalendarEventsEnabled: Type.Optional(Type.Boolean()),
  createdAt: nullable(Type.String({ format: 'date-time' })),
  users: Type.Optional(Type.Array(ImportedUser)),
})

/** Checked field by field by the domain (every problem reported with its place). */
export const ImportBody = checkedInDomain(
  Type.Object({ clients: Type.Array(ImportedClient) }),
  'The import document (docs/migrating-from-calcom.md). Other fields are ignored.',
)

const Counts = Type.Object({
  created: Type.Integer({ description: 'Created (in a dry run: would be created)' }),
  unchanged: Type.Integer({ description: 'Already there, identical: skipped' }),
  conflicts: Type.Integer({ description: 'Different or in the way: reported, left alone' }),
})

export const ImportReport = Type.Object({
  dryRun: Type.Boolean(),
  clients: Counts,
  users: Counts,
  conflicts: Type.Array(
    Type.Object({
      record: Type.Union([Type.Literal('client'), Type.Literal('user')]),
      id: Type.Union([Type.String(), Type.Integer()], {
        description: 'Client id or user id',
      }),
      clientId: Type.String(),
      reason: Type.String({ description: 'What differs or what is in the way (never values)' }),
    }),
  ),
})
