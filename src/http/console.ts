import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import type { FastifyReply } from 'fastify'
import { notFound } from '../errors.js'
import type { App } from '../routes/types.js'

const PREFIX = '/console'

/**
 * Served with every console response: the app runs only its own bundled script (no inline code,
 * nothing from another origin), cannot be framed, and sends no Referer off the page.
 */
const CONSOLE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; '),
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
}

/**
 * Where `npm run build` put the console: `console/dist` of the checkout, found from this module
 * both when it runs compiled (dist/src/http) and from source (src/http, in the test suite).
 */
export function consoleDirectory(): string | undefined {
  for (const relative of ['../../../console/dist', '../../console/dist']) {
    const dir = fileURLToPath(new URL(relative, import.meta.url))
    if (existsSync(`${dir}/index.html`)) return dir
  }
  return undefined
}

/**
 * The console at `/console`: hashed assets cached for a year, `index.html` revalidated on every
 * load, and any other `/console/…` path answered with `index.html` (the app routes in the
 * browser). Without a build, `/console` says how to make one.
 */
export async function registerConsole(app: App, dir = consoleDirectory()): Promise<void> {
  await app.register(async (scope: App) => {
    scope.addHook('onSend', (_request, reply, payload, done) => {
      reply.headers(CONSOLE_HEADERS)
      done(null, payload)
    })
    if (dir === undefined) {
      const missing = async () => {
        throw notFound('The console is not built: run `npm run build`, then restart the server')
      }
      scope.get(PREFIX, { schema: { hide: true } }, missing)
      scope.get(`${PREFIX}/*`, { schema: { hide: true } }, missing)
      return
    }
    await scope.register(fastifyStatic, {
      root: dir,
      prefix: `${PREFIX}/`,
      index: false,
      wildcard: false,
      redirect: false,
      cacheControl: false,
      etag: true,
      lastModified: false,
      setHeaders: (reply, path) => {
        reply.header(
          'cache-control',
          path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        )
      },
    })
    const index = (_request: unknown, reply: FastifyReply) =>
      reply.header('cache-control', 'no-cache').sendFile('index.html')
    scope.get(PREFIX, { schema: { hide: true } }, index)
    scope.get(`${PREFIX}/`, { schema: { hide: true } }, index)
    scope.get(`${PREFIX}/*`, { schema: { hide: true } }, async (request, reply) => {
      // a missing asset is a 404, not the app: a stale page must not run HTML as a script
      if (request.url.startsWith(`${PREFIX}/assets/`)) {
        throw notFound(`No console asset at ${request.url.split('?')[0]}`)
      }
      return index(request, reply)
    })
  })
}
