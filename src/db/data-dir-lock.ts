import { execFileSync } from 'node:child_process'
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs'

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError'
}

/**
 * An embedded database belongs to one process: a second one opening the same files would corrupt
 * them. A lock file names the owner by pid and by an identity of that process (its start on this
 * boot); a lock is taken over when its owner is gone — dead, or its pid now belongs to another
 * process, as after a reboot or a container restart, when pids are handed out again from the bottom.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = `${dataDir}/embedded.lock`
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600)
      writeSync(fd, `${process.pid}\n${processIdentity(process.pid) ?? ''}\n`)
      closeSync(fd)
      return () => {
        try {
          unlinkSync(file)
        } catch {
          // already gone
        }
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      const [pidText = '', identity = ''] = readFileSync(file, 'utf8').split('\n')
      const pid = Number(pidText.trim())
      if (
        Number.isInteger(pid) &&
        pid > 0 &&
        pid !== process.pid &&
        ownsLock(pid, identity.trim())
      ) {
        throw new DataDirLockedError(
          `TESSERA_DATA_DIR ${dataDir} is in use by process ${pid}. The embedded database serves one ` +
            'process; stop it first, or use DATABASE_URL (PostgreSQL) to run several. If process ' +
            `${pid} is not Tessera, delete ${file}.`,
        )
      }
      unlinkSync(file)
    }
  }
  throw new DataDirLockedError(`could not lock TESSERA_DATA_DIR ${dataDir}`)
}

/**
 * Whether the lock's owner still runs: its pid is alive and is the same process (same identity).
 * A lock without an identity (written by an older version) is trusted while its pid is alive.
 */
function ownsLock(pid: number, identity: string): boolean {
  if (!isAlive(pid)) return false
  if (!identity) return true
  const current = processIdentity(pid)
  return current === null || current === identity
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * What tells one process from a later one with the same pid, immune to clock changes: on Linux
 * the boot's id and the start time in clock ticks since boot; elsewhere `ps`'s start time (fixed
 * when the process starts). Null when neither can be read.
 */
export function processIdentity(pid: number): string | null {
  return linuxIdentity(pid) ?? psIdentity(pid)
}

function linuxIdentity(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // the command name (field 2) may hold spaces and parentheses: count fields after the last ')'
    const startTicks = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] // field 22, starttime
    const bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()
    return startTicks ? `linux:${bootId}:${startTicks}` : null
  } catch {
    return null
  }
}

function psIdentity(pid: number): string | null {
  try {
    const started = execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], {
      encoding: 'utf8',
      env: { LC_ALL: 'C', PATH: process.env.PATH ?? '/bin:/usr/bin' },
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim()
    return started ? `ps:${started}` : null
  } catch {
    return null
  }
}
