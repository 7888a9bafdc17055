import { Type } from 'typebox'
import { readinessBody } from '../health/readiness.js'
import type { App, RouteDeps } from './types.js'

const Check = Type.Object({ ok: Type.Boolean(), message: Type.Optional(Type.String()) })
const Report = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  failing: Type.Array(Type.String(), { description: 'Names of the checks that failed' }),
  checks: Type.Object({
    database: Check,
    migrations: Check,
    changeFeed: Check,
    shutdown: Check,
    startup: Check,
  }),
})

/** Probes: unauthenticated, never rate limited, no database work except the readiness query. */
export function healthRoutes(app: App, { tessera }: RouteDeps): void {
  app.get(
    '/health',
    {
      schema: {
        tags: ['Operations'],
        operationId: 'getHealth',
        summary: 'Readiness: 200 once the server accepts requests',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  )

  app.get(
    '/health/live',
    {
      schema: {
        tags: ['Operations'],
        operationId: 'getLiveness',
        summary: 'Liveness: 200 while the process serves (restart it when this fails)',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  )

  app.get(
    '/health/ready',
    {
      schema: {
        tags: ['Operations'],
        operationId: 'getReadiness',
        summary:
          'Readiness: 200 when start-up has finished, the database answers, migrations are current, the change feed is live and no shutdown has begun; 503 naming the failing checks otherwise',
        response: { 200: Report, 503: Report },
      },
    },
    async (_request, reply) => {
      const report = await tessera.readiness.check()
      reply.header('cache-control', 'no-store')
      return reply.status(report.ready ? 200 : 503).send(readinessBody(report))
    },
  )
}
