import { InvalidTokenError, VerifierUnavailableError } from './errors.js'
import type { VerifiedAccessToken, Verifier } from './verifier.js'

export interface HttpAuthOptions {
  readonly verifier: Verifier
  /** Introspect on every request this protects (a revoked session is refused at once). */
  readonly introspect?: boolean
  /**
   * Status for an expired token. Default 498, as Tessera and Cal.com answer (what Cal.com's atoms
   * and the SDK's `fetchAs` refresh on); 401 is RFC 6750's.
   */
  readonly expiredStatus?: 401 | 498
  /** `realm` of `WWW-Authenticate`. Default `tessera`. */
  readonly realm?: string
}

export type AuthOutcome =
  | { readonly ok: true; readonly token: VerifiedAccessToken }
  | {
      readonly ok: false
      readonly status: number
      readonly headers: Record<string, string>
      readonly body: { error: string; error_description: string }
    }

/**
 * The whole decision for one request, shared by the Fastify plugin and the Express middleware:
 * RFC 6750 bearer token in, verified claims or a refusal out.
 */
export async function authenticate(
  authorization: string | string[] | undefined,
  options: HttpAuthOptions,
  introspect: boolean | undefined,
): Promise<AuthOutcome> {
  const realm = `Bearer realm="${options.realm ?? 'tessera'}"`
  const match = typeof authorization === 'string' ? /^Bearer +(\S+)\s*$/i.exec(authorization) : null
  if (!match) {
    // §3.1: no error code when the request carried no token at all
    return refuse(
      401,
      realm,
      'invalid_request',
      'A bearer access token is required',
      !authorization,
    )
  }
  try {
    const token = await options.verifier.verify(match[1]!, {
      introspect: introspect ?? options.introspect ?? false,
    })
    return { ok: true, token }
  } catch (err) {
    if (err instanceof InvalidTokenError) {
      const status = err.reason === 'expired' ? (options.expiredStatus ?? 498) : 401
      return refuse(status, realm, 'invalid_token', err.message, false)
    }
    if (err instanceof VerifierUnavailableError) {
      return {
        ok: false,
        status: 503,
        headers: { 'retry-after': '1' },
        body: { error: 'temporarily_unavailable', error_description: err.message },
      }
    }
    throw err
  }
}

function refuse(
  status: number,
  realm: string,
  error: string,
  description: string,
  bare: boolean,
): AuthOutcome {
  const challenge = bare
    ? realm
    : `${realm}, error="${error}", error_description="${description.replace(/"/g, "'")}"`
  return {
    ok: false,
    status,
    headers: { 'www-authenticate': challenge, 'cache-control': 'no-store' },
    body: { error, error_description: description },
  }
}
