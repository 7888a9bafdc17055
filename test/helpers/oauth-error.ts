import { expect } from 'vitest'

/** A random (version 4) UUID, as every `X-Request-Id` must be. */
export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

/** RFC 6749 §5.2: error_description is printable ASCII without `"` and `\`. */
const DESCRIPTION_CHARSET = /^[\x20-\x21\x23-\x5B\x5D-\x7E]+$/

/**
 * An RFC 6749 §5.2 error response: the status, the code, `{error, error_description}` and
 * nothing else, a description in the RFC's character set, not cacheable, with a request id.
 */
export function expectOAuthError(
  res: { status: number; text?: string; headers: Record<string, unknown>; body: unknown },
  status: number,
  error: string,
) {
  expect(res.status, res.text).toBe(status)
  expect(String(res.headers['content-type'])).toMatch(/^application\/json/)
  expect(res.body).toEqual({ error, error_description: expect.any(String) })
  expect((res.body as { error_description: string }).error_description).toMatch(DESCRIPTION_CHARSET)
  expect(res.headers['cache-control']).toBe('no-store')
  expect(res.headers.pragma).toBe('no-cache')
  expect(res.headers['x-request-id']).toMatch(UUID_V4)
}
