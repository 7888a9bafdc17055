import { ADVISORY_LOCKS } from './advisory-locks.js'
import { sql } from 'kysely'
import type { Context } from '../context.js'
import { pruneAuditEvents } from './audit/prune.js'
import type { KeyRing } from './keys/key-ring.js'
import { pruneFamilies } from './tokens/family.repository.js'
import type { RevokedFamilies } from './tokens/revoked-families.js'

const INTERVAL_MS = 60_000
/** Revoked and expired sessions stay visible in the sessions view this long. */
const KEEP_ENDED_SESSIONS_MS = 7 * 86_400_000
const FAMILY_BATCHES_PER_RUN = 20

export interface MaintenanceReport {
  readonly families: number
  readonly signingKeys: number
  readonly auditEvents: number
  /** Where audit pruning stopped because a link failed verification (evidence is kept). */
  readonly auditBlocked: readonly string[]
}

/**
 * Housekeeping that keeps storage bounded: expired and long-revoked token families, retired
 * signing keys past use, audit events past retention. Each part runs in its own short
 * transactions (audit pruning takes its own lock), and family pruning is skipped by a process
 * that finds another one already doing it. Each process also prunes its in-memory revocation list.
 */
export async function runMaintenance(
  ctx: Context,
  deps: { keyRing: KeyRing; revokedFamilies: RevokedFamilies },
): Promise<MaintenanceReport> {
  await deps.revokedFamilies.prune()
  const now = ctx.clock()
  const before = new Date(now - Math.max(deps.revokedFamilies.windowMs, KEEP_ENDED_SESSIONS_MS))
  let families = 0
  for (let batch = 0; batch < FAMILY_BATCHES_PER_RUN; batch++) {
    const pruned = await ctx.database.db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ locked: boolean }>`
        SELECT pg_try_advisory_xact_lock(${ADVISORY_LOCKS.maintenance}) AS locked`.execute(trx)
      return rows[0]?.locked ? pruneFamilies(trx, before) : 0
    })
    families += pruned
    if (pruned === 0) break
  }
  const signingKeys = await deps.keyRing.pruneExpired()
  let auditEvents = 0
  let auditBlocked: string[] = []
  if (ctx.config.auditRetentionDays > 0) {
    const cutoff = new Date(now - ctx.config.auditRetentionDays * 86_400_000)
    const pruned = await pruneAuditEvents(ctx.database.db, cutoff)
    auditEvents = pruned.deleted
    auditBlocked = pruned.blocked.map((problem) => problem.message)
  }
  return { families, signingKeys, auditEvents, auditBlocked }
}

export function startMaintenance(
  ctx: Context,
  deps: { keyRing: KeyRing; revokedFamilies: RevokedFamilies },
): { stop(): void } {
  let running: Promise<MaintenanceReport | undefined> | undefined
  const tick = () => {
    running ??= runMaintenance(ctx, deps)
      .then((report) => {
        if (report.families + report.signingKeys + report.auditEvents > 0) {
          ctx.logger.info(report, 'pruned')
        }
        if (report.auditBlocked.length > 0) {
          ctx.logger.error(
            { problems: report.auditBlocked },
            'audit retention stopped at a link that fails verification: run tessera audit verify',
          )
        }
        return report
      })
      .catch((err: unknown) => {
        ctx.faults.report('maintenance', err, 'maintenance failed; retrying on the next run')
        return undefined
      })
      .finally(() => {
        running = undefined
      })
    return running
  }
  const timer = setInterval(tick, INTERVAL_MS)
  timer.unref()
  return { stop: () => clearInterval(timer) }
}
