import { createRequire } from 'node:module'
import type ValidatorSelector from '@fastify/ajv-compiler'
import type SerializerSelector from '@fastify/fast-json-stringify-compiler'
import type { FastifyServerOptions } from 'fastify'

// Loaded on the first request that needs them: Ajv and fast-json-stringify take 100 ms to load.
const require = createRequire(import.meta.url)
const validatorSelector = once(() =>
  (require('@fastify/ajv-compiler') as typeof ValidatorSelector)(),
)
const serializerSelector = once(() =>
  (require('@fastify/fast-json-stringify-compiler') as typeof SerializerSelector)(),
)

type CompilersFactory = NonNullable<
  NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']
>
type Validate = ((data: unknown) => unknown) & { errors?: unknown }

/**
 * Fastify's own schema compilers (Ajv for requests, fast-json-stringify for responses), each
 * route's code generated on its first request instead of at start-up. Generating it for every
 * route up front was a third of an embedded cold start (about a second: docs/performance.md);
 * the first request of a route now pays a few milliseconds instead.
 *
 * `compileAll()` generates whatever is still pending: the test that every schema compiles uses
 * it, so a broken schema still fails the suite instead of a user's first request.
 */
export interface LazySchemaCompilers {
  readonly compilersFactory: CompilersFactory
  /** Compiles every route schema not compiled yet; returns how many it compiled. */
  compileAll(): number
  /** Route schemas (a part of a request, or a response status) not compiled yet. */
  pending(): number
}

export function lazySchemaCompilers(): LazySchemaCompilers {
  const pending = new Set<() => unknown>()

  /** The compiled function on first use; until then `pending` can force it. */
  function deferred<F>(compile: () => F): () => F {
    let compiled: F | undefined
    const force = (): F => {
      if (compiled === undefined) {
        compiled = compile()
        pending.delete(force)
      }
      return compiled
    }
    pending.add(force)
    return force
  }

  return {
    compilersFactory: {
      buildValidator(externalSchemas, ajvOptions) {
        // the Ajv instance itself (its keywords and formats) is built on first use too
        const compilerOf = once(() =>
          validatorSelector()(externalSchemas as never, ajvOptions as never),
        )
        return (route) => {
          const validate = deferred(() => compilerOf()(route as never) as Validate)
          const lazy: Validate = (data) => validate()(data)
          // Fastify reads the failures from the validator after a call that returned false
          Object.defineProperty(lazy, 'errors', { get: () => validate().errors })
          // Fastify calls it and reads `errors`, nothing else of Ajv's function
          return lazy as never
        }
      },
      buildSerializer(externalSchemas, serializerOptions) {
        const compilerOf = once(() =>
          serializerSelector()(externalSchemas, serializerOptions as never),
        )
        return (route) => {
          const serialize = deferred(() => compilerOf()(route as never))
          return (data: unknown) => serialize()(data)
        }
      },
    },
    compileAll() {
      let compiled = 0
      for (const force of [...pending]) {
        force()
        compiled++
      }
      return compiled
    },
    pending: () => pending.size,
  }
}

function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined
  return () => (made ??= { value: make() }).value
}
