import cluster from 'node:cluster'
import pino from 'pino'
import { buildApp } from './app.js'
import { runPrimary } from './cluster/primary.js'
import { ConfigError, loadConfig } from './config/config.js'
import { loadEnvFile } from './config/env-file.js'
import { MasterKeyError } from './crypto/master-key.js'
import { DataDirLockedError } from './db/data-dir-lock.js'
import { StartupProgress } from './health/startup-progress.js'
import { Listener } from './http/listener.js'
import { startingHandler } from './http/starting.js'
import { handleShutdownSignals } from './shutdown.js'
import { LogOutput } from './log-output.js'
import { createTessera } from './tessera.js'

/**
 * `npm start` (or `node dist/src/server.js`): the only place that reads process.env (after filling
 * it from `.env`, if any). Listens on HOST:PORT at once, answering probes and 503 while start-up
 * runs (http/starting.ts), then serves the app on the same socket; on SIGTERM drains, lets
 * in-flight requests finish, closes the database and exits 0 (shutdown.ts).
 */
/** Every log line of this process (and the printed operator key) leaves through this. */
const output = new LogOutput()

async function main(): Promise<void> {
  let config
  let envFile
  try {
    envFile = loadEnvFile()
    config = loadConfig(process.env)
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`tessera: ${err.message}\n`)
      process.exit(1)
    }
    throw err
  }
  const logger = pino({ level: config.logLevel }, output)
  if (envFile && cluster.isPrimary) {
    logger.info({ file: envFile }, 'read variables from .env (the real environment wins)')
  }
  if (config.workers > 1 && cluster.isPrimary) {
    // TESSERA_WORKERS: this process only supervises; each worker runs the rest of main()
    runPrimary({
      workers: config.workers,
      logger,
      exit: (code) => void output.exit(code),
      // each worker keeps its own shutdown limit; the primary only steps in past it
      drainTimeoutMs: (config.shutdown.timeoutSeconds + 5) * 1_000,
    })
    return
  }
  // A replacement worker (node:cluster numbers workers from 1: the first ones are 1..N) joins the
  // port only once it is ready, so the workers already serving keep every connection meanwhile.
  const replacement = cluster.isWorker && cluster.worker!.id > config.workers
  const progress = new StartupProgress()
  const listener = new Listener(config.http, startingHandler(progress))
  const shutdown = handleShutdownSignals({
    listener,
    logger,
    exit: (code) => void output.exit(code),
    drainSeconds: config.shutdown.drainSeconds,
    timeoutSeconds: config.shutdown.timeoutSeconds,
  })
  // Listening from the start: while start-up waits (for a database that is down, say), probes
  // answer and say why, and requests get 503 with Retry-After instead of a refused connection.
  let address = replacement ? null : await listener.listen(config.host, config.port)
  if (address) {
    logger.info({ address }, 'listening; starting (requests get 503 until ready)')
  }
  let tessera
  try {
    tessera = await createTessera(config, { logger, progress })
  } catch (err) {
    if (err instanceof MasterKeyError || err instanceof DataDirLockedError) {
      logger.fatal(err.message)
      return output.exit(1)
    }
    throw err
  }
  const app = await buildApp(tessera, { serverFactory: listener.serverFactory })
  await app.ready()
  // the same socket now serves the app: connections accepted meanwhile were answered, not refused
  listener.serve()
  shutdown.serving(app, tessera)
  address ??= await listener.listen(config.host, config.port)
  // TESSERA_WORKERS: the primary counts this worker as started (cluster/primary.ts)
  process.send?.({ tessera: 'started' })
  logger.info(
    {
      address,
      storage:
        tessera.ctx.database.kind === 'pglite' ? `embedded (${config.dataDir})` : 'postgresql',
      signingAlg: config.signingAlg,
      issuer: config.issuer,
    },
    'tessera is listening',
  )
  if (tessera.generatedOperatorKey) {
    // Printed once, on the start that created it; only its hash is stored.
    process.stdout.write(
      `\nGenerated operator key (shown once, store it now):\n\n  ${tessera.generatedOperatorKey}\n\n` +
        'Use it as "Authorization: Bearer <key>" on /v2/admin/*. Lost it? Run: npm run tessera -- operator-key reset\n\n',
    )
  }
  if (tessera.ctx.keys.source === 'generated') {
    logger.warn(
      { file: `${config.dataDir}/master.key` },
      'generated a master key: back it up with the data, or set TESSERA_MASTER_KEY',
    )
  }
}

main().catch((err: unknown) => {
  process.stderr.write(
    `tessera: failed to start: ${err instanceof Error ? err.message : String(err)}\n`,
  )
  void output.exit(1)
})
