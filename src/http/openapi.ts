import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import type { Config } from '../config/config.js'
import { openApiSchemas } from './schemas/documented.js'

/** The OpenAPI 3 document, generated from the route schemas, and the interactive reference. */
export async function registerOpenApi(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tessera API',
        version: '0.1.0',
        description:
          'Managed users and their tokens, wire-compatible with Cal.com API v2 Platform endpoints. ' +
          "Errors use Cal.com's envelope, except the standard OAuth endpoints (RFC 6749 errors).",
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      servers: [{ url: config.issuer }],
      components: {
        securitySchemes: {
          operatorKey: { type: 'http', scheme: 'bearer', description: 'TESSERA_ADMIN_KEY' },
          metricsToken: {
            type: 'http',
            scheme: 'bearer',
            description: 'TESSERA_METRICS_TOKEN (GET /metrics only)',
          },
          apiKey: {
            type: 'http',
            scheme: 'bearer',
            description: 'An organization API key (tsr_ak_…)',
          },
          clientSecret: { type: 'apiKey', in: 'header', name: 'x-cal-secret-key' },
          accessToken: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description: "A managed user's access token",
          },
          clientBasic: {
            type: 'http',
            scheme: 'basic',
            description: 'client_id:client_secret (RFC 6749 §2.3.1)',
          },
        },
      },
    },
    // the document shows the types of values the domain checks itself (schemas/documented.ts)
    transform: ({ schema, url }) => ({ schema: openApiSchemas(schema), url }),
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`),
    },
  })
  await app.register(swaggerUi, {
    routePrefix: '/v2/docs',
    uiConfig: { url: '/v2/docs/openapi.json', deepLinking: true },
    staticCSP: true,
  })
  app.get('/v2/docs/openapi.json', { schema: { hide: true } }, async () => app.swagger())
}
