import { randomUUID } from 'node:crypto'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { LogController, type FastifyBaseLogger } from 'fastify'
import { registerCors } from './http/cors.js'
import { registerErrorHandling } from './http/error-handler.js'
import { Guards, rateLimitHeaders } from './http/guards.js'
import { registerJsonBody } from './http/json-body.js'
import { registerOpenApi } from './http/openapi.js'
import { ErrorEnvelope, Keys } from './http/schemas/common.js'
import { OAuthClient } from './http/schemas/clients.js'
import { ManagedUser } from './http/schemas/users.js'
import { adminRoutes } from './routes/admin.routes.js'
import { auditRoutes } from './routes/audit.routes.js'
import { healthRoutes } from './routes/health.routes.js'
import { managedUserRoutes } from './routes/managed-users.routes.js'
import { meRoutes } from './routes/me.routes.js'
import { oauthClientRoutes } from './routes/oauth-clients.routes.js'
import { standardOAuthRoutes } from './routes/oauth/index.js'
import { refreshRoutes } from './routes/refresh.routes.js'
import { sessionRoutes } from './routes/sessions.routes.js'
import type { App, RouteDeps } from './routes/types.js'
import type { Tessera } from './tessera.js'

export const BODY_LIMIT = 1024 * 1024

/**
 * The HTTP application. Registration order is the security order: request ids and CORS, body
 * parsing with limits, error envelopes, then routes (each authorizes before it validates).
 */
export async function buildApp(tessera: Tessera): Promise<App> {
  const { config, logger } = tessera.ctx
  const app = Fastify({
    loggerInstance: logger.child({}, {
      redact: {
        paths: ['req.headers.authorization', 'req.headers["x-cal-secret-key"]', 'req.headers.cookie'],
        censor: '[redacted]',
      },
    }) as FastifyBaseLogger,
    // one access-log line per request (onResponse below) instead of Fastify's two
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: config.trustProxy,
    bodyLimit: BODY_LIMIT,
    ajv: { customOptions: { removeAdditional: true, coerceTypes: 'array', useDefaults: true } },
    return503OnClosing: true,
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id)
    reply.header('x-content-type-options', 'nosniff')
  })
  app.addHook('onSend', async (request, reply) => {
    if (request.rateLimit) reply.headers(rateLimitHeaders(request.rateLimit))
  })
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        path: request.url.split('?')[0],
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request',
    )
  })
  registerCors(app)
  registerJsonBody(app)
  registerErrorHandling(app)
  await registerOpenApi(app, config)
  for (const schema of [ErrorEnvelope, Keys, OAuthClient, ManagedUser]) app.addSchema(schema)

  const deps: RouteDeps = {
    tessera,
    guards: new Guards({
      operatorKey: tessera.operatorKey,
      organizations: tessera.organizations,
      clients: tessera.clients,
      users: tessera.users,
      verifier: tessera.verifier,
      limiter: tessera.limiter,
      metrics: tessera.metrics,
    }),
  }
  healthRoutes(app)
  adminRoutes(app, deps)
  oauthClientRoutes(app, deps)
  managedUserRoutes(app, deps)
  sessionRoutes(app, deps)
  refreshRoutes(app, deps)
  meRoutes(app, deps)
  auditRoutes(app, deps)
  await standardOAuthRoutes(app, deps)
  return app
}
