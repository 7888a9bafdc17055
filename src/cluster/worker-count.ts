import { availableParallelism } from 'node:os'

/** More server processes than this on one machine only adds context switches and connections. */
const MAX_WORKERS = 64

/**
 * TESSERA_WORKERS: a whole number from 1 to 64, or `auto` for one process per core the OS
 * offers this process (cgroup CPU limits are not applied by Node: set a number in containers).
 */
export function parseWorkerCount(
  text: string,
  cores: number = availableParallelism(),
): number | { problem: string } {
  const t = text.trim().toLowerCase()
  if (t === 'auto') return Math.max(1, Math.min(MAX_WORKERS, cores))
  if (!/^\d+$/.test(t)) return { problem: `expected a whole number or "auto", got "${text}"` }
  const n = Number(t)
  if (n < 1 || n > MAX_WORKERS) return { problem: `must be from 1 to ${MAX_WORKERS}` }
  return n
}

/**
 * The embedded database is a directory one process opens (a lock file guards it), so several
 * server processes need PostgreSQL. Null when the combination is fine.
 */
export function workersProblem(workers: number, text: string, databaseUrl: string | undefined) {
  if (workers <= 1 || databaseUrl) return null
  const given = text.trim().toLowerCase() === 'auto' ? `auto (${workers} cores)` : String(workers)
  return (
    `${given} server processes need PostgreSQL: set DATABASE_URL, or TESSERA_WORKERS=1 for ` +
    'the embedded database (one process owns its data directory)'
  )
}
