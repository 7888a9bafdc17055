import { execFileSync } from 'node:child_process'

export interface SystemUser {
  readonly name: string
  readonly uid: number
  readonly gid: number
}

/**
 * Users the throwaway PostgreSQL may run as when the tests run as root (initdb and postgres refuse
 * root). `.ci/run` creates `tessera-test`; a machine with PostgreSQL installed has `postgres`.
 */
const CANDIDATES = [process.env.TESSERA_TEST_PG_USER, 'tessera-test', 'postgres'].filter(
  (name): name is string => Boolean(name),
)

let cached: SystemUser | null | undefined

/**
 * The user to run database servers as: null when the tests do not run as root (then they run as
 * the current user), otherwise the first candidate that exists.
 */
export function unprivilegedUser(): SystemUser | null {
  if (cached !== undefined) return cached
  if (process.getuid?.() !== 0) return (cached = null)
  for (const name of CANDIDATES) {
    try {
      const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim())
      const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim())
      if (uid > 0) return (cached = { name, uid, gid })
    } catch {
      // no such user: try the next one
    }
  }
  throw new Error(
    'the fault suite runs PostgreSQL, which refuses to run as root, as an unprivileged user: ' +
      'create one with `useradd --system --no-create-home tessera-test` (.ci/run does) or name ' +
      'an existing one in TESSERA_TEST_PG_USER',
  )
}
