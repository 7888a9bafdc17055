import { Type, type TSchema } from 'typebox'
import type { App, RouteDeps } from '../types.js'

export interface OAuthRouteDeps extends RouteDeps {
  readonly app: App
}

/** RFC 6749 §5.1: token responses must not be cached. */
export const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' }

const OAuthErrorBody = Type.Object(
  { error: Type.String(), error_description: Type.Optional(Type.String()) },
  { description: 'RFC 6749 §5.2 error' },
)

export function oauthErrors(...statuses: number[]): Record<number, TSchema> {
  return Object.fromEntries(statuses.map((s) => [s, OAuthErrorBody]))
}
