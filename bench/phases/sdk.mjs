// @ts-check
// SDK row (issue 10): what `createVerifier().verify()` of @tessera/sdk costs next to a bare
// `jose.jwtVerify` of the same token with the same checks, in this process, in the same run.
//
// Both sides verify one access token of a fresh managed user of the main Tessera target, closed
// loop, one verification in flight (the cost of a verification, not of concurrency), for
// `--duration` seconds each (at most 5) in alternating 100 ms slices, over `--rounds` rounds
// (at least 3), counted per CPU second of the bench process. The bare
// side is what a resource server would write by hand: the key imported once, then jwtVerify with
// issuer, audience, algorithm allow-list and `typ`. The SDK side adds discovery (done once,
// before timing), the key set lookup by `kid` and the typed claims. Ratio of the medians,
// SDK ÷ bare; target ≥ 0.9.

/** @import { Phase, Run } from '../types.js' */

import { decodeProtectedHeader, importJWK, jwtVerify } from 'jose'
import { createVerifier } from '../../sdk/dist/index.js'
import { createTesseraUsers } from '../lib/targets.mjs'

const MIN_ROUNDS = 3
/** Length of one turn of a side (ms). */
const SLICE_MS = 100

/** @type {Phase} */
export const sdk = {
  name: 'sdk',
  async run(run) {
    const target = run.targets.find((t) => t.name === 'tessera')
    if (!target) return
    if (run.opts.alg === 'HS256') {
      run.result.sections.sdk = {
        skipped: 'HS256: there is no key set to verify against (the SDK verifies by introspection)',
      }
      return
    }
    run.result.sections.sdk = await measureVerify(run, target.baseUrl, target)
  },
  markdown(result) {
    const s = /** @type {SdkSection | { skipped: string } | undefined} */ (result.sections.sdk)
    if (!s) return ''
    if ('skipped' in s) return `## SDK\n\nSkipped: ${s.skipped}.`
    const rows = s.rounds.map(
      (r, i) => `| ${i + 1} | ${Math.round(r.bare)} | ${Math.round(r.sdk)} | ${r.ratio} |`,
    )
    return [
      '## SDK',
      '',
      `\`createVerifier().verify()\` of @tessera/sdk against a bare \`jose.jwtVerify\` of the same ${s.alg} token with the same checks, one verification in flight, ${s.seconds} s per side per round in alternating 100 ms slices, counted per CPU second of this process. Ratio of the medians, SDK ÷ bare: **${s.ratio}** (target ≥ 0.9).`,
      '',
      '| round | bare jose verifications per CPU s | SDK verify() per CPU s | ratio |',
      '|--:|--:|--:|--:|',
      ...rows,
    ].join('\n')
  },
  findings(result) {
    const s = /** @type {SdkSection | { skipped: string } | undefined} */ (result.sections.sdk)
    if (!s || 'skipped' in s || s.ratio >= 0.9) return []
    return [`SDK verify() ran at ${s.ratio}× a bare jose.jwtVerify (target ≥ 0.9).`]
  },
}

/**
 * @typedef {object} SdkSection
 * @property {string} alg
 * @property {number} seconds
 * @property {{ bare: number, sdk: number, ratio: number }[]} rounds
 * @property {number} ratio
 */

/**
 * @param {Run} run
 * @param {string} baseUrl
 * @param {{ clientId: string, clientSecret: string }} client
 * @returns {Promise<SdkSection>}
 */
async function measureVerify(run, baseUrl, client) {
  const [user] = await createTesseraUsers({
    baseUrl,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    n: 1,
    tag: `${run.dbSuffix}-sdk`,
  })
  if (!user) throw new Error('sdk: no user created')
  const token = user.accessToken
  const metadata = await getJson(`${baseUrl}/.well-known/oauth-authorization-server`)
  const issuer = String(metadata.issuer)
  const { alg, kid } = decodeProtectedHeader(token)
  if (!alg) throw new Error('sdk: the access token has no alg')
  const jwk = (await getJson(String(metadata.jwks_uri))).keys.find((k) => k.kid === kid)
  if (!jwk) throw new Error(`sdk: key ${kid} is not in the key set`)
  // the key imported once, as a resource server written by hand would hold it
  const key = await importJWK(jwk, alg)
  const checks = { issuer, audience: issuer, algorithms: [alg], typ: 'at+jwt' }
  const bare = () => jwtVerify(token, key, checks)

  const verifier = createVerifier({ issuer, algorithms: [alg] })
  const claims = await verifier.verify(token) // discovery and the key set, before timing
  if (claims.userId !== user.userId) throw new Error(`sdk: verify() says user ${claims.userId}`)
  await bare()
  const viaSdk = () => verifier.verify(token)

  const seconds = Math.max(1, Math.min(run.opts.duration, 5))
  const rounds = []
  for (let round = 0; round < Math.max(MIN_ROUNDS, run.opts.rounds); round++) {
    const [b, s] = await interleaved(bare, viaSdk, seconds, round % 2 === 1)
    rounds.push({ bare: b, sdk: s, ratio: round2(s / b) })
    run.log(`sdk: round ${round + 1}: bare ${Math.round(b)}/s, verify() ${Math.round(s)}/s`)
  }
  const ratio = round2(median(rounds.map((r) => r.sdk)) / median(rounds.map((r) => r.bare)))
  return { alg, seconds, rounds, ratio }
}

/**
 * Verifications per CPU second of `a` and of `b`, one in flight, `seconds` of each, in slices of
 * SLICE_MS taken in turn: on a busy machine, what else runs falls on both sides alike, and CPU
 * time (not wall time) is what a verification costs a resource server.
 * @param {() => Promise<unknown>} a
 * @param {() => Promise<unknown>} b
 * @param {number} seconds
 * @param {boolean} bFirst
 * @returns {Promise<[number, number]>}
 */
async function interleaved(a, b, seconds, bFirst) {
  const sides = bFirst ? [b, a] : [a, b]
  const count = [0, 0]
  const cpuMicros = [0, 0]
  for (let slice = 0; slice < (seconds * 1000) / SLICE_MS; slice++) {
    for (const [i, fn] of sides.entries()) {
      const cpu = process.cpuUsage()
      const end = performance.now() + SLICE_MS
      while (performance.now() < end) {
        await fn()
        count[i] = (count[i] ?? 0) + 1
      }
      const used = process.cpuUsage(cpu)
      cpuMicros[i] = (cpuMicros[i] ?? 0) + used.user + used.system
    }
  }
  const perCpuSecond = sides.map((_, i) => ((count[i] ?? 0) * 1e6) / (cpuMicros[i] || 1))
  return bFirst
    ? [perCpuSecond[1] ?? 0, perCpuSecond[0] ?? 0]
    : [perCpuSecond[0] ?? 0, perCpuSecond[1] ?? 0]
}

/** @param {string} url */
async function getJson(url) {
  const res = await fetch(url)
  if (!res.ok) throw new Error(`sdk: GET ${url}: ${res.status}`)
  return /** @type {Record<string, unknown> & { keys: import('jose').JWK[] }} */ (await res.json())
}

/** @param {number[]} xs */
function median(xs) {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2
}

/** @param {number} x */
const round2 = (x) => Math.round(x * 100) / 100
