import { expect } from 'vitest'

export interface Jwt {
  readonly header: Record<string, unknown>
  readonly payload: Record<string, unknown>
}

/** Header and payload of a compact JWS, read without verifying it (as an integrator would). */
export function decodeJwt(token: string): Jwt {
  const parts = token.split('.')
  expect(parts, token).toHaveLength(3)
  const json = (part: string) =>
    JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>
  return { header: json(parts[0]!), payload: json(parts[1]!) }
}
