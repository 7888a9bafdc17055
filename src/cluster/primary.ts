import cluster, { type Worker } from 'node:cluster'
import type { Logger } from 'pino'

export interface PrimaryOptions {
  readonly workers: number
  readonly logger: Logger
  /** First restart delay after a crash; doubles per consecutive quick crash of the same slot. */
  readonly restartDelayMs?: number
  readonly maxRestartDelayMs?: number
  /** A worker that ran this long before dying counts as healthy: its slot's backoff starts over. */
  readonly stableAfterMs?: number
  /** After SIGTERM, workers still running this long after are killed (each has its own limit). */
  readonly drainTimeoutMs?: number
  /** Ends the process once the log lines are out; default process.exit. */
  readonly exit?: (code: number) => void
}

interface Slot {
  readonly index: number
  worker: Worker | null
  /** Consecutive crashes of short-lived workers in this slot (the backoff exponent). */
  crashes: number
  startedAt: number
  /** The worker said its start-up finished (it serves requests). */
  everStarted: boolean
  restartTimer: NodeJS.Timeout | null
}

/**
 * TESSERA_WORKERS > 1: this process serves no request. It forks the workers (each runs the
 * whole server and listens on the shared port; node:cluster hands connections round-robin),
 * replaces one that dies, and on SIGTERM/SIGINT passes SIGTERM on and exits once all have
 * drained. A worker that exits before finishing its start-up at the first start means the
 * configuration or the database cannot work (wrong master key, say): restarting it forever
 * would hide that, so the primary stops everything and exits 1.
 */
export function runPrimary(options: PrimaryOptions): void {
  const {
    workers,
    logger,
    restartDelayMs = 500,
    maxRestartDelayMs = 30_000,
    stableAfterMs = 60_000,
    drainTimeoutMs = 30_000,
    exit = (code: number) => process.exit(code),
  } = options
  const log = logger.child({ role: 'primary' })
  const slots: Slot[] = Array.from({ length: workers }, (_, index) => ({
    index,
    worker: null,
    crashes: 0,
    startedAt: 0,
    everStarted: false,
    restartTimer: null,
  }))
  let stopping = false
  let started = false
  let exitCode = 0

  const fork = (slot: Slot) => {
    slot.restartTimer = null
    slot.startedAt = Date.now()
    slot.everStarted = false
    const worker = cluster.fork({ TESSERA_WORKER_INDEX: String(slot.index) })
    slot.worker = worker
    // Not 'listening': the first workers listen before their start-up is done (server.ts)
    const onMessage = (message: unknown) => {
      if ((message as { tessera?: unknown } | null)?.tessera !== 'started') return
      worker.off('message', onMessage)
      slot.everStarted = true
      if (!started && slots.every((s) => s.everStarted)) {
        started = true
        log.info(
          { workers, workerPids: slots.map((s) => s.worker?.process.pid) },
          'workers listening',
        )
      } else if (started) {
        log.info(
          { slot: slot.index, workerPid: worker.process.pid },
          'replacement worker listening',
        )
      }
    }
    worker.on('message', onMessage)
    worker.once('exit', (code, signal) => onExit(slot, worker, code, signal))
  }

  const onExit = (slot: Slot, worker: Worker, code: number | null, signal: string | null) => {
    if (slot.worker === worker) slot.worker = null
    const workerPid = worker.process.pid
    if (stopping) {
      // Killed by the SIGTERM passed on above: it had not yet installed its handler, so it was
      // still loading and had never listened. Nothing was lost.
      const stoppedBeforeServing = code === null && signal === 'SIGTERM' && !slot.everStarted
      if (code !== 0 && !stoppedBeforeServing) exitCode = 1
      log.info({ slot: slot.index, workerPid, code, signal }, 'worker stopped')
      if (slots.every((s) => !s.worker)) finish()
      return
    }
    if (!started && !slot.everStarted) {
      log.fatal(
        { slot: slot.index, workerPid, code, signal },
        'a worker failed to start (its log says why); stopping',
      )
      exitCode = 1
      stopAll()
      return
    }
    const lived = Date.now() - slot.startedAt
    slot.crashes = lived >= stableAfterMs ? 0 : slot.crashes + 1
    const delay = Math.min(maxRestartDelayMs, restartDelayMs * 2 ** Math.max(0, slot.crashes - 1))
    log.error(
      { slot: slot.index, workerPid, code, signal, livedMs: lived, restartInMs: delay },
      'worker died; starting a replacement',
    )
    slot.restartTimer = setTimeout(() => fork(slot), delay)
  }

  const stopAll = () => {
    if (stopping) return
    stopping = true
    for (const slot of slots) {
      if (slot.restartTimer) clearTimeout(slot.restartTimer)
      slot.restartTimer = null
      // the worker drains like a single process would: readiness fails, in-flight requests finish
      slot.worker?.process.kill('SIGTERM')
    }
    if (slots.every((s) => !s.worker)) return finish()
    setTimeout(() => {
      log.error({ drainTimeoutMs }, 'workers did not stop in time; killing them')
      for (const slot of slots) slot.worker?.process.kill('SIGKILL')
      exitCode = 1
    }, drainTimeoutMs).unref()
  }

  const finish = () => {
    log.info({ exitCode }, 'all workers stopped')
    exit(exitCode)
  }

  const onSignal = (signal: string) => {
    if (stopping) return
    log.info({ signal }, 'stopping workers')
    stopAll()
  }
  process.on('SIGTERM', () => onSignal('SIGTERM'))
  process.on('SIGINT', () => onSignal('SIGINT'))

  log.info({ workers }, 'starting workers')
  for (const slot of slots) fork(slot)
}
