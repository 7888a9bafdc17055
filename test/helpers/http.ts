/** Credentials as requests carry them. */

/** The operator key every test app accepts (`TESSERA_ADMIN_KEY`). */
export const OPERATOR_KEY = 'test-operator-key-0123456789abcdef'
/** The issuer every test app's tokens name. */
export const ISSUER = 'http://tessera.test'

/** A bearer credential: an API key, the operator key or an access token. */
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

/** The operator's `Authorization` header. */
export const OPERATOR = bearer(OPERATOR_KEY)

/** Cal.com's client-secret header, from a client or the secret itself. */
export const secretKey = (client: { clientSecret: string } | string) => ({
  'x-cal-secret-key': typeof client === 'string' ? client : client.clientSecret,
})
