import { existsSync } from 'node:fs'
import { delimiter, join } from 'node:path'

/** PostgreSQL 15's server binaries (Debian's layout); TESSERA_TEST_PG_BIN points elsewhere. */
export const PG_BIN = process.env.TESSERA_TEST_PG_BIN ?? '/usr/lib/postgresql/15/bin'

/** A program from PATH, or the sbin folders where Debian puts daemons. */
export function findProgram(name: string): string {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin']
  for (const dir of dirs) {
    const path = join(dir, name)
    if (dir && existsSync(path)) return path
  }
  return join('/usr/sbin', name)
}

/** Everything the fault suite starts, for the check in vitest.config.ts. */
export function faultSuiteTools(): { name: string; path: string }[] {
  return [
    { name: 'initdb', path: join(PG_BIN, 'initdb') },
    { name: 'postgres', path: join(PG_BIN, 'postgres') },
    { name: 'pg_basebackup', path: join(PG_BIN, 'pg_basebackup') },
    { name: 'redis-server', path: findProgram('redis-server') },
    { name: 'haproxy', path: findProgram('haproxy') },
  ]
}
