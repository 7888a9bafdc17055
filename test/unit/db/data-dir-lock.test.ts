import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { DataDirLockedError, lockDataDir, processIdentity } from '../../../src/db/data-dir-lock.js'

/**
 * The embedded data directory's lock: refused while its owner runs, taken over once the owner is
 * gone, including when the owner's pid has been given to another process since.
 */
describe('embedded data directory lock', () => {
  let dir: string
  let other: ChildProcess
  beforeAll(async () => {
    // a live process that is not the lock's writer
    other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' })
    await new Promise((resolve) => other.once('spawn', resolve))
  })
  afterAll(() => {
    other.kill('SIGKILL')
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))
  const fresh = () => (dir = mkdtempSync(join(tmpdir(), 'tessera-lock-')))
  const lockFile = () => join(dir, 'embedded.lock')

  it('writes the owner pid and identity, and removes the file on release', () => {
    fresh()
    const release = lockDataDir(dir)
    const [pid, identity] = readFileSync(lockFile(), 'utf8').split('\n')
    expect(Number(pid)).toBe(process.pid)
    expect(identity).toBe(processIdentity(process.pid))
    expect(identity).toMatch(/^(linux|ps):/)
    release()
    expect(() => readFileSync(lockFile())).toThrow(/ENOENT/)
  })

  it('refuses while the process that wrote the lock runs, naming it and the file', () => {
    fresh()
    writeFileSync(lockFile(), `${other.pid}\n${processIdentity(other.pid!)}\n`)
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError)
    expect(() => lockDataDir(dir)).toThrow(
      `in use by process ${other.pid}. The embedded database serves one process; stop it first, or use DATABASE_URL (PostgreSQL) to run several. If process ${other.pid} is not Tessera, delete ${lockFile()}.`,
    )
  })

  it('takes over a lock whose pid now belongs to another process', () => {
    fresh()
    // the same pid, but the identity of a process that started at another moment
    const identity = processIdentity(other.pid!)!.replace(/:[^:]+$/, ':1')
    writeFileSync(lockFile(), `${other.pid}\n${identity}\n`)
    const release = lockDataDir(dir)
    expect(Number(readFileSync(lockFile(), 'utf8').split('\n')[0])).toBe(process.pid)
    release()
  })

  it('takes over a lock left by a process that is gone', async () => {
    fresh()
    const dead = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' })
    await new Promise((resolve) => dead.once('exit', resolve))
    writeFileSync(lockFile(), `${dead.pid}\n`)
    const release = lockDataDir(dir)
    expect(Number(readFileSync(lockFile(), 'utf8').split('\n')[0])).toBe(process.pid)
    release()
  })

  it('trusts a lock from an older version (pid only) while that pid is alive', () => {
    fresh()
    writeFileSync(lockFile(), String(other.pid))
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError)
  })
})
