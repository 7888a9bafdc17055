import { VerifierUnavailableError } from './errors.js'

/** The RFC 8414 fields the verifier uses. */
export interface ServerMetadata {
  readonly issuer: string
  readonly jwks_uri: string
  readonly introspection_endpoint?: string
}

/**
 * RFC 8414 §3: the metadata of `issuer` lives at `/.well-known/oauth-authorization-server`,
 * inserted between the host and any path of the issuer; its `issuer` must be exactly ours.
 */
export async function discover(
  issuer: string,
  fetchImpl: typeof fetch,
  timeoutMs: number,
): Promise<ServerMetadata> {
  const url = new URL(issuer)
  const path = url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '')
  url.pathname = `/.well-known/oauth-authorization-server${path}`
  let response: Response
  try {
    response = await fetchImpl(url.toString(), {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    })
  } catch (err) {
    throw new VerifierUnavailableError(`Discovery at ${url} failed`, { cause: err })
  }
  if (response.status !== 200) {
    throw new VerifierUnavailableError(`Discovery at ${url} answered HTTP ${response.status}`)
  }
  const metadata = (await response.json().catch(() => null)) as Partial<ServerMetadata> | null
  if (!metadata || metadata.issuer !== issuer || typeof metadata.jwks_uri !== 'string') {
    throw new VerifierUnavailableError(
      `Discovery at ${url} did not describe issuer ${issuer} (issuer ${JSON.stringify(metadata?.issuer)})`,
    )
  }
  return metadata as ServerMetadata
}
