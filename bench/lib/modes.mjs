// @ts-check
// The load modes: what a virtual user (VU) sends, and what counts as a correct answer. Every
// response is checked; a wrong one is an error, never a success. To add a mode, add an entry here
// (README.md "Adding a load mode"); `--modes` accepts it at once and the report gets its rows.

/** @import { LoadState, Mode, Vu } from '../types.js' */

import { createHash } from 'node:crypto'
import { URLSearchParams } from 'node:url'

/** @param {unknown} v */
const isText = (v) => typeof v === 'string' && v.length > 0
/** @param {unknown} v */
const isEpochMs = (v) => typeof v === 'number' && Number.isFinite(v) && v > 1e12

/**
 * A short fingerprint of a refresh token, to remember every one seen without keeping them.
 * @param {string} token
 */
export const fingerprint = (token) =>
  createHash('sha256').update(token).digest('base64').slice(0, 22)

/** @param {Record<string, string>} fields */
const form = (fields) => new URLSearchParams(fields).toString()
const FORM = 'application/x-www-form-urlencoded'

/** @param {Vu} vu */
const secretOf = (vu) => ({ 'x-cal-secret-key': vu.clientSecret })

/** @type {Record<string, Mode>} */
export const MODES = {
  refresh: {
    usesTokens: true,
    status: 200,
    request: (vu) => ({
      method: 'POST',
      path: `/v2/oauth/${encodeURIComponent(vu.clientId)}/refresh`,
      headers: { 'content-type': 'application/json', ...secretOf(vu) },
      body: JSON.stringify({ refreshToken: vu.refreshToken }),
    }),
    accept(json, vu, state) {
      if (json?.status !== 'success' || typeof json.data !== 'object' || json.data === null)
        return 'not-success'
      const d = json.data
      if (!isText(d.accessToken) || !isText(d.refreshToken)) return 'missing-token'
      if (!isEpochMs(d.accessTokenExpiresAt) || !isEpochMs(d.refreshTokenExpiresAt))
        return 'bad-expiry'
      return rotate(vu, state, d.refreshToken, d.accessToken)
    },
  },

  verify: {
    usesTokens: true,
    status: 200,
    request: (vu) => ({
      method: 'GET',
      path: '/v2/me',
      headers: { authorization: `Bearer ${vu.accessToken}` },
    }),
    accept(json, vu) {
      if (json?.status !== 'success' || typeof json.data !== 'object' || json.data === null)
        return 'not-success'
      if (String(json.data.id) !== String(vu.userId)) return 'wrong-user'
      return null
    },
  },

  token: {
    usesTokens: true,
    status: 200,
    request: (vu) => ({
      method: 'POST',
      path: '/v2/oauth/token',
      headers: { 'content-type': FORM },
      body: form({
        grant_type: 'refresh_token',
        refresh_token: vu.refreshToken ?? '',
        client_id: vu.clientId,
        client_secret: vu.clientSecret,
      }),
    }),
    accept(json, vu, state) {
      if (!json || !isText(json.access_token) || !isText(json.refresh_token)) return 'missing-token'
      if (typeof json.expires_in !== 'number' || !(json.expires_in > 0)) return 'bad-expires_in'
      if (typeof json.token_type !== 'string' || json.token_type.toLowerCase() !== 'bearer')
        return 'bad-token_type'
      return rotate(vu, state, json.refresh_token, json.access_token)
    },
  },

  introspect: {
    usesTokens: true,
    status: 200,
    request: (vu) => ({
      method: 'POST',
      path: '/v2/oauth/introspect',
      headers: { 'content-type': FORM },
      body: form({
        token: vu.accessToken ?? '',
        client_id: vu.clientId,
        client_secret: vu.clientSecret,
      }),
    }),
    accept(json, vu) {
      if (json?.active !== true) return 'not-active'
      if (json.sub !== undefined && String(json.sub) !== String(vu.userId)) return 'wrong-sub'
      return null
    },
  },

  create: {
    usesTokens: false,
    status: 201,
    request: (vu, state) => {
      const n = (vu.created = (vu.created ?? 0) + 1)
      return {
        method: 'POST',
        path: `/v2/oauth-clients/${encodeURIComponent(vu.clientId)}/users`,
        headers: { 'content-type': 'application/json', ...secretOf(vu) },
        body: JSON.stringify({
          email: `load-${state.tag}-${vu.index}-${n}@example.com`,
          name: `Load User ${vu.index}.${n}`,
        }),
      }
    },
    accept(json) {
      if (json?.status !== 'success' || typeof json.data !== 'object' || json.data === null)
        return 'not-success'
      const d = json.data
      if (!Number.isInteger(d.user?.id)) return 'missing-user-id'
      if (!isText(d.accessToken) || !isText(d.refreshToken)) return 'missing-token'
      return null
    },
  },
}

/** The order of the report's rows: the modes above first, modes added later after them. */
export const MODE_ORDER = Object.keys(MODES)

/**
 * A rotation answer: the new refresh token must differ from the presented one and from every one
 * this target handed out before; then it becomes the VU's.
 * @param {Vu} vu
 * @param {LoadState} state
 * @param {string} refreshToken
 * @param {string} accessToken
 */
function rotate(vu, state, refreshToken, accessToken) {
  if (refreshToken === vu.refreshToken) return 'same-refresh-token'
  const fp = fingerprint(refreshToken)
  if (state.seen.has(fp)) return 'refresh-token-seen-before'
  state.seen.add(fp)
  vu.refreshToken = refreshToken
  vu.accessToken = accessToken
  vu.generation = (vu.generation ?? 0) + 1
  return null
}
