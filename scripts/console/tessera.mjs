// A throwaway Tessera for the console scripts: the built server (dist/), embedded database in a
// temporary directory, a known operator key; stopped and cleaned up by `stop()`.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ChildServer, freePort, waitForHttp } from '../../test/helpers/processes.mjs'

export const OPERATOR_KEY = 'console-scripts-operator-key-0123456789'
const projectDir = fileURLToPath(new URL('../../', import.meta.url))

/** @param {Record<string, string>} [env] */
export async function startTessera(env = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-console-'))
  const port = await freePort()
  const childEnv = { ...process.env }
  delete childEnv.DATABASE_URL
  Object.assign(childEnv, {
    PORT: String(port),
    HOST: '127.0.0.1',
    TESSERA_ADMIN_KEY: OPERATOR_KEY,
    TESSERA_DATA_DIR: dataDir,
    TESSERA_LOG_LEVEL: 'warn',
    ...env,
  })
  const proc = new ChildServer({
    command: process.execPath,
    args: ['dist/src/server.js'],
    cwd: projectDir,
    env: childEnv,
  })
  const baseUrl = `http://127.0.0.1:${port}`
  try {
    await waitForHttp(`${baseUrl}/health`, { process: proc, timeoutMs: 60_000 })
  } catch (err) {
    await proc.stop()
    rmSync(dataDir, { recursive: true, force: true })
    throw err
  }
  return {
    baseUrl,
    stop: async () => {
      await proc.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Debian's Chromium (or TESSERA_CHROMIUM) through playwright-core, with the browser suite's flags. */
export async function launchChromium() {
  const { chromium } = await import('playwright-core')
  const executablePath = [
    process.env.TESSERA_CHROMIUM,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
  ].find((path) => path && existsSync(path))
  if (!executablePath) throw new Error('no Chromium: apt-get install chromium')
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  })
}
