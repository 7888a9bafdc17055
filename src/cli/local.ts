import pino from 'pino'
import { loadConfig, type Config } from '../config/config.js'
import { createTessera, type Tessera } from '../tessera.js'

/**
 * Runs `run` on an instance opened directly on the configured storage (no server needed; in
 * embedded mode, none may be running). The generated operator key of a first start goes to
 * stderr: stdout stays the command's own output.
 */
export async function withTessera(
  env: NodeJS.ProcessEnv,
  run: (t: Tessera, config: Config) => Promise<number>,
  options: { announceGeneratedKey: boolean } = { announceGeneratedKey: true },
): Promise<number> {
  const config = loadConfig(env)
  const tessera = await createTessera(config, {
    logger: pino({ level: config.logLevel === 'info' ? 'warn' : config.logLevel }),
    background: false,
  })
  try {
    if (tessera.generatedOperatorKey && options.announceGeneratedKey) {
      process.stderr.write(
        `Generated operator key (shown once, store it now):\n\n  ${tessera.generatedOperatorKey}\n\n`,
      )
    }
    return await run(tessera, config)
  } finally {
    await tessera.close()
  }
}
