// @ts-check
// The baseline: the least work a correct, rotating refresh needs, on the same PostgreSQL and with
// the same JWT algorithm as Tessera, answering in Cal.com's shapes. `npm run bench` measures
// Tessera against it and reports the ratio. It is a yardstick, not a product: no rate limits, no
// audit trail, no revocation of access tokens, no logs.
//
//   POST /v2/oauth/{clientId}/refresh   x-cal-secret-key + {refreshToken}
//     client: HMAC-SHA256 of the presented secret, constant-time compared with the stored hash
//             (client rows cached in memory after their first read)
//     token:  one transaction on a pooled connection, prepared statements:
//             BEGIN; SELECT … WHERE token_hash = sha256(presented) AND client_id = $2 FOR UPDATE;
//             UPDATE … SET used_at = now(); INSERT <sha256 of a new random token>; COMMIT
//     reply:  an access JWT signed with BASELINE_ALG (node:crypto, synchronous) and the new opaque
//             refresh token, {status:'success', data:{accessToken, refreshToken,
//             accessTokenExpiresAt, refreshTokenExpiresAt}} (epoch ms)
//   POST /v2/oauth/token                RFC 6749 refresh_token grant over the same rotation
//                                       (form or JSON; client_secret_post or client_secret_basic)
//   GET  /v2/me                         signature and expiry of the access JWT only, no database
//   POST /v2/oauth/introspect           client secret + signature and expiry + one primary-key
//                                       SELECT (the user still exists under this client)
//   POST /v2/oauth-clients/{id}/users   client secret; one transaction: INSERT user, INSERT refresh
//                                       token; 201 {status, data:{user, accessToken, …}}
//   GET  /health                        {"status":"ok"}
//   POST /__bench/seed {users: N}       a new client and N users with a token pair each (bench only)
//
// Env: PORT, HOST (127.0.0.1), DATABASE_URL, BASELINE_ALG (EdDSA|ES256|HS256, default EdDSA),
//      BASELINE_POOL_SIZE (default 16, Tessera's default pool), ACCESS_TTL_SECONDS (3600),
//      REFRESH_TTL_SECONDS (31536000).

/** @typedef {import('node:http').IncomingMessage} Req */
/** @typedef {import('node:http').ServerResponse} Res */

import * as crypto from 'node:crypto'
import * as http from 'node:http'
import pg from 'pg'
import { URLSearchParams } from 'node:url'

const PORT = Number(process.env.PORT ?? 5556)
const HOST = process.env.HOST ?? '127.0.0.1'
const ALG = process.env.BASELINE_ALG ?? 'EdDSA'
const ACCESS_TTL_MS = Number(process.env.ACCESS_TTL_SECONDS ?? 3600) * 1000
const REFRESH_TTL_MS = Number(process.env.REFRESH_TTL_SECONDS ?? 31_536_000) * 1000
if (!process.env.DATABASE_URL) {
  console.error('baseline: DATABASE_URL is required')
  process.exit(2)
}

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.BASELINE_POOL_SIZE ?? 16),
})
pool.on('error', (e) => console.error('baseline: idle connection error', e.message))

// ---- keys and JWTs ------------------------------------------------------------------------------

/** @type {crypto.KeyObject} */
let signKey
/** @type {crypto.KeyObject} */
let verifyKey
if (ALG === 'HS256') {
  signKey = verifyKey = crypto.createSecretKey(crypto.randomBytes(32))
} else if (ALG === 'EdDSA') {
  ;({ privateKey: signKey, publicKey: verifyKey } = crypto.generateKeyPairSync('ed25519'))
} else if (ALG === 'ES256') {
  ;({ privateKey: signKey, publicKey: verifyKey } = crypto.generateKeyPairSync('ec', {
    namedCurve: 'P-256',
  }))
} else {
  console.error(`baseline: BASELINE_ALG must be EdDSA, ES256 or HS256, not ${ALG}`)
  process.exit(2)
}
const HEADER = Buffer.from(JSON.stringify({ alg: ALG, typ: 'JWT' })).toString('base64url')
const secretHashKey = crypto.randomBytes(32)

/** @param {string} input */
function sign(input) {
  const data = Buffer.from(input, 'ascii')
  if (ALG === 'HS256') return crypto.createHmac('sha256', signKey).update(data).digest()
  if (ALG === 'EdDSA') return crypto.sign(null, data, signKey)
  return crypto.sign('sha256', data, { key: signKey, dsaEncoding: 'ieee-p1363' })
}

/**
 * @param {string} input
 * @param {Buffer} sig
 */
function verifySig(input, sig) {
  const data = Buffer.from(input, 'ascii')
  if (ALG === 'HS256') {
    const expected = crypto.createHmac('sha256', verifyKey).update(data).digest()
    return sig.length === expected.length && crypto.timingSafeEqual(sig, expected)
  }
  if (ALG === 'EdDSA') return crypto.verify(null, data, verifyKey, sig)
  return (
    sig.length === 64 &&
    crypto.verify('sha256', data, { key: verifyKey, dsaEncoding: 'ieee-p1363' }, sig)
  )
}

/**
 * Cal.com's access-token claims plus exp.
 * @param {string} clientId
 * @param {number} userId
 * @param {number} nowMs
 */
function accessToken(clientId, userId, nowMs) {
  const payload = {
    type: 'access_token',
    clientId,
    ownerId: userId,
    expiresAt: nowMs + ACCESS_TTL_MS,
    iat: Math.floor(nowMs / 1000),
    exp: Math.floor((nowMs + ACCESS_TTL_MS) / 1000),
  }
  const input = `${HEADER}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`
  return `${input}.${sign(input).toString('base64url')}`
}

/**
 * The claims of a valid, unexpired access token of ours, or null.
 * @param {unknown} token
 */
function readAccessToken(token) {
  if (typeof token !== 'string' || token.length > 4096) return null
  const dot1 = token.indexOf('.')
  const dot2 = token.indexOf('.', dot1 + 1)
  if (dot1 <= 0 || dot2 < 0 || token.indexOf('.', dot2 + 1) !== -1) return null
  if (token.slice(0, dot1) !== HEADER) return null // fixes alg and typ: no algorithm confusion
  const input = token.slice(0, dot2)
  if (!verifySig(input, Buffer.from(token.slice(dot2 + 1), 'base64url'))) return null
  let claims
  try {
    claims = JSON.parse(Buffer.from(token.slice(dot1 + 1, dot2), 'base64url').toString('utf8'))
  } catch {
    return null
  }
  if (
    claims?.type !== 'access_token' ||
    !Number.isInteger(claims.ownerId) ||
    !(claims.expiresAt > Date.now())
  )
    return null
  return claims
}

/** @param {string} text */
const sha256 = (text) => crypto.createHash('sha256').update(text).digest()
const newRefreshToken = () => crypto.randomBytes(32).toString('base64url')
/** @param {string} secret */
const secretHash = (secret) => crypto.createHmac('sha256', secretHashKey).update(secret).digest()

// ---- storage ------------------------------------------------------------------------------------

await pool.query(`
  CREATE TABLE IF NOT EXISTS baseline_clients (
    id          text PRIMARY KEY,
    secret_hash bytea NOT NULL
  );
  CREATE TABLE IF NOT EXISTS baseline_users (
    id         integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    client_id  text NOT NULL REFERENCES baseline_clients (id),
    email      text NOT NULL UNIQUE,
    name       text,
    created_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE IF NOT EXISTS baseline_refresh_tokens (
    token_hash bytea PRIMARY KEY,
    client_id  text NOT NULL,
    user_id    integer NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
  );
`)

/** @type {Map<string, Buffer>} */
const clients = new Map()
/**
 * @param {string} clientId
 * @returns {Promise<Buffer | null>}
 */
async function clientHash(clientId) {
  const cached = clients.get(clientId)
  if (cached) return cached
  const r = await pool.query({
    name: 'client',
    text: 'SELECT secret_hash FROM baseline_clients WHERE id = $1',
    values: [clientId],
  })
  if (r.rowCount === 0) return null
  clients.set(clientId, r.rows[0].secret_hash)
  return r.rows[0].secret_hash
}

/**
 * Constant-time check of a presented client secret (the hash is computed even for unknown ids).
 * @param {string} clientId
 * @param {unknown} secret
 */
async function clientOk(clientId, secret) {
  if (typeof secret !== 'string' || secret.length === 0 || secret.length > 256) return false
  const presented = secretHash(secret)
  const stored = await clientHash(clientId)
  return stored !== null && crypto.timingSafeEqual(presented, stored)
}

/**
 * Spends `presented` and stores its successor; the user id, or null when it cannot be spent.
 * @param {string} clientId
 * @param {string} presented
 * @param {string} successor
 * @param {Date} successorExpires
 * @returns {Promise<number | null>}
 */
async function rotate(clientId, presented, successor, successorExpires) {
  const presentedHash = sha256(presented)
  const c = await pool.connect()
  try {
    await c.query('BEGIN')
    const r = await c.query({
      name: 'rt-lock',
      text: 'SELECT user_id, used_at, expires_at FROM baseline_refresh_tokens WHERE token_hash = $1 AND client_id = $2 FOR UPDATE',
      values: [presentedHash, clientId],
    })
    const row = r.rows[0]
    if (!row || row.used_at !== null || row.expires_at.getTime() <= Date.now()) {
      await c.query('ROLLBACK')
      return null
    }
    await c.query({
      name: 'rt-spend',
      text: 'UPDATE baseline_refresh_tokens SET used_at = now() WHERE token_hash = $1',
      values: [presentedHash],
    })
    await c.query({
      name: 'rt-insert',
      text: 'INSERT INTO baseline_refresh_tokens (token_hash, client_id, user_id, expires_at) VALUES ($1, $2, $3, $4)',
      values: [sha256(successor), clientId, row.user_id, successorExpires],
    })
    await c.query('COMMIT')
    return row.user_id
  } catch (e) {
    await c.query('ROLLBACK').catch(() => {})
    throw e
  } finally {
    c.release()
  }
}

/**
 * @param {string} clientId
 * @param {string} presented
 */
async function refreshPair(clientId, presented) {
  if (typeof presented !== 'string' || presented.length === 0 || presented.length > 4096)
    return null
  const now = Date.now()
  const successor = newRefreshToken()
  const userId = await rotate(clientId, presented, successor, new Date(now + REFRESH_TTL_MS))
  if (userId === null) return null
  return {
    accessToken: accessToken(clientId, userId, now),
    refreshToken: successor,
    accessTokenExpiresAt: now + ACCESS_TTL_MS,
    refreshTokenExpiresAt: now + REFRESH_TTL_MS,
  }
}

// ---- HTTP ---------------------------------------------------------------------------------------

/**
 * @param {Res} res
 * @param {number} status
 * @param {unknown} body
 * @param {Record<string, string>} [extra]
 */
function send(res, status, body, extra) {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...extra,
  })
  res.end(text)
}

/**
 * @param {Res} res
 * @param {string} path
 * @param {number} status
 * @param {string} code
 * @param {string} message
 */
const calError = (res, path, status, code, message) =>
  send(res, status, {
    status: 'error',
    timestamp: new Date().toISOString(),
    path,
    error: { code, message },
  })

/**
 * @param {Res} res
 * @param {number} status
 * @param {string} error
 */
const oauthError = (res, status, error) =>
  send(res, status, { error }, { 'cache-control': 'no-store' })

class TooLarge extends Error {}
/**
 * @param {Req} req
 * @returns {Promise<string>}
 */
function readBody(req, limit = 64 * 1024) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = []
    let size = 0
    req.on('data', (/** @type {Buffer} */ c) => {
      size += c.length
      if (size > limit) reject(new TooLarge())
      else chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

/**
 * A form or JSON body as a flat object of strings (null when unreadable).
 * @param {Req} req
 * @param {string} text
 * @returns {Record<string, any> | null}
 */
function parseParams(req, text) {
  const type = String(req.headers['content-type'] ?? '')
  if (type.startsWith('application/x-www-form-urlencoded'))
    return Object.fromEntries(new URLSearchParams(text))
  try {
    const v = JSON.parse(text)
    return v && typeof v === 'object' && !Array.isArray(v) ? v : null
  } catch {
    return null
  }
}

/**
 * client_secret_basic or client_secret_post: [clientId, secret] or null.
 * @param {Req} req
 * @param {Record<string, any>} params
 * @returns {[string, string] | null}
 */
function clientCredentials(req, params) {
  const auth = req.headers.authorization
  if (typeof auth === 'string' && /^basic /i.test(auth)) {
    const text = Buffer.from(auth.slice(6), 'base64').toString('utf8')
    const i = text.indexOf(':')
    if (i < 0) return null
    try {
      return [decodeURIComponent(text.slice(0, i)), decodeURIComponent(text.slice(i + 1))]
    } catch {
      return null
    }
  }
  return typeof params.client_id === 'string' && typeof params.client_secret === 'string'
    ? [params.client_id, params.client_secret]
    : null
}

/**
 * @param {Req} req
 * @param {Res} res
 * @param {string} path
 * @param {string} clientId
 */
async function handleRefresh(req, res, path, clientId) {
  const body = parseParams(req, await readBody(req))
  if (!(await clientOk(clientId, req.headers['x-cal-secret-key']))) {
    return calError(res, path, 401, 'UnauthorizedException', 'Invalid client secret')
  }
  const pair = await refreshPair(clientId, body?.refreshToken)
  if (!pair) return calError(res, path, 400, 'BadRequestException', 'Invalid refresh token')
  return send(res, 200, { status: 'success', data: pair })
}

/**
 * @param {Req} req
 * @param {Res} res
 */
async function handleToken(req, res) {
  const params = parseParams(req, await readBody(req))
  if (!params) return oauthError(res, 400, 'invalid_request')
  const creds = clientCredentials(req, params)
  if (!creds || !(await clientOk(creds[0], creds[1]))) return oauthError(res, 401, 'invalid_client')
  if (params.grant_type !== 'refresh_token') return oauthError(res, 400, 'unsupported_grant_type')
  const pair = await refreshPair(creds[0], params.refresh_token)
  if (!pair) return oauthError(res, 400, 'invalid_grant')
  return send(
    res,
    200,
    {
      access_token: pair.accessToken,
      token_type: 'Bearer',
      expires_in: Math.round(ACCESS_TTL_MS / 1000),
      refresh_token: pair.refreshToken,
      refresh_token_expires_in: Math.round(REFRESH_TTL_MS / 1000),
    },
    { 'cache-control': 'no-store' },
  )
}

/**
 * @param {Req} req
 * @param {Res} res
 */
async function handleIntrospect(req, res) {
  const params = parseParams(req, await readBody(req))
  if (!params) return oauthError(res, 400, 'invalid_request')
  const creds = clientCredentials(req, params)
  if (!creds || !(await clientOk(creds[0], creds[1]))) return oauthError(res, 401, 'invalid_client')
  const claims = readAccessToken(params.token)
  if (!claims || claims.clientId !== creds[0]) return send(res, 200, { active: false })
  const r = await pool.query({
    name: 'user-exists',
    text: 'SELECT 1 FROM baseline_users WHERE id = $1 AND client_id = $2',
    values: [claims.ownerId, claims.clientId],
  })
  if (r.rowCount === 0) return send(res, 200, { active: false })
  return send(res, 200, {
    active: true,
    token_type: 'access_token',
    client_id: claims.clientId,
    sub: String(claims.ownerId),
    exp: claims.exp,
    iat: claims.iat,
  })
}

/**
 * @param {Req} req
 * @param {Res} res
 * @param {string} path
 */
function handleMe(req, res, path) {
  const auth = req.headers.authorization
  const claims =
    typeof auth === 'string' && auth.startsWith('Bearer ') ? readAccessToken(auth.slice(7)) : null
  if (!claims) return calError(res, path, 401, 'UnauthorizedException', 'Invalid Access Token.')
  return send(res, 200, {
    status: 'success',
    data: { id: claims.ownerId, clientId: claims.clientId },
  })
}

/**
 * @param {Req} req
 * @param {Res} res
 * @param {string} path
 * @param {string} clientId
 */
async function handleCreateUser(req, res, path, clientId) {
  const body = parseParams(req, await readBody(req))
  if (!(await clientOk(clientId, req.headers['x-cal-secret-key']))) {
    return calError(res, path, 401, 'UnauthorizedException', 'Invalid client secret')
  }
  const email = body?.email
  if (
    typeof email !== 'string' ||
    !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) ||
    email.length > 254
  ) {
    return calError(res, path, 400, 'BadRequestException', 'email must be an email')
  }
  const [local, domain] = email.split('@')
  const stored = `${local}+${clientId}@${domain}`
  const name = typeof body?.name === 'string' ? body.name : null
  const now = Date.now()
  const refreshToken = newRefreshToken()
  const c = await pool.connect()
  let user
  try {
    await c.query('BEGIN')
    const r = await c.query({
      name: 'user-insert',
      text: 'INSERT INTO baseline_users (client_id, email, name) VALUES ($1, $2, $3) RETURNING id, email, name, created_at',
      values: [clientId, stored, name],
    })
    user = r.rows[0]
    await c.query({
      name: 'rt-insert',
      text: 'INSERT INTO baseline_refresh_tokens (token_hash, client_id, user_id, expires_at) VALUES ($1, $2, $3, $4)',
      values: [sha256(refreshToken), clientId, user.id, new Date(now + REFRESH_TTL_MS)],
    })
    await c.query('COMMIT')
  } catch (e) {
    await c.query('ROLLBACK').catch(() => {})
    if (/** @type {{ code?: string }} */ (e).code === '23505')
      return calError(res, path, 409, 'ConflictException', 'User already exists')
    throw e
  } finally {
    c.release()
  }
  return send(res, 201, {
    status: 'success',
    data: {
      user: {
        id: user.id,
        email: user.email,
        name: user.name,
        createdDate: user.created_at.toISOString(),
      },
      accessToken: accessToken(clientId, user.id, now),
      accessTokenExpiresAt: now + ACCESS_TTL_MS,
      refreshToken,
      refreshTokenExpiresAt: now + REFRESH_TTL_MS,
    },
  })
}

/**
 * @param {Req} req
 * @param {Res} res
 */
async function handleSeed(req, res) {
  const body = parseParams(req, await readBody(req)) ?? {}
  const n = Math.min(Math.max(0, Math.floor(Number(body.users ?? 0))), 200_000)
  const clientId = crypto.randomBytes(16).toString('hex').slice(0, 25)
  const clientSecret = `bl_cs_${crypto.randomBytes(32).toString('base64url')}`
  await pool.query('INSERT INTO baseline_clients (id, secret_hash) VALUES ($1, $2)', [
    clientId,
    secretHash(clientSecret),
  ])
  const emails = Array.from({ length: n }, (_, i) => `seed-${i}+${clientId}@example.com`)
  const ids = (
    await pool.query(
      'INSERT INTO baseline_users (client_id, email, name) SELECT $1, e, e FROM unnest($2::text[]) WITH ORDINALITY AS t(e, i) ORDER BY i RETURNING id',
      [clientId, emails],
    )
  ).rows.map((r) => r.id)
  const now = Date.now()
  const tokens = ids.map(() => newRefreshToken())
  await pool.query(
    'INSERT INTO baseline_refresh_tokens (token_hash, client_id, user_id, expires_at) SELECT unnest($1::bytea[]), $2, unnest($3::int[]), $4',
    [tokens.map(sha256), clientId, ids, new Date(now + REFRESH_TTL_MS)],
  )
  const users = ids.map((id, i) => ({
    userId: id,
    refreshToken: tokens[i],
    accessToken: accessToken(clientId, id, now),
  }))
  send(res, 201, { clientId, clientSecret, users })
}

const REFRESH = /^\/v2\/oauth\/([^/]+)\/refresh$/
const USERS = /^\/v2\/oauth-clients\/([^/]+)\/users$/

const server = http.createServer(async (req, res) => {
  const url = req.url ?? '/'
  const q = url.indexOf('?')
  const path = q < 0 ? url : url.slice(0, q)
  try {
    let m
    if (req.method === 'POST' && (m = REFRESH.exec(path)))
      return await handleRefresh(req, res, path, decodeURIComponent(m[1] ?? ''))
    if (req.method === 'GET' && path === '/v2/me') return handleMe(req, res, path)
    if (req.method === 'POST' && path === '/v2/oauth/token') return await handleToken(req, res)
    if (req.method === 'POST' && path === '/v2/oauth/introspect')
      return await handleIntrospect(req, res)
    if (req.method === 'POST' && (m = USERS.exec(path)))
      return await handleCreateUser(req, res, path, decodeURIComponent(m[1] ?? ''))
    if (req.method === 'GET' && path === '/health') return send(res, 200, { status: 'ok' })
    if (req.method === 'POST' && path === '/__bench/seed') return await handleSeed(req, res)
    return calError(res, path, 404, 'NotFoundException', `Cannot ${req.method} ${path}`)
  } catch (e) {
    if (e instanceof TooLarge) {
      if (!res.headersSent)
        calError(res, path, 413, 'PayloadTooLargeException', 'Request body too large')
      req.destroy()
      return
    }
    console.error('baseline: request failed', e)
    if (!res.headersSent)
      calError(res, path, 500, 'InternalServerErrorException', 'Internal server error')
    else res.destroy()
  }
})
server.keepAliveTimeout = 65_000

// silent when healthy: anything in its log is worth a look (the driver reports it)
server.listen(PORT, HOST)

let closing = false
function shutdown() {
  if (closing) return
  closing = true
  server.close()
  server.closeIdleConnections?.()
  setTimeout(() => process.exit(0), 5000).unref()
  pool.end().finally(() => process.exit(0))
}
process.on('SIGTERM', shutdown)
process.on('SIGINT', shutdown)
