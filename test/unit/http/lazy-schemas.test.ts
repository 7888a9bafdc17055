import Fastify from 'fastify'
import { describe, expect, it, onTestFinished } from 'vitest'
import { buildApp } from '../../../src/app.js'
import { lazySchemaCompilers, type LazySchemaCompilers } from '../../../src/http/lazy-schemas.js'
import type { App } from '../../../src/routes/types.js'
import { expectFieldError } from '../../helpers/expect-error.js'
import { useApp } from '../../helpers/fixture.js'
import { OPERATOR_KEY } from '../../helpers/http.js'

const URL = '/v2/admin/organizations'

describe('route schemas compiled on first use', () => {
  const t = useApp('pglite')

  /** A second app on the test instance, whose compilers the test holds; closed when it ends. */
  async function lazyApp(): Promise<{ app: App; compilers: LazySchemaCompilers }> {
    const compilers = lazySchemaCompilers()
    const app = await buildApp(t.tessera, { schemaCompilers: compilers })
    onTestFinished(() => app.close())
    await app.ready()
    return { app, compilers }
  }

  it('generates no validation or serialization code at start-up', async () => {
    const { app, compilers } = await lazyApp()
    // every route with a schema registered its parts, none compiled yet
    const routes = app.printRoutes({ commonPrefix: false }).split('\n').length
    expect(compilers.pending()).toBeGreaterThan(routes)
  })

  it("a route's first request compiles its schemas, and validates and answers as before", async () => {
    const { app, compilers } = await lazyApp()
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
  })

  it("compiles every route's schemas without error (a broken schema fails here, not in production)", async () => {
    const { compilers } = await lazyApp()
    const pending = compilers.pending()
    expect(compilers.compileAll()).toBe(pending)
    expect(compilers.pending()).toBe(0)
    expect(compilers.compileAll()).toBe(0)
  })

  it('compileAll reports a schema that does not compile', async () => {
    const compilers = lazySchemaCompilers()
    const app = Fastify({ schemaController: { compilersFactory: compilers.compilersFactory } })
    app.post(
      '/broken',
      { schema: { body: { type: 'object', properties: { a: { type: 'nonsense' } } } } },
      () => 'x',
    )
    onTestFinished(() => app.close())
    await app.ready()
    expect(() => compilers.compileAll()).toThrow(/nonsense|type/)
  })
})
