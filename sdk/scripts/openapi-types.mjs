// Turns the server's OpenAPI document into the SDK's types. Shared by `npm run sdk:types` (which
// writes the file) and the test that fails when the checked-in file differs from what the server
// serves, so both always render the same way.
import openapiTS, { astToString } from 'openapi-typescript'

export const GENERATED_TYPES_PATH = new URL('../src/generated/openapi.ts', import.meta.url)

const HEADER = `/**
 * Generated from the OpenAPI document Tessera serves at GET /v2/docs/openapi.json.
 * Do not edit: run \`npm run sdk:types\` after changing a route (see sdk/README.md).
 */
/* eslint-disable */

`

/** @param {object} document the OpenAPI 3.1 document @returns {Promise<string>} */
export async function renderTypes(document) {
  const ast = await openapiTS(structuredClone(document), { silent: true })
  return HEADER + astToString(ast)
}
