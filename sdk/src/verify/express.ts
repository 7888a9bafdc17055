import { verifiedRequests } from './fastify.js'
import { authenticate, type HttpAuthOptions } from './http-auth.js'

/** The parts of Node's (and Express's) request and response the middleware uses. */
interface RequestLike {
  readonly headers: Record<string, string | string[] | undefined>
}
interface ResponseLike {
  statusCode: number
  setHeader(name: string, value: string): unknown
  end(body: string): unknown
}

/**
 * Express-style middleware (Express, Connect, or plain `node:http`): requires a valid Tessera
 * access token, then calls `next()` with the claims readable through `tesseraToken(req)` (and on
 * `req.tessera`). Refusals are answered here; a misconfiguration goes to `next(err)`.
 */
export function tesseraExpress(options: HttpAuthOptions) {
  return (req: RequestLike, res: ResponseLike, next: (err?: unknown) => void): void => {
    authenticate(req.headers.authorization, options, undefined).then((outcome) => {
      if (outcome.ok) {
        verifiedRequests.set(req, outcome.token)
        ;(req as { tessera?: unknown }).tessera = outcome.token
        return next()
      }
      res.statusCode = outcome.status
      res.setHeader('content-type', 'application/json; charset=utf-8')
      for (const [name, value] of Object.entries(outcome.headers)) res.setHeader(name, value)
      res.end(JSON.stringify(outcome.body))
    }, next)
  }
}
