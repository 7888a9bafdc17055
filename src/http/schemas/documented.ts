import { Type, type TSchema, type TUnknown } from 'typebox'

const DOCUMENTED = Symbol.for('tessera.documented')

/**
 * A value the domain checks itself (with Cal.com's messages and casts: `"24"` is a valid
 * `timeFormat`, `name: 5` is refused rather than coerced to `"5"`) or, for the RFC endpoints,
 * the route reads by hand so that errors come in RFC 6749's order and shape. The validator sees an
 * empty schema (anything passes to the domain); the OpenAPI document shows `documented`, so
 * generated clients get the real type. `openApiSchemas` does the swap.
 */
export function checkedInDomain<T extends TSchema>(documented: T, description?: string): TUnknown {
  const description_ = description ?? (documented as { description?: string }).description
  const schema = Type.Unknown(description_ === undefined ? {} : { description: description_ })
  Object.defineProperty(schema, DOCUMENTED, { value: documented, enumerable: false })
  return schema
}

/**
 * A copy of a route schema for the OpenAPI document, with every `checkedInDomain` value replaced
 * by the type it documents. The route's own schema (the one validation uses) is left as it is.
 */
export function openApiSchemas<T>(schema: T): T {
  return swap(schema) as T
}

function swap(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(swap)
  if (value === null || typeof value !== 'object') return value
  const documented = (value as { [DOCUMENTED]?: TSchema })[DOCUMENTED]
  if (documented !== undefined) {
    const description = (value as { description?: string }).description
    return { ...(swap(documented) as object), ...(description ? { description } : {}) }
  }
  const out: Record<string, unknown> = {}
  for (const [key, inner] of Object.entries(value)) out[key] = swap(inner)
  return out
}
