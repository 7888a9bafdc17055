import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify'
import type { Guards } from '../http/guards.js'
import type { Tessera } from '../tessera.js'

/** The Fastify instance with TypeBox inference, as every route module receives it. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>

export interface RouteDeps {
  readonly tessera: Tessera
  readonly guards: Guards
}

export const ok = <T>(data: T) => ({ status: 'success' as const, data })
