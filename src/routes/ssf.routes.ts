import type { FastifyRequest } from 'fastify'
import { Type, type Static } from 'typebox'
import { DomainError, notFound } from '../errors.js'
import type { ClientAuthRecord } from '../domain/clients/client.model.js'
import { PUSH_METHOD } from '../domain/ssf/event-types.js'
import type { StreamOwner } from '../domain/ssf/stream.service.js'
import { errors } from '../http/schemas/common.js'
import {
  CreateStreamBody,
  StreamConfig,
  StreamQuery,
  StreamStatus,
  StreamStatusBody,
  TransmitterMetadata,
  UpdateStreamBody,
  VerifyBody,
} from '../http/schemas/ssf.js'
import { authorize } from './auth-hook.js'
import { parseBasic } from './oauth/client-auth.js'
import type { App, RouteDeps } from './types.js'

const tags = ['Shared Signals']
const security: Record<string, string[]>[] = [{ clientBasic: [] }, { clientSecret: [] }]
const NO_STORE = { 'cache-control': 'no-store' }
const NO_CONTENT = Type.Unsafe<undefined>({ type: 'null', description: 'No content' })
const BASIC_CHALLENGE = { 'www-authenticate': 'Basic realm="tessera", charset="UTF-8"' }

/**
 * OpenID Shared Signals Framework 1.0 transmitter, push delivery (RFC 8935): discovery, and the
 * stream management API for receivers, each an OAuth client authenticated with its secret
 * (HTTP Basic, RFC 6749 §2.3.1, or Cal.com's `x-cal-client-id` and `x-cal-secret-key`).
 * Unavailable when the instance signs with HS256: there is no public key to verify SETs with.
 */
export function ssfRoutes(root: App, { tessera, guards }: RouteDeps): void {
  const { streams } = tessera.events
  const { issuer } = tessera.ctx.config
  const endpoint = (path: string) => `${issuer}${path}`

  /** A receiver's credentials, checked under the same brute-force limits as everywhere else. */
  async function receiver(request: FastifyRequest): Promise<{ owner: StreamOwner; actor: string }> {
    const credentials = basicCredentials(request) ?? headerCredentials(request)
    if (!credentials) {
      throw new DomainError(
        'challenge_required',
        'Authenticate as the OAuth client: HTTP Basic with client id and secret, or x-cal-client-id and x-cal-secret-key',
        { headers: BASIC_CHALLENGE },
      )
    }
    let client: ClientAuthRecord
    try {
      client = await guards.verifyClientSecret(request, credentials.id, credentials.secret)
    } catch (err) {
      if (err instanceof DomainError && err.code === 'credentials_invalid') {
        throw new DomainError(err.code, err.message, { headers: BASIC_CHALLENGE })
      }
      throw err
    }
    return {
      owner: { clientId: client.id, organizationId: client.organizationId },
      actor: `client:${client.id}`,
    }
  }
  const asReceiver = authorize(receiver)

  void root.register(async (app: App) => {
    app.addSchema(StreamConfig)
    app.addHook('onRequest', async () => {
      if (tessera.keyRing.active.alg === 'HS256') {
        throw notFound(
          'Shared Signals are unavailable: this instance signs with HS256, which has no public key to verify Security Event Tokens with (set TESSERA_SIGNING_ALG to EdDSA or ES256). Webhooks carry the same events.',
        )
      }
    })

    const discovery = {
      schema: {
        tags,
        operationId: 'getSsfConfiguration',
        summary: 'Shared Signals transmitter metadata (SSF 1.0 §7)',
        response: { 200: TransmitterMetadata, ...errors(404) },
      },
    }
    const discoveryHandler = async (
      _request: FastifyRequest,
      reply: { header(name: string, value: string): unknown },
    ) => {
      reply.header('cache-control', 'public, max-age=300')
      return {
        spec_version: '1_0' as const,
        issuer,
        jwks_uri: endpoint('/.well-known/jwks.json'),
        delivery_methods_supported: [PUSH_METHOD],
        configuration_endpoint: endpoint('/v2/ssf/streams'),
        status_endpoint: endpoint('/v2/ssf/status'),
        verification_endpoint: endpoint('/v2/ssf/verify'),
        authorization_schemes: [{ spec_urn: 'urn:ietf:rfc:6749' }],
        default_subjects: 'ALL' as const,
      }
    }
    app.get('/.well-known/ssf-configuration', discovery, discoveryHandler)
    // SSF §7.2: an issuer with a path publishes its metadata under that path
    const issuerPath = new URL(issuer).pathname.replace(/\/$/, '')
    if (issuerPath !== '') {
      app.get(
        `/.well-known/ssf-configuration${issuerPath}`,
        {
          ...discovery,
          schema: { ...discovery.schema, operationId: 'getSsfConfigurationForIssuerPath' },
        },
        discoveryHandler,
      )
    }

    app.post(
      '/v2/ssf/streams',
      {
        schema: {
          tags,
          security,
          operationId: 'createSsfStream',
          summary: 'Create a stream (push delivery only)',
          body: CreateStreamBody,
          response: { 201: Type.Ref('SsfStreamConfig'), ...errors(400, 401, 404, 409, 429) },
        },
        preValidation: asReceiver.hook,
      },
      async (request, reply) => {
        const { owner, actor } = asReceiver.of(request)
        const created = await streams.create(owner, request.body, actor)
        return reply.status(201).headers(NO_STORE).send(created)
      },
    )

    app.get(
      '/v2/ssf/streams',
      {
        schema: {
          tags,
          security,
          operationId: 'readSsfStreams',
          summary: 'Read a stream (stream_id), or list them all',
          querystring: StreamQuery,
          response: {
            200: Type.Union([Type.Ref('SsfStreamConfig'), Type.Array(Type.Ref('SsfStreamConfig'))]),
            ...errors(400, 401, 404, 429),
          },
        },
        preValidation: asReceiver.hook,
      },
      async (request, reply) => {
        const { owner } = asReceiver.of(request)
        const { stream_id } = request.query
        reply.headers(NO_STORE)
        return stream_id === undefined ? streams.list(owner) : streams.get(owner, stream_id)
      },
    )

    for (const [method, mode] of [
      ['PATCH', 'patch'],
      ['PUT', 'replace'],
    ] as const) {
      app.route({
        method,
        url: '/v2/ssf/streams',
        schema: {
          tags,
          security,
          operationId: mode === 'patch' ? 'updateSsfStream' : 'replaceSsfStream',
          summary:
            mode === 'patch'
              ? 'Update the properties sent (§8.1.1.3)'
              : 'Replace every receiver-supplied property (§8.1.1.4)',
          body: UpdateStreamBody,
          response: { 200: Type.Ref('SsfStreamConfig'), ...errors(400, 401, 404, 409, 429) },
        },
        preValidation: asReceiver.hook,
        handler: async (request, reply) => {
          const { owner, actor } = asReceiver.of(request)
          const body = request.body as Static<typeof UpdateStreamBody>
          reply.headers(NO_STORE)
          return streams.update(owner, body.stream_id, body, mode, actor)
        },
      })
    }

    app.delete(
      '/v2/ssf/streams',
      {
        schema: {
          tags,
          security,
          operationId: 'deleteSsfStream',
          summary: 'Delete a stream and its pending events',
          querystring: StreamQuery,
          response: { 204: NO_CONTENT, ...errors(400, 401, 404, 429) },
        },
        preValidation: asReceiver.hook,
      },
      async (request, reply) => {
        const { owner, actor } = asReceiver.of(request)
        await streams.delete(owner, request.query.stream_id, actor)
        return reply.status(204).headers(NO_STORE).send()
      },
    )

    app.get(
      '/v2/ssf/status',
      {
        schema: {
          tags,
          security,
          operationId: 'getSsfStreamStatus',
          summary: "Read a stream's status",
          querystring: StreamQuery,
          response: { 200: StreamStatus, ...errors(400, 401, 404, 429) },
        },
        preValidation: asReceiver.hook,
      },
      async (request, reply) => {
        reply.headers(NO_STORE)
        return streams.status(asReceiver.of(request).owner, request.query.stream_id)
      },
    )

    app.post(
      '/v2/ssf/status',
      {
        schema: {
          tags,
          security,
          operationId: 'updateSsfStreamStatus',
          summary: 'Enable, pause (events are held) or disable (events are dropped) a stream',
          body: StreamStatusBody,
          response: { 200: StreamStatus, ...errors(400, 401, 404, 429) },
        },
        preValidation: asReceiver.hook,
      },
      async (request, reply) => {
        const { owner, actor } = asReceiver.of(request)
        reply.headers(NO_STORE)
        return streams.setStatus(owner, request.body, actor)
      },
    )

    app.post(
      '/v2/ssf/verify',
      {
        schema: {
          tags,
          security,
          operationId: 'verifySsfStream',
          summary: 'Send a verification event carrying `state` over the stream',
          body: VerifyBody,
          response: { 204: NO_CONTENT, ...errors(400, 401, 404, 429) },
        },
        preValidation: asReceiver.hook,
      },
      async (request, reply) => {
        await streams.verify(asReceiver.of(request).owner, request.body)
        return reply.status(204).headers(NO_STORE).send()
      },
    )
  })
}

function basicCredentials(request: FastifyRequest): { id: string; secret: string } | null {
  const parsed = parseBasic(request.headers.authorization)
  return parsed === 'malformed' ? null : parsed
}

function headerCredentials(request: FastifyRequest): { id: string; secret: string } | null {
  const id = request.headers['x-cal-client-id']
  const secret = request.headers['x-cal-secret-key']
  return typeof id === 'string' && id !== '' && typeof secret === 'string' && secret !== ''
    ? { id, secret }
    : null
}
