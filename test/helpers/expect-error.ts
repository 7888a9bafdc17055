import { expect } from 'vitest'
import type { Response } from './test-app.js'

/** A random (version 4) UUID, as every `X-Request-Id` must be. */
export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

/** What an error is expected to say beyond its status and code. */
export interface ExpectedError {
  /** `error.message`, exactly (Cal.com's wording: integrations match on it). */
  readonly message?: string
  /** The envelope's `path`: the request's URL as sent. */
  readonly path?: string
}

/**
 * Cal.com's error envelope (every Cal.com-compatible route), checked whole: the status; JSON; exactly `status`, `timestamp`,
 * `path` and `error` at the top; `status: "error"`; an ISO timestamp; the code; a non-empty
 * message (exactly `message` when given); `details` absent or in one of the shapes Cal.com sends
 * (Nest's `{message, error, statusCode}` agreeing with the message and status, validation's
 * `{errors: [{property, constraints}]}`, or 498's `ACCESS_TOKEN_IS_EXPIRED`); a request id.
 * Pass a string as the last argument for the message alone.
 */
export function expectError(
  res: Response<any>,
  status: number,
  code: string,
  expected: ExpectedError | string = {},
): void {
  const { message, path } = typeof expected === 'string' ? { message: expected } : expected
  expect(res.status, res.text).toBe(status)
  expect(String(res.headers['content-type'])).toMatch(/^application\/json/)
  expect(Object.keys(res.body as object).sort()).toEqual(['error', 'path', 'status', 'timestamp'])
  expect(res.body.status).toBe('error')
  expect(new Date(res.body.timestamp).toISOString()).toBe(res.body.timestamp)
  expect(res.body.path).toEqual(path ?? expect.any(String))
  const error = res.body.error
  expect(error.code).toBe(code)
  expect(error.message).toEqual(message ?? expect.any(String))
  expect(error.message.length).toBeGreaterThan(0)
  expect(['code', 'message', 'details']).toEqual(expect.arrayContaining(Object.keys(error)))
  if ('details' in error) expectDetails(error.details, status, error.message)
  else if (message !== undefined && NEST_EXCEPTIONS.has(code)) {
    // Cal.com (a NestJS app) sends Nest's details with every exception built from a message
    expect(error, 'details of a Nest exception').toHaveProperty('details')
  }
  expect(res.headers['x-request-id']).toMatch(UUID_V4)
}

const NEST_EXCEPTIONS = new Set([
  'BadRequestException',
  'UnauthorizedException',
  'ForbiddenException',
  'NotFoundException',
  'ConflictException',
])

function expectDetails(details: any, status: number, message: string) {
  if (status === 498) {
    expect(details).toBe('ACCESS_TOKEN_IS_EXPIRED')
  } else if (details && typeof details === 'object' && 'errors' in details) {
    expect(status).toBe(400)
    expect(Object.keys(details)).toEqual(['errors'])
    for (const problem of details.errors) {
      expect(Object.keys(problem).sort()).toEqual(['constraints', 'property'])
      expect(problem.property).toEqual(expect.any(String))
      expect(Object.values(problem.constraints).length).toBeGreaterThan(0)
    }
  } else {
    expect(details).toEqual({ message, error: expect.any(String), statusCode: status })
  }
}

/** RFC 6749 §5.2: error_description is printable ASCII without `"` and `\`. */
const DESCRIPTION_CHARSET = /^[\x20-\x21\x23-\x5B\x5D-\x7E]+$/

/**
 * An RFC 6749 §5.2 error response (the standard OAuth endpoints): the status, the code,
 * `{error, error_description}` and nothing else, a description in the RFC's character set, not
 * cacheable, with a request id.
 */
export function expectOAuthError(
  res: { status: number; text?: string; headers: Record<string, unknown>; body: unknown },
  status: number,
  error: string,
): void {
  expect(res.status, res.text).toBe(status)
  expect(String(res.headers['content-type'])).toMatch(/^application\/json/)
  expect(res.body).toEqual({ error, error_description: expect.any(String) })
  expect((res.body as { error_description: string }).error_description).toMatch(DESCRIPTION_CHARSET)
  expect(res.headers['cache-control']).toBe('no-store')
  expect(res.headers.pragma).toBe('no-cache')
  expect(res.headers['x-request-id']).toMatch(UUID_V4)
}

/**
 * A 400 from a field check: Cal.com's validation envelope, naming `property` in
 * `details.errors`, with `message` among that property's constraints when given.
 */
export function expectFieldError(
  res: Response<any>,
  property: string,
  options: { message?: string; path?: string } = {},
): void {
  expectError(res, 400, 'BadRequestException', options)
  const problems = res.body.error.details?.errors as
    { property: string; constraints: Record<string, string> }[] | undefined
  expect(problems, JSON.stringify(res.body.error)).toBeDefined()
  const problem = problems!.find((p) => p.property === property)
  expect(problem, JSON.stringify(problems)).toBeDefined()
  if (options.message !== undefined) {
    expect(Object.values(problem!.constraints)).toContain(options.message)
  }
}
