import { existsSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Loads `.env` from the working directory into `process.env` when the file exists, with Node's
 * own parser. A variable already set in the real environment keeps its value (the file only
 * fills gaps), so an operator can override one setting without editing the file.
 * Returns the file's path when it was read.
 */
export function loadEnvFile(cwd: string = process.cwd()): string | null {
  const path = join(cwd, '.env')
  if (!existsSync(path)) return null
  process.loadEnvFile(path)
  return path
}
