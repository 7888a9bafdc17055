import Fastify from 'fastify'
import pg from 'pg'
import {
  ConflictError,
  createVerifier,
  InvalidTokenError,
  MemoryTokenStore,
  PostgresTokenStore,
  SessionRevokedError,
  TesseraClient,
  TokenManager,
  type TokenStore,
} from '@tessera/sdk'

/**
 * A platform backend on Tessera, the way Cal.com's example app and starter kit are built:
 * it creates managed users, keeps their tokens (in memory, or PostgreSQL with DATABASE_URL),
 * answers the `/api/refresh` call of Cal.com's atoms, and calls APIs as a user.
 * (Authenticating your own users in front of these routes is your app's job, left out here.)
 */
const env = (name: string, fallback?: string): string => {
  const value = process.env[name] ?? fallback
  if (value === undefined) throw new Error(`Set ${name}`)
  return value
}
const tesseraUrl = env('TESSERA_URL')
const tessera = new TesseraClient({
  baseUrl: tesseraUrl,
  clientId: env('TESSERA_CLIENT_ID'),
  clientSecret: env('TESSERA_CLIENT_SECRET'),
})

let store: TokenStore = new MemoryTokenStore()
let pool: pg.Pool | undefined
if (process.env.DATABASE_URL) {
  pool = new pg.Pool({ connectionString: process.env.DATABASE_URL })
  const postgres = new PostgresTokenStore({ client: pool, table: process.env.TOKENS_TABLE })
  await postgres.createTable()
  store = postgres
}
const tokens = new TokenManager({ client: tessera, store })

// Identifies the user behind an access token the atoms present to /api/refresh, which has
// usually just expired: the signature must be Tessera's, expiry may be up to a day old.
const expiredTokens = createVerifier({
  issuer: env('TESSERA_ISSUER', tesseraUrl),
  clientIds: [tessera.clientId],
  clockToleranceSeconds: 24 * 3600,
})

const app = Fastify({ logger: false })

/**
 * Sign-up: a managed user and its first tokens; an existing address gets a new session instead.
 * Answers the access token your front end hands to Cal.com's atoms (`accessToken` of CalProvider).
 */
app.post<{ Body: { email: string; name: string; timeZone?: string } }>(
  '/api/users',
  async (request, reply) => {
    const { email, name, timeZone } = request.body
    try {
      const created = await tokens.createUser({ email, name, ...(timeZone ? { timeZone } : {}) })
      return reply
        .code(201)
        .send({ id: created.user.id, email: created.user.email, accessToken: created.accessToken })
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err
      // what Cal.com's starter kit does after "already exists"
      const user = await tessera.users.findByEmail(email)
      if (!user) throw err
      const pair = await tokens.forceRefresh(user.id)
      return reply.code(200).send({ id: user.id, email: user.email, accessToken: pair.accessToken })
    }
  },
)

/** A valid access token of the user (refreshed first when it is about to expire). */
app.get<{ Params: { userId: string } }>('/api/users/:userId/token', async (request) => ({
  accessToken: await tokens.getAccessToken(Number(request.params.userId)),
}))

/**
 * Cal.com's atoms call `GET {refreshUrl}` with `Authorization: Bearer <expired access token>`
 * and expect `{ accessToken }`.
 */
app.get('/api/refresh', async (request, reply) => {
  const presented = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1]
  if (!presented) return reply.code(401).send({ error: 'A bearer access token is required' })
  let userId: number
  try {
    userId = (await expiredTokens.verify(presented)).userId
  } catch (err) {
    if (err instanceof InvalidTokenError) return reply.code(401).send({ error: err.message })
    throw err
  }
  try {
    const renewed = await tokens.refreshAfterRejection(userId, presented)
    return { accessToken: renewed.accessToken }
  } catch (err) {
    if (err instanceof SessionRevokedError) return reply.code(401).send({ error: err.message })
    throw err
  }
})

/** An API called as the user: Tessera's /v2/me, or any API that takes its tokens. */
app.get<{ Params: { userId: string }; Querystring: { url?: string } }>(
  '/api/users/:userId/me',
  async (request, reply) => {
    const url = request.query.url ?? `${tesseraUrl}/v2/me`
    const response = await tokens.fetchAs(Number(request.params.userId), url)
    return reply.code(response.status).send(await response.json())
  },
)

app.addHook('onClose', async () => {
  await pool?.end()
})

const address = await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 4000) })
process.stdout.write(`platform backend listening on ${address}\n`)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  })
}
