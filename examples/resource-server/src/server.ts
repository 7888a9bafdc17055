import Fastify from 'fastify'
import { createVerifier, tesseraFastify, tesseraToken } from '@tessera/sdk'

/**
 * An API of your platform that accepts Tessera access tokens. Every route needs a valid token
 * (checked against Tessera's published keys), except those with `tessera: false`; routes that
 * must see a revocation at once ask Tessera too (`introspect: true`).
 */
const issuer = process.env.TESSERA_ISSUER
if (!issuer) throw new Error('Set TESSERA_ISSUER')
const clientId = process.env.TESSERA_CLIENT_ID
const clientSecret = process.env.TESSERA_CLIENT_SECRET

const verifier = createVerifier({
  issuer,
  ...(process.env.TESSERA_AUDIENCE ? { audience: process.env.TESSERA_AUDIENCE } : {}),
  // introspection needs the credentials of the OAuth client whose tokens this API accepts
  ...(clientId && clientSecret ? { introspection: { clientId, clientSecret } } : {}),
})

const app = Fastify({ logger: false })
await app.register(tesseraFastify, { verifier })

app.get('/health', { config: { tessera: false } }, async () => ({ status: 'ok' }))

app.get('/profile', async (request) => {
  const token = tesseraToken(request)
  return { userId: token.userId, clientId: token.clientId, sessionId: token.sessionId }
})

// Moves money: a session revoked a second ago must not pass (one introspection per request).
app.post('/payments', { config: { tessera: { introspect: true } } }, async (request) => ({
  accepted: true,
  userId: tesseraToken(request).userId,
}))

const address = await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 4001) })
process.stdout.write(`resource server listening on ${address}\n`)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  })
}
