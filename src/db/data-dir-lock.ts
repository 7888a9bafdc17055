import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs'

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError'
}

/**
 * An embedded database belongs to one process: a second one opening the same files would corrupt
 * them. A lock file with our pid guards it; a lock left by a dead process is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = `${dataDir}/embedded.lock`
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600)
      writeSync(fd, String(process.pid))
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
      const pid = Number(readFileSync(file, 'utf8').trim())
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new DataDirLockedError(
          `TESSERA_DATA_DIR ${dataDir} is in use by process ${pid}. The embedded database serves one ` +
            'process; stop it first, or use DATABASE_URL (PostgreSQL) to run several.',
        )
      }
      unlinkSync(file)
    }
  }
  throw new DataDirLockedError(`could not lock TESSERA_DATA_DIR ${dataDir}`)
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
