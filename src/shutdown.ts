import { setTimeout as sleep } from 'node:timers/promises'
import type { Logger } from 'pino'
import type { Listener } from './http/listener.js'
import type { App } from './routes/types.js'
import type { Tessera } from './tessera.js'

export interface ShutdownOptions {
  readonly listener: Listener
  readonly logger: Logger
  readonly drainSeconds: number
  readonly timeoutSeconds: number
  /** Ends the process once the log lines are out (log-output.ts). */
  readonly exit: (code: number) => void
}

export interface Shutdown {
  /** Start-up finished: from now on a signal drains `app` and closes `tessera`. */
  serving(app: App, tessera: Tessera): void
}

/**
 * SIGTERM: readiness fails and new requests get 503 with `Connection: close` for the drain period
 * (a load balancer notices and stops routing here), then the listener closes, in-flight requests
 * finish, the database closes and the process exits 0. SIGINT (Ctrl-C at a terminal) skips the
 * drain. A second signal changes nothing; a shutdown that outlives its limit exits 1.
 *
 * Installed before start-up: a signal while start-up waits (for a database that is down, say)
 * exits 0 at once. Nothing was served and nothing is half-written that a restart would not
 * redo (every start-up step is idempotent), so a supervisor can stop a waiting instance.
 */
export function handleShutdownSignals(options: ShutdownOptions): Shutdown {
  const { listener, logger } = options
  let closing = false
  let running: { app: App; tessera: Tessera } | null = null

  let exiting = false
  const exit = (code: number) => {
    if (exiting) return
    exiting = true
    options.exit(code)
  }

  const shutdown = async (signal: NodeJS.Signals) => {
    if (closing) return
    closing = true
    if (!running) {
      logger.info({ signal }, 'stopped during start-up')
      return exit(0)
    }
    const { app, tessera } = running
    const drainMs = signal === 'SIGTERM' ? options.drainSeconds * 1000 : 0
    const force = setTimeout(() => {
      logger.error(`shutdown took longer than ${options.timeoutSeconds} s; exiting`)
      exit(1)
    }, options.timeoutSeconds * 1000)
    force.unref()
    try {
      tessera.readiness.beginDraining()
      logger.info({ signal, drainMs }, 'shutting down: draining')
      if (drainMs > 0) await sleep(drainMs)
      logger.info('shutting down: closing the listener, finishing in-flight requests')
      // the listener resolves once the last connection has ended; Fastify's close answers
      // requests still arriving on open connections with 503 meanwhile (return503OnClosing)
      const closed = listener.close()
      await app.close()
      await closed
      await tessera.close()
      logger.info('stopped')
      exit(0)
    } catch (err) {
      logger.error({ err: { message: String(err) } }, 'shutdown failed')
      exit(1)
    }
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
  return {
    serving(app, tessera) {
      running = { app, tessera }
    },
  }
}
