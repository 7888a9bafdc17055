import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { TestApp } from '../../test/helpers/test-app.js'
import { GENERATED_TYPES_PATH, renderTypes } from '../scripts/openapi-types.mjs'

// The document does not depend on the database backend, so one instance is enough.
describe("the SDK's generated types", () => {
  let t: TestApp
  beforeAll(async () => {
    t = await new TestApp('pglite').start()
  })
  afterAll(() => t.close())

  test('are exactly what the served OpenAPI document renders to (else: npm run sdk:types)', async () => {
    const res = await t.request({ method: 'GET', url: '/v2/docs/openapi.json' })
    expect(res.status).toBe(200)
    const expected = await renderTypes(res.body)
    const checkedIn = readFileSync(GENERATED_TYPES_PATH, 'utf8')
    // a plain equality would print 3000 lines; name the first line that differs instead
    const served = expected.split('\n')
    const stored = checkedIn.split('\n')
    const firstDifference = served.findIndex((line, i) => line !== stored[i])
    expect(
      firstDifference === -1 && served.length === stored.length
        ? 'identical'
        : `differs at line ${firstDifference + 1}: served ${JSON.stringify(served[firstDifference])}, checked in ${JSON.stringify(stored[firstDifference])} — run npm run sdk:types`,
    ).toBe('identical')
  })
})
