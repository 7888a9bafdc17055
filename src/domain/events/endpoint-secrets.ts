import { open, seal } from '../../crypto/sealed-box.js'
import type { EndpointRow } from './endpoint.repository.js'

/**
 * Endpoint secrets (a webhook's signing secret, an SSF stream's authorization header) must be
 * recovered to be used, so they are encrypted rather than hashed: AES-256-GCM under a key derived
 * from the master key for this purpose only, bound to the endpoint id (a sealed value copied to
 * another row does not open).
 */
const context = (endpointId: string) => `tessera:endpoint-secret:${endpointId}`

export function sealSecret(key: Buffer, endpointId: string, secret: string): Buffer {
  return seal(key, Buffer.from(secret, 'utf8'), context(endpointId))
}

export function openSecret(key: Buffer, endpointId: string, sealed: Uint8Array): string {
  return open(key, sealed, context(endpointId)).toString('utf8')
}

/** The secrets that sign now, newest first: the current one, and the previous during its grace. */
export function secretsInForce(key: Buffer, row: EndpointRow, now: number): string[] {
  const secrets: string[] = []
  if (row.secret) secrets.push(openSecret(key, row.id, row.secret))
  if (
    row.previous_secret &&
    row.previous_secret_expires_at &&
    row.previous_secret_expires_at.getTime() > now
  ) {
    secrets.push(openSecret(key, row.id, row.previous_secret))
  }
  return secrets
}
