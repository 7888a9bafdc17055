// @ts-check
// How `npm start` runs the server (package.json's start script): its environment assignments and
// Node flags, so the bench starts `node dist/src/server.js` exactly as an operator's `npm start`
// does, and a change to the script is measured without a second copy here to keep in step.

import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const SCRIPT =
  /^((?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)*)exec node((?:\s+--\S+)*)\s+dist\/src\/server\.js$/

/**
 * @param {string} projectDir
 * @returns {{ env: Record<string, string>, nodeArgs: string[] }}
 */
export function npmStart(projectDir) {
  const pkg = JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8'))
  const script = String(pkg.scripts?.start ?? '')
  const m = SCRIPT.exec(script.trim())
  if (!m) {
    throw new Error(
      `bench: package.json's start script is not "[VAR=value ...] exec node [--flag ...] dist/src/server.js": ${script}`,
    )
  }
  /** @type {Record<string, string>} */
  const env = {}
  for (const assignment of (m[1] ?? '').trim().split(/\s+/).filter(Boolean)) {
    const eq = assignment.indexOf('=')
    env[assignment.slice(0, eq)] = assignment.slice(eq + 1)
  }
  return { env, nodeArgs: (m[2] ?? '').trim().split(/\s+/).filter(Boolean) }
}
