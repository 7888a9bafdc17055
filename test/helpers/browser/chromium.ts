import { existsSync } from 'node:fs'

/**
 * Debian's Chromium (`apt-get install chromium`), or the one TESSERA_CHROMIUM names. The suite
 * never downloads a browser build.
 */
export function findChromium(): string | undefined {
  const candidates = [
    process.env.TESSERA_CHROMIUM,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
  ].filter((path): path is string => Boolean(path))
  return candidates.find((path) => existsSync(path))
}

/** Flags for a quiet headless run in a container (no sandbox as root, no GPU, no network chatter). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
]
