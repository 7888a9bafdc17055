import openapiTS from 'openapi-typescript'
import ts from 'typescript'
import { beforeAll, expect, it } from 'vitest'
import { expectFieldError } from '../../helpers/expect-error.js'
import { describeApp } from '../../helpers/fixture.js'
import { secretKey } from '../../helpers/http.js'

type Operation = {
  operationId?: string
  requestBody?: { content: Record<string, { schema: any }> }
}
type Document = { paths: Record<string, Record<string, Operation>> }

const METHODS = new Set(['get', 'put', 'post', 'patch', 'delete', 'head', 'options', 'trace'])

function operations(doc: Document): [string, Operation][] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, op]): [string, Operation] => [`${method.toUpperCase()} ${path}`, op]),
  )
}

/**
 * Every `unknown` in the TypeScript that openapi-typescript generates from the document, named
 * by where it sits (`operations.X.requestBody.content.application/json.email`). Response headers
 * (`headers: {[name: string]: unknown}`, the generator's default for undeclared headers) are not
 * bodies and are left out.
 */
async function unknownsInGeneratedTypes(doc: Document): Promise<string[]> {
  const nodes = await openapiTS(structuredClone(doc) as never, { silent: true })
  const found: string[] = []
  const nameOf = (node: ts.Node): string | undefined => {
    if (ts.isIndexSignatureDeclaration(node)) return '[key]'
    if (
      (ts.isPropertySignature(node) || ts.isInterfaceDeclaration(node)) &&
      (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name))
    ) {
      return node.name.text
    }
    return undefined
  }
  const walk = (node: ts.Node, path: string[]): void => {
    const name = nameOf(node)
    const here = name === undefined ? path : [...path, name]
    if (node.kind === ts.SyntaxKind.UnknownKeyword) found.push(here.join('.'))
    ts.forEachChild(node, (child) => walk(child, here))
  }
  for (const node of nodes) walk(node, [])
  return found.filter((where) => !/\.headers\.\[key\]$/.test(where))
}

/** Cal.com's own operationIds, so a client generated from either document has the same methods. */
const CALCOM_OPERATION_IDS: Record<string, string> = {
  'POST /v2/oauth-clients': 'OAuthClientsController_createOAuthClient',
  'GET /v2/oauth-clients': 'OAuthClientsController_getOAuthClients',
  'GET /v2/oauth-clients/{clientId}': 'OAuthClientsController_getOAuthClientById',
  'PATCH /v2/oauth-clients/{clientId}': 'OAuthClientsController_updateOAuthClient',
  'DELETE /v2/oauth-clients/{clientId}': 'OAuthClientsController_deleteOAuthClient',
  'GET /v2/oauth-clients/{clientId}/users': 'OAuthClientUsersController_getManagedUsers',
  'POST /v2/oauth-clients/{clientId}/users': 'OAuthClientUsersController_createUser',
  'GET /v2/oauth-clients/{clientId}/users/{userId}': 'OAuthClientUsersController_getUserById',
  'PATCH /v2/oauth-clients/{clientId}/users/{userId}': 'OAuthClientUsersController_updateUser',
  'DELETE /v2/oauth-clients/{clientId}/users/{userId}': 'OAuthClientUsersController_deleteUser',
  'POST /v2/oauth-clients/{clientId}/users/{userId}/force-refresh':
    'OAuthClientUsersController_forceRefresh',
  'POST /v2/oauth/{clientId}/refresh': 'OAuthFlowController_refreshTokens',
  'GET /v2/me': 'MeController_getMe',
  'PATCH /v2/me': 'MeController_updateMe',
  'GET /v2/provider/{clientId}': 'CalProviderController_verifyClientId',
  'GET /v2/provider/{clientId}/access-token': 'CalProviderController_verifyAccessToken',
}

describeApp('GET /v2/docs/openapi.json: a document a generator can use', (t) => {
  let doc: Document

  beforeAll(async () => {
    const res = await t.request({ method: 'GET', url: '/v2/docs/openapi.json' })
    expect(res.status).toBe(200)
    doc = res.body
  })

  it('names every operation with a unique operationId', () => {
    const ops = operations(doc)
    expect(ops.length).toBeGreaterThan(50)
    expect(ops.filter(([, op]) => !op.operationId).map(([name]) => name)).toEqual([])
    const ids = ops.map(([, op]) => op.operationId!)
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([])
    for (const id of ids) expect(id).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/)
  })

  it("uses Cal.com's operationIds for the Cal.com-compatible endpoints", () => {
    const actual = Object.fromEntries(
      operations(doc)
        .filter(([name]) => name in CALCOM_OPERATION_IDS)
        .map(([name, op]) => [name, op.operationId]),
    )
    expect(actual).toEqual(CALCOM_OPERATION_IDS)
  })

  it('documents form-encoded request bodies for the RFC 6749, 7009 and 7662 endpoints', () => {
    const expected = {
      '/v2/oauth/token': ['grant_type', 'refresh_token'],
      '/v2/oauth/revoke': ['token'],
      '/v2/oauth/introspect': ['token'],
    }
    for (const [path, required] of Object.entries(expected)) {
      const body = doc.paths[path]!.post!.requestBody
      expect(Object.keys(body?.content ?? {}), path).toEqual([
        'application/x-www-form-urlencoded',
        'application/json',
      ])
      const form = body!.content['application/x-www-form-urlencoded']!.schema
      expect(form.type, path).toBe('object')
      expect(form.required, path).toEqual(required)
      expect(Object.keys(form.properties), path).toEqual(
        expect.arrayContaining([...required, 'client_id', 'client_secret']),
      )
    }
  })

  it('generates TypeScript (openapi-typescript) with no `unknown` in any request or response body', async () => {
    expect(await unknownsInGeneratedTypes(doc)).toEqual([])
  })

  it('the check above finds an untyped field (it is not vacuous)', async () => {
    const broken = structuredClone(doc)
    const create = broken.paths['/v2/oauth-clients/{clientId}/users']!.post!
    create.requestBody!.content['application/json']!.schema.properties.email = {
      description: 'untyped',
    }
    expect(await unknownsInGeneratedTypes(broken)).toEqual([
      'operations.OAuthClientUsersController_createUser.requestBody.content.application/json.email',
    ])
  })

  it('types every managed-user field in the request bodies and the ManagedUser schema', () => {
    const create =
      doc.paths['/v2/oauth-clients/{clientId}/users']!.post!.requestBody!.content[
        'application/json'
      ]!.schema
    for (const [field, schema] of Object.entries<any>(create.properties)) {
      expect(schema.type ?? schema.anyOf ?? schema.enum, field).toBeDefined()
    }
    expect(create.properties.email.type).toBe('string')
    expect(create.properties.timeFormat.enum).toEqual([12, 24])
    expect(create.properties.locale.enum).toContain('pt-BR')
  })

  it('documents types without changing validation: the domain still refuses name: 5 (no coercion to "5")', async () => {
    const client = await t.createClient()
    const res = await t.request({
      method: 'POST',
      url: `/v2/oauth-clients/${client.clientId}/users`,
      headers: secretKey(client),
      payload: { email: 'typed@example.com', name: 5 },
    })
    expectFieldError(res, 'name', { message: 'name must be a string' })
  })
})
