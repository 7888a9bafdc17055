import { sql } from 'kysely'
import type { Context } from '../context.js'
import { pruneAuditEvents } from './audit/prune.js'
import type { KeyRing } from './keys/key-ring.js'
import { pruneFamilies } from './tokens/family.repository.js'
import type { RevokedFamilies } from './tokens/revoked-families.js'

const MAINTENANCE_LOCK = 7_102_411_002
const INTERVAL_MS = 60_000
/** Revoked and expired sessions stay visible in the sessions view this long. */
const KEEP_ENDED_SESSIONS_MS = 7 * 86_400_000

/**
 * Housekeeping that keeps storage bounded: expired and long-revoked token families, retired
 * signing keys past use, audit events past retention. One process at a time does the database
 * part (advisory lock); each process prunes its own in-memory revocation list.
 */
export function startMaintenance(
  ctx: Context,
  deps: { keyRing: KeyRing; revokedFamilies: RevokedFamilies },
): { stop(): void; runNow(): Promise<void> } {
  let running: Promise<void> | undefined
  const run = async () => {
    deps.revokedFamilies.prune()
    await ctx.database.db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ locked: boolean }>`
        SELECT pg_try_advisory_xact_lock(${MAINTENANCE_LOCK}) AS locked`.execute(trx)
      if (!rows[0]?.locked) return
      const now = ctx.clock()
      const windowMs = deps.revokedFamilies.windowMs
      const before = new Date(now - Math.max(windowMs, KEEP_ENDED_SESSIONS_MS))
      let pruned = 0
      for (let batch = 0; batch < 20; batch++) {
        const n = await pruneFamilies(trx, before)
        pruned += n
        if (n === 0) break
      }
      const keys = await deps.keyRing.pruneExpired()
      let audit = 0
      if (ctx.config.auditRetentionDays > 0) {
        const cutoff = new Date(now - ctx.config.auditRetentionDays * 86_400_000)
        audit = (await pruneAuditEvents(trx, cutoff)).deleted
      }
      if (pruned + keys + audit > 0) {
        ctx.logger.info({ families: pruned, signingKeys: keys, auditEvents: audit }, 'pruned')
      }
    })
  }
  const tick = () => {
    running ??= run()
      .catch((err: unknown) => ctx.logger.warn({ err: { message: String(err) } }, 'maintenance failed'))
      .finally(() => {
        running = undefined
      })
  }
  const timer = setInterval(tick, INTERVAL_MS)
  timer.unref()
  return {
    stop: () => clearInterval(timer),
    runNow: async () => {
      tick()
      await running
    },
  }
}
