import { expect } from 'vitest'
import type { RefreshLoad } from '../helpers/fault/refresh-load.js'
import type { ServerProcess } from '../helpers/server-process.js'

/** A Tessera process on a fault suite's PostgreSQL, with the suite's short timeouts. */
export function serverEnv(options: {
  databaseUrl: string
  operatorKey: string
  masterKey: string
  extra?: Record<string, string>
}): Record<string, string> {
  return {
    DATABASE_URL: options.databaseUrl,
    TESSERA_MASTER_KEY: options.masterKey,
    TESSERA_ADMIN_KEY: options.operatorKey,
    TESSERA_LOG_LEVEL: 'info',
    TESSERA_DATA_DIR: '/nonexistent',
    TESSERA_DB_POOL_SIZE: '4',
    ...options.extra,
  }
}

/**
 * What every fault scenario promises its users: each answer a 200 or a 503 with Retry-After,
 * nobody logged out, no presented token with two distinct successors.
 */
export function expectFaultFree(load: RefreshLoad): void {
  const unexpected = load.answers.filter((a) => a.outcome !== 200 && a.outcome !== 503)
  expect(unexpected, `answers other than 200 and 503: ${load.summary()}`).toEqual([])
  expect(load.answers.filter((a) => a.outcome === 503 && a.retryAfter === null)).toEqual([])
  expect(load.loggedOut()).toEqual([])
  expect(load.successorConflicts()).toEqual([])
  expect(load.acknowledgedCount()).toBeGreaterThan(0)
}

/** Resolves when the server's output (stdout or stderr) has a line matching `pattern`. */
export function waitForOutput(
  server: ServerProcess,
  pattern: RegExp,
  timeoutMs: number,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!pattern.test(server.stdout) && !pattern.test(server.stderr)) return
      done()
      resolve()
    }
    const timer = setTimeout(() => {
      done()
      reject(
        new Error(
          `no output matching ${pattern} within ${timeoutMs} ms:\n${server.stdout.slice(-2000)}\n${server.stderr.slice(-2000)}`,
        ),
      )
    }, timeoutMs)
    const done = () => {
      clearTimeout(timer)
      server.child.stdout?.off('data', check)
      server.child.stderr?.off('data', check)
    }
    server.child.stdout?.on('data', check)
    server.child.stderr?.on('data', check)
    check()
  })
}
