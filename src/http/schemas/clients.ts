import { Type } from 'typebox'
import { PERMISSIONS } from '../../domain/clients/permissions.js'

const Permission = Type.Enum([...PERMISSIONS, '*'])

/**
 * A string that may be null (to clear it). One `type` list, not `anyOf`: with the app's
 * `coerceTypes`, the string branch of an `anyOf` would coerce null to "" before the null branch
 * is tried, storing an empty string instead of clearing the field.
 */
const nullableString = (maxLength: number) =>
  Type.Unsafe<string | null>({ type: ['string', 'null'], maxLength })

const settings = {
  logo: Type.Optional(nullableString(2048)),
  bookingRedirectUri: Type.Optional(nullableString(2048)),
  bookingCancelRedirectUri: Type.Optional(nullableString(2048)),
  bookingRescheduleRedirectUri: Type.Optional(nullableString(2048)),
  areEmailsEnabled: Type.Optional(Type.Boolean()),
  areDefaultEventTypesEnabled: Type.Optional(Type.Boolean()),
  areCalendarEventsEnabled: Type.Optional(Type.Boolean()),
}

const name = Type.String({ minLength: 1, maxLength: 255 })
const redirectUris = Type.Array(Type.String({ maxLength: 2048 }), { maxItems: 100 })
const permissions = Type.Array(Permission, { maxItems: 20 })

export const CreateClientBody = Type.Object(
  { name, redirectUris, permissions, ...settings },
  { additionalProperties: false },
)

export const UpdateClientBody = Type.Object(
  {
    name: Type.Optional(name),
    redirectUris: Type.Optional(redirectUris),
    permissions: Type.Optional(permissions),
    ...settings,
  },
  { additionalProperties: false },
)

export const OAuthClient = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    permissions: Type.Array(Type.Enum([...PERMISSIONS])),
    logo: Type.Union([Type.String(), Type.Null()]),
    redirectUris: Type.Array(Type.String()),
    organizationId: Type.Integer(),
    createdAt: Type.String({ format: 'date-time' }),
    areEmailsEnabled: Type.Boolean(),
    areDefaultEventTypesEnabled: Type.Boolean(),
    areCalendarEventsEnabled: Type.Boolean(),
    bookingRedirectUri: Type.Optional(Type.String()),
    bookingCancelRedirectUri: Type.Optional(Type.String()),
    bookingRescheduleRedirectUri: Type.Optional(Type.String()),
  },
  { $id: 'OAuthClient', description: 'An OAuth client. The secret is never part of it.' },
)

export const CreatedClient = Type.Object({
  clientId: Type.String(),
  clientSecret: Type.String({ description: 'Shown once; store it now' }),
})

export const RotatedSecret = Type.Object({
  clientSecret: Type.String({ description: 'The new secret, shown once' }),
  previousSecretExpiresAt: Type.String({
    format: 'date-time',
    description: 'Until then the previous secret keeps working',
  }),
})
