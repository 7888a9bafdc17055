import { randomUUID } from 'node:crypto'
import type { RequestListener, Server } from 'node:http'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { LogController, type FastifyBaseLogger } from 'fastify'
import { validationFailed, type FieldProblem } from './errors.js'
import { answerCors } from './http/cors.js'
import {
  handleClientError,
  handleFrameworkError,
  registerErrorHandling,
} from './http/error-handler.js'
import { registerConsole } from './http/console.js'
import { Guards, rateLimitHeaders } from './http/guards.js'
import { drainingHook } from './http/draining.js'
import { registerJsonBody } from './http/json-body.js'
import { registerOpenApi } from './http/openapi.js'
import { reportUnavailable } from './http/unavailable.js'
import { registerDeadline } from './http/deadline.js'
import { lazySchemaCompilers, type LazySchemaCompilers } from './http/lazy-schemas.js'
import { createHttpServer } from './http/listener.js'
import { ErrorEnvelope, Keys } from './http/schemas/common.js'
import { OAuthClient } from './http/schemas/clients.js'
import { ManagedUser } from './http/schemas/users.js'
import { adminRoutes } from './routes/admin.routes.js'
import { auditRoutes } from './routes/audit.routes.js'
import { consoleSupportRoutes } from './routes/console-support.routes.js'
import { healthRoutes } from './routes/health.routes.js'
import { importRoutes } from './routes/import.routes.js'
import { managedUserRoutes } from './routes/managed-users.routes.js'
import { meRoutes } from './routes/me.routes.js'
import { oauthClientRoutes } from './routes/oauth-clients.routes.js'
import { operatorViewRoutes } from './routes/operator-views.routes.js'
import { providerRoutes } from './routes/provider.routes.js'
import { standardOAuthRoutes } from './routes/oauth/index.js'
import { refreshRoutes } from './routes/refresh.routes.js'
import { sessionRoutes } from './routes/sessions.routes.js'
import { registerWebhookRoutes } from './routes/webhooks/index.js'
import { ssfRoutes } from './routes/ssf.routes.js'
import { whoamiRoutes } from './routes/whoami.routes.js'
import type { App, RouteDeps } from './routes/types.js'
import type { Tessera } from './tessera.js'

const BODY_LIMIT = 1024 * 1024

export interface AppOptions {
  /** The server to build on (http/listener.ts); unset, a new one. */
  readonly serverFactory?: (handler: RequestListener) => Server
  /** The route schemas' compilers (http/lazy-schemas.ts); tests pass theirs to compile them all. */
  readonly schemaCompilers?: LazySchemaCompilers
}

/**
 * The HTTP application. Registration order is the security order: request ids and CORS, body
 * parsing with limits, error envelopes, then routes (each authorizes before it validates).
 */
export async function buildApp(tessera: Tessera, options: AppOptions = {}): Promise<App> {
  const { config, logger } = tessera.ctx
  const app = Fastify({
    // the server carries the slow-client limits (http/listener.ts); the process's own listener
    // exists before the app (it answers probes during start-up) and is handed over
    serverFactory: options.serverFactory ?? ((handler) => createHttpServer(config.http, handler)),
    loggerInstance: logger.child(
      {},
      {
        redact: {
          paths: [
            'req.headers.authorization',
            'req.headers["x-cal-secret-key"]',
            'req.headers.cookie',
          ],
          censor: '[redacted]',
        },
      },
    ) as FastifyBaseLogger,
    // one access-log line per request (onResponse below) instead of Fastify's two
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: config.trustProxy,
    bodyLimit: BODY_LIMIT,
    // Ids that cannot exist are answered like any unknown id (401/404), not by the router; only
    // what Node's 16 KiB header limit would refuse anyway is left to frameworkErrors (414).
    routerOptions: { maxParamLength: 16 * 1024 },
    frameworkErrors: handleFrameworkError,
    clientErrorHandler: handleClientError,
    ajv: { customOptions: { removeAdditional: true, coerceTypes: 'array', useDefaults: true } },
    // each route's validation and serialization code is generated on its first request
    schemaController: {
      compilersFactory: (options.schemaCompilers ?? lazySchemaCompilers()).compilersFactory,
    },
    return503OnClosing: true,
  }).withTypeProvider<TypeBoxTypeProvider>()

  // Hooks in callback style: they run on every request, and an async hook costs a promise each.
  const accessLog = logger.isLevelEnabled('info')
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id)
    reply.header('x-content-type-options', 'nosniff')
    if (request.headers.origin === undefined || !answerCors(request, reply)) done()
  })
  app.addHook('onRequest', drainingHook(tessera.readiness))
  // Query values are checked like JSON bodies (json-body.ts): NUL characters cannot be compared
  // by PostgreSQL. And AJV coerces "Infinity" or "1e999" in a path or query into numbers that
  // pass `integer` and skip `minimum`/`maximum`. Either would reach SQL and end as a 500. (Path
  // ids with NUL are refused by the guards and ParseIntPipe-like checks, with Cal.com's messages.)
  app.addHook('preHandler', (request, _reply, done) => {
    if (request.is404 || (isEmpty(request.params) && isEmpty(request.query))) return done()
    const problems = [
      ...urlValueProblems(request.params, false),
      ...urlValueProblems(request.query, true),
    ]
    done(problems.length > 0 ? validationFailed(problems) : undefined)
  })
  app.addHook('onSend', (request, reply, payload, done) => {
    if (request.rateLimit) reply.headers(rateLimitHeaders(request.rateLimit))
    done(null, payload)
  })
  app.addHook('onResponse', (request, reply, done) => {
    tessera.saturation.served()
    tessera.metrics.observe(
      'tessera_http_request_duration_seconds',
      {
        method: request.method,
        // the route template, never the path: ids must not become label values
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    )
    if (accessLog) {
      request.log.info(
        {
          method: request.method,
          path: request.url.split('?')[0],
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime * 10) / 10,
        },
        'request',
      )
    }
    done()
  })
  registerJsonBody(app)
  registerErrorHandling(app)
  reportUnavailable(app, tessera.ctx.faults)
  registerDeadline(app, config.requestTimeoutMs, tessera.ctx.faults)
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
  healthRoutes(app, deps)
  adminRoutes(app, deps)
  importRoutes(app, deps)
  operatorViewRoutes(app, deps)
  whoamiRoutes(app, deps)
  oauthClientRoutes(app, deps)
  managedUserRoutes(app, deps)
  sessionRoutes(app, deps)
  refreshRoutes(app, deps)
  meRoutes(app, deps)
  providerRoutes(app, deps)
  auditRoutes(app, deps)
  consoleSupportRoutes(app, deps)
  registerWebhookRoutes(app, deps)
  ssfRoutes(app, deps)
  await standardOAuthRoutes(app, deps)
  await registerConsole(app)
  return app
}

/** Path or query values (after coercion) that no id, filter, limit or offset can be. */
function urlValueProblems(values: unknown, refuseNul: boolean): FieldProblem[] {
  if (values === null || typeof values !== 'object') return []
  const problems: FieldProblem[] = []
  for (const [property, value] of Object.entries(values as Record<string, unknown>)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (refuseNul && typeof v === 'string' && v.includes('\u0000')) {
        problems.push({
          property,
          constraints: { noNul: `${property} must not contain NUL (\\u0000) characters` },
        })
        break
      }
      if (
        typeof v === 'number' &&
        !(Number.isFinite(v) && Math.abs(v) <= Number.MAX_SAFE_INTEGER)
      ) {
        problems.push({
          property,
          constraints: { isFinite: `${property} must be a finite number between -2^53 and 2^53` },
        })
        break
      }
    }
  }
  return problems
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true
  for (const _ in value as object) return false
  return true
}
