import Fastify from 'fastify'
import { describe, expect, it } from 'vitest'
import { buildApp } from '../../../src/app.js'
import { lazySchemaCompilers } from '../../../src/http/lazy-schemas.js'
import type { App } from '../../../src/routes/types.js'
import { expectFieldError } from '../../helpers/expect-error.js'
import { useApp } from '../../helpers/fixture.js'
import { OPERATOR_KEY } from '../../helpers/http.js'

const URL = '/v2/admin/organizations'

describe('route schemas compiled on first use', () => {
  const t = useApp('pglite')

  /** A second app on the test instance, whose compilers the test holds. */
  async function appWith(compilers = lazySchemaCompilers()): Promise<App> {
    const app = await buildApp(t.tessera, { schemaCompilers: compilers })
    await app.ready()
    return app
  }

  it('generates no validation or serialization code at start-up', async () => {
    const compilers = lazySchemaCompilers()
    const app = await appWith(compilers)
    try {
      // every route with a schema registered its parts, none compiled yet
      const routes = app.printRoutes({ commonPrefix: false }).split('\n').length
      expect(compilers.pending()).toBeGreaterThan(routes)
    } finally {
      await app.close()
    }
  })

  it("a route's first request compiles its schemas, and validates and answers as before", async () => {
    const compilers = lazySchemaCompilers()
    const app = await appWith(compilers)
    try {
      const before = compilers.pending()
      const post = (payload: unknown) =>
        app.inject({
          method: 'POST',
          url: URL,
          headers: { authorization: `Bearer ${OPERATOR_KEY}` },
          payload: payload as object,
        })
      const refused = await post({ name: 'n'.repeat(256) })
      expectFieldError(
        {
          status: refused.statusCode,
          headers: refused.headers,
          body: refused.json(),
          text: refused.body,
        },
        'name',
      )
      const afterFirst = compilers.pending()
      expect(afterFirst).toBeLessThan(before)

      const created = await post({ name: 'Lazy Inc' })
      expect(created.statusCode).toBe(201)
      // the response went through the 201 schema: exactly its properties
      expect(Object.keys(created.json().data).sort()).toEqual(['apiKey', 'createdAt', 'id', 'name'])
      expect(created.json().data.name).toBe('Lazy Inc')
      expect(compilers.pending()).toBeLessThan(afterFirst)
    } finally {
      await app.close()
    }
  })

  it("compiles every route's schemas without error (a broken schema fails here, not in production)", async () => {
    const compilers = lazySchemaCompilers()
    const app = await appWith(compilers)
    try {
      const pending = compilers.pending()
      expect(compilers.compileAll()).toBe(pending)
      expect(compilers.pending()).toBe(0)
      expect(compilers.compileAll()).toBe(0)
    } finally {
      await app.close()
    }
  })

  it('compileAll reports a schema that does not compile', async () => {
    const compilers = lazySchemaCompilers()
    const app = Fastify({ schemaController: { compilersFactory: compilers.compilersFactory } })
    app.post(
      '/broken',
      { schema: { body: { type: 'object', properties: { a: { type: 'nonsense' } } } } },
      () => 'x',
    )
    await app.ready()
    try {
      expect(() => compilers.compileAll()).toThrow(/nonsense|type/)
    } finally {
      await app.close()
    }
  })
})
