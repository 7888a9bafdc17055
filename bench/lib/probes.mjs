// @ts-check
// Correctness probes, run on "canary" users that took no part in the load (a probe may make the
// server revoke a session, which must not disturb a measurement).
//
//   replay refused       A -> B, B -> C, then A again: must be refused. (Presenting A again right
//                        after A -> B may return the *same* B: Tessera's reuse window answers a
//                        retried or concurrent duplicate with the pair it already issued. That is
//                        not a second successor; a *different* token would be.)
//   no double successor  4 concurrent refreshes of one token, for 3 tokens: the successful answers
//                        must carry at most one distinct refresh token per presented token. Counted
//                        as distinct successors, not as 200s, for the reason above.
//   wrong secret refused a refresh with a wrong client secret is refused (401 per the contract) and
//                        does not spend the refresh token
//   tampered AT refused  /v2/me with the access token changed in one character, and with its claims
//                        rewritten to another user under the original signature: both refused; the
//                        untouched token still accepted

/** @import { ProbeResult, User } from '../types.js' */

import { Client } from './http-client.mjs'
import { fingerprint } from './modes.mjs'

/** @param {number} s */
const ok = (s) => s >= 200 && s < 300
const RACE_WIDTH = 4
const RACE_TOKENS = 3

/**
 * Changes one character in the middle of the payload segment (never the last, padding-only one).
 * @param {string} token
 */
function tamperOneChar(token) {
  const [h = '', p = '', s = ''] = token.split('.')
  const i = Math.floor(p.length / 2)
  const c = p[i] === 'A' ? 'B' : 'A'
  return [h, p.slice(0, i) + c + p.slice(i + 1), s].join('.')
}

/**
 * Rewrites the user claims to another user's id and keeps the original signature.
 * @param {string} token
 * @param {number} otherUserId
 */
function forgeOwner(token, otherUserId) {
  const [h = '', p = '', s = ''] = token.split('.')
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'))
  if ('ownerId' in claims) claims.ownerId = otherUserId
  if ('sub' in claims) claims.sub = String(otherUserId)
  return [h, Buffer.from(JSON.stringify(claims)).toString('base64url'), s].join('.')
}

/**
 * @param {{ baseUrl: string, canaries: User[], timeoutMs?: number }} o
 * @returns {Promise<ProbeResult>}
 */
export async function runProbes({ baseUrl, canaries, timeoutMs = 10_000 }) {
  if (canaries.length < 6) return { skipped: `need 6 canary users, have ${canaries.length}` }
  const client = new Client(baseUrl, { maxSockets: RACE_WIDTH * 2 })
  /**
   * @param {User} vu
   * @param {string} token
   * @param {string} [secret]
   */
  const refresh = async (vu, token, secret = vu.clientSecret) => {
    const r = await client.sendJson(
      {
        method: 'POST',
        path: `/v2/oauth/${encodeURIComponent(vu.clientId)}/refresh`,
        headers: { 'content-type': 'application/json', 'x-cal-secret-key': secret },
        body: JSON.stringify({ refreshToken: token }),
      },
      timeoutMs,
    )
    const d = r.json?.data
    const pair = ok(r.status) && typeof d?.refreshToken === 'string' ? d : null
    return {
      status: r.status,
      pair,
      reuse: r.headers['x-tessera-refresh-reuse'] ?? null,
      body: pair ? undefined : r.text.slice(0, 300),
    }
  }
  /** @param {string} token */
  const me = (token) =>
    client.sendJson(
      { method: 'GET', path: '/v2/me', headers: { authorization: `Bearer ${token}` } },
      timeoutMs,
    )
  /** @type {ProbeResult} */
  const out = {}
  /** @type {string[]} */
  const failures = []
  try {
    // 1. replay
    {
      const vu = /** @type {User} */ (canaries[0])
      const a = vu.refreshToken
      const first = await refresh(vu, a)
      /** @type {Record<string, unknown>} */
      const detail = { first: first.status }
      if (!first.pair) {
        out.replayRefused = null
        failures.push(`replay probe: the first refresh failed (${first.status} ${first.body})`)
      } else {
        const b = first.pair.refreshToken
        const again = await refresh(vu, a)
        detail.immediateRepeat = again.status
        detail.immediateRepeatOutcome = !again.pair
          ? 'refused'
          : again.pair.refreshToken === b
            ? 'same-successor'
            : 'NEW-SUCCESSOR'
        if (again.reuse) detail.immediateRepeatReuseHeader = again.reuse
        const second = await refresh(vu, b)
        detail.successorRefresh = second.status
        const replay = await refresh(vu, a)
        detail.replayAfterTwoRotations = replay.status
        if (replay.reuse) detail.replayReuseHeader = replay.reuse
        out.replayRefused = !replay.pair && detail.immediateRepeatOutcome !== 'NEW-SUCCESSOR'
        if (second.pair) {
          // informational: the OAuth 2.0 Security BCP suggests revoking the session on a replay
          const latest = await refresh(vu, second.pair.refreshToken)
          detail.latestTokenAfterReplay = latest.status
          out.sessionRevokedOnReplay = !latest.pair
        }
      }
      out.replay = detail
    }

    // 2. concurrent duplicates
    {
      let doubleSuccessors = 0
      const races = []
      for (const vu of canaries.slice(1, 1 + RACE_TOKENS)) {
        const token = vu.refreshToken
        const results = await Promise.all(
          Array.from({ length: RACE_WIDTH }, () => refresh(vu, token)),
        )
        const successors = new Set(
          results.filter((r) => r.pair).map((r) => fingerprint(r.pair.refreshToken)),
        )
        doubleSuccessors += Math.max(0, successors.size - 1)
        /** @type {{ statuses: number[], successes: number, distinctSuccessors: number, successorUsable?: boolean }} */
        const race = {
          statuses: results.map((r) => r.status),
          successes: results.filter((r) => r.pair).length,
          distinctSuccessors: successors.size,
        }
        const winner = results.find((r) => r.pair)
        if (winner)
          race.successorUsable = (await refresh(vu, winner.pair.refreshToken)).pair !== null
        races.push(race)
      }
      out.raceWidth = RACE_WIDTH
      out.raceDoubleSuccessors = doubleSuccessors
      out.races = races
      out.noDoubleSuccessor = doubleSuccessors === 0
      if (races.every((r) => r.successes === 0))
        failures.push('race probe: no refresh succeeded at all')
    }

    // 3. wrong client secret
    {
      const vu = /** @type {User} */ (canaries[4])
      const s = vu.clientSecret
      const wrong = s.slice(0, -1) + (s.endsWith('A') ? 'B' : 'A')
      const r = await refresh(vu, vu.refreshToken, wrong)
      out.wrongSecretStatus = r.status
      out.wrongSecretRefused = !ok(r.status)
      const right = await refresh(vu, vu.refreshToken)
      out.tokenIntactAfterWrongSecret = right.pair !== null
      if (r.status !== 401 && !ok(r.status))
        failures.push(`wrong secret answered ${r.status}, the contract says 401`)
    }

    // 4. tampered access token
    {
      const vu = /** @type {User} */ (canaries[5])
      const other = /** @type {User} */ (
        canaries.find((c) => String(c.userId) !== String(vu.userId))
      )
      const control = await me(vu.accessToken)
      out.untamperedAccepted =
        control.status === 200 && String(control.json?.data?.id) === String(vu.userId)
      const t1 = await me(tamperOneChar(vu.accessToken))
      out.tamperedStatus = t1.status
      out.tamperedRefused = !ok(t1.status)
      const t2 = await me(forgeOwner(vu.accessToken, other.userId))
      out.forgedClaimsStatus = t2.status
      out.forgedClaimsRefused = !ok(t2.status)
    }
  } finally {
    client.close()
  }
  out.pass =
    out.replayRefused === true &&
    out.noDoubleSuccessor === true &&
    out.wrongSecretRefused === true &&
    out.tamperedRefused === true &&
    out.forgedClaimsRefused === true &&
    out.untamperedAccepted === true
  if (failures.length) out.notes = failures
  return out
}
