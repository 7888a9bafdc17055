import { createHmac, sign as cryptoSign, type KeyObject } from 'node:crypto'
import type { TestApp } from '../helpers/test-app.js'

/** Helpers shared by the conformance suites: form bodies, client authentication, raw JWTs. */

export interface Client {
  readonly clientId: string
  readonly clientSecret: string
}

/** RFC 6749 §2.3.1 / Appendix B: each part form-urlencoded, joined by a colon, then base64. */
export function basic(clientId: string, secret: string): string {
  const enc = (s: string) => new URLSearchParams({ v: s }).toString().slice(2)
  return `Basic ${Buffer.from(`${enc(clientId)}:${enc(secret)}`, 'utf8').toString('base64')}`
}

/** `application/x-www-form-urlencoded`; a value given as an array repeats the parameter. */
export function form(params: Record<string, string | readonly string[]>): string {
  const out = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    for (const v of typeof value === 'string' ? [value] : value) out.append(key, v)
  }
  return out.toString()
}

export const FORM = { 'content-type': 'application/x-www-form-urlencoded' }

export interface PostOptions {
  /** Authenticate with client_secret_basic (default) or client_secret_post, or not at all. */
  readonly auth?: 'basic' | 'post' | 'none'
  readonly json?: boolean
  readonly headers?: Record<string, string>
}

/** A POST to one of the standard endpoints, authenticated as `client`. */
export function post(
  t: TestApp,
  url: string,
  client: Client,
  params: Record<string, string | readonly string[]>,
  options: PostOptions = {},
) {
  const auth = options.auth ?? 'basic'
  const headers: Record<string, string> = { ...options.headers }
  let body = { ...params }
  if (auth === 'basic') headers.authorization = basic(client.clientId, client.clientSecret)
  if (auth === 'post')
    body = { client_id: client.clientId, client_secret: client.clientSecret, ...body }
  if (options.json) {
    return t.request({
      method: 'POST',
      url,
      headers: { ...headers, 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    })
  }
  return t.request({ method: 'POST', url, headers: { ...FORM, ...headers }, payload: form(body) })
}

export const tokenGrant = (
  t: TestApp,
  client: Client,
  refreshToken: string,
  options?: PostOptions,
) =>
  post(
    t,
    '/v2/oauth/token',
    client,
    { grant_type: 'refresh_token', refresh_token: refreshToken },
    options,
  )

export const revoke = (
  t: TestApp,
  client: Client,
  token: string,
  extra: Record<string, string> = {},
  options?: PostOptions,
) => post(t, '/v2/oauth/revoke', client, { token, ...extra }, options)

export const introspect = (
  t: TestApp,
  client: Client,
  token: string,
  extra: Record<string, string> = {},
  options?: PostOptions,
) => post(t, '/v2/oauth/introspect', client, { token, ...extra }, options)

const seg = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url')

/** A compact JWS signed with node:crypto, whatever the header says (for forgeries). */
export function signJwt(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  key: { alg: 'EdDSA' | 'ES256' | 'HS256'; key: KeyObject | Buffer },
): string {
  const input = `${seg(header)}.${seg(payload)}`
  const data = Buffer.from(input, 'ascii')
  let sig: Buffer
  if (key.alg === 'HS256') sig = createHmac('sha256', key.key).update(data).digest()
  else if (key.alg === 'EdDSA') sig = cryptoSign(null, data, key.key as KeyObject)
  else sig = cryptoSign('sha256', data, { key: key.key as KeyObject, dsaEncoding: 'ieee-p1363' })
  return `${input}.${sig.toString('base64url')}`
}

/** Header and payload as given, with an empty signature (`alg: none`, RFC 7519 §6). */
export function unsignedJwt(header: Record<string, unknown>, payload: Record<string, unknown>) {
  return `${seg(header)}.${seg(payload)}.`
}
