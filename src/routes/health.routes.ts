import { Type } from 'typebox'
import type { App } from './types.js'

export function healthRoutes(app: App): void {
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
}
