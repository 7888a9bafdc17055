import { createHmac, randomBytes } from 'node:crypto'

/**
 * The two signatures every webhook carries, so both kinds of receiver verify without change:
 *
 * - Standard Webhooks: `webhook-id` (stable across retries), `webhook-timestamp` (Unix seconds of
 *   this attempt) and `webhook-signature`: `v1,<base64 HMAC-SHA256(key, "{id}.{timestamp}.{body}")>`,
 *   one entry per valid secret (two during a rotation), space-separated.
 * - Cal.com's `X-Cal-Signature-256`: hex HMAC-SHA256 of the body, keyed with the secret string
 *   exactly as shown (Cal.com receivers do `createHmac('sha256', secret)`), by the newest secret.
 *
 * A `whsec_<base64>` secret (what Tessera generates) is used by Standard Webhooks libraries as
 * the base64-decoded bytes; any other secret (one a caller chose, as Cal.com allowed) as its
 * UTF-8 bytes, which those libraries read with `{format: 'raw'}` or from its base64.
 */
const SECRET_PREFIX = 'whsec_'

/** 32 random bytes, Standard Webhooks' format (`whsec_` + base64; the spec asks for 24–64). */
export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`
}

/** The HMAC key Standard Webhooks verifiers derive from a secret string. */
export function standardKey(secret: string): Buffer {
  if (secret.startsWith(SECRET_PREFIX)) {
    const encoded = secret.slice(SECRET_PREFIX.length)
    if (/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) && encoded.length % 4 === 0) {
      const key = Buffer.from(encoded, 'base64')
      if (key.length > 0) return key
    }
  }
  return Buffer.from(secret, 'utf8')
}

export interface SignedHeaders {
  readonly 'webhook-id': string
  readonly 'webhook-timestamp': string
  readonly 'webhook-signature': string
  readonly 'x-cal-signature-256': string
}

/**
 * Both signatures of one attempt. `secrets` are the secrets in force, newest first (the current
 * one, then the previous one while its rotation grace lasts).
 */
export function signWebhook(
  messageId: string,
  timestampSeconds: number,
  body: string,
  secrets: readonly string[],
): SignedHeaders {
  const newest = secrets[0]
  if (newest === undefined) throw new Error('a webhook needs a secret to be signed')
  const signed = `${messageId}.${timestampSeconds}.${body}`
  const signatures = secrets.map(
    (secret) => `v1,${createHmac('sha256', standardKey(secret)).update(signed).digest('base64')}`,
  )
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': signatures.join(' '),
    'x-cal-signature-256': createHmac('sha256', newest).update(body).digest('hex'),
  }
}
