import { setTimeout as sleep } from 'node:timers/promises'
import type { Logger } from 'pino'
import type { App } from './routes/types.js'
import type { Tessera } from './tessera.js'

export interface ShutdownOptions {
  readonly app: App
  readonly tessera: Tessera
  readonly logger: Logger
  readonly drainSeconds: number
  readonly timeoutSeconds: number
}

/**
 * SIGTERM: readiness fails and new requests get 503 with `Connection: close` for the drain period
 * (a load balancer notices and stops routing here), then the listener closes, in-flight requests
 * finish, the database closes and the process exits 0. SIGINT (Ctrl-C at a terminal) skips the
 * drain. A second signal changes nothing; a shutdown that outlives its limit exits 1.
 */
export function handleShutdownSignals(options: ShutdownOptions): void {
  let closing = false
  const shutdown = async (signal: NodeJS.Signals) => {
    if (closing) return
    closing = true
    const { app, tessera, logger } = options
    const drainMs = signal === 'SIGTERM' ? options.drainSeconds * 1000 : 0
    const force = setTimeout(() => {
      logger.error(`shutdown took longer than ${options.timeoutSeconds} s; exiting`)
      logger.flush()
      process.exit(1)
    }, options.timeoutSeconds * 1000)
    force.unref()
    try {
      tessera.readiness.beginDraining()
      logger.info({ signal, drainMs }, 'shutting down: draining')
      if (drainMs > 0) await sleep(drainMs)
      logger.info('shutting down: closing the listener, finishing in-flight requests')
      await app.close()
      await tessera.close()
      logger.info('stopped')
      logger.flush()
      process.exit(0)
    } catch (err) {
      logger.error({ err: { message: String(err) } }, 'shutdown failed')
      logger.flush()
      process.exit(1)
    }
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
}
