import type { IncomingMessage, ServerResponse } from 'node:http'
import { readinessBody } from '../health/readiness.js'
import type { StartupProgress } from '../health/startup-progress.js'
import { RFC6749_PATHS } from '../routes/oauth/paths.js'
import { envelopeAnswer, oauthAnswer, toOAuthError, type WireAnswer } from './error-handler.js'
import { serviceUnavailable } from './unavailable.js'

const MESSAGE = 'The server is starting; retry after the delay in Retry-After'

const OAUTH_PATHS: ReadonlySet<string> = new Set(Object.values(RFC6749_PATHS))

/**
 * What the listener answers until the app is ready (http/listener.ts): `/health/live` 200 (the
 * process serves: a supervisor must not restart it for waiting), `/health/ready` 503 naming what
 * start-up waits for, and every other request, `/health` included (the contract's "accepts
 * requests" probe), the 503 with Retry-After a database outage gets, in the route's form.
 */
export function startingHandler(progress: StartupProgress) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    const url = request.url ?? '/'
    const path = url.split('?')[0]!
    const read = request.method === 'GET' || request.method === 'HEAD'
    if (read && path === '/health/live') {
      return write(response, { status: 200, headers: {}, body: { status: 'ok' } })
    }
    if (read && path === '/health/ready') {
      const body = readinessBody(progress.report())
      return write(response, { status: 503, headers: { 'cache-control': 'no-store' }, body })
    }
    const error = serviceUnavailable(MESSAGE)
    write(
      response,
      OAUTH_PATHS.has(path) ? oauthAnswer(toOAuthError(error)) : envelopeAnswer(error, url),
    )
  }
}

function write(response: ServerResponse, answer: WireAnswer): void {
  const body = JSON.stringify(answer.body)
  response.writeHead(answer.status, {
    ...answer.headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'x-content-type-options': 'nosniff',
  })
  // the request's body, if any, is discarded by Node once the answer is written
  response.end(body)
}
