import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { processIdentity } from '../../src/db/data-dir-lock.js'
import { ServerProcess } from '../helpers/server-process.js'

/**
 * The first start of the zero-configuration default: a new data directory starts as a copy of the
 * database image `npm run build` made (no initdb; the start time and memory are the bench's
 * business), and a lock file left behind by a dead owner whose pid was given to another process
 * does not block it.
 */
describe('embedded first start', () => {
  const dirs: string[] = []
  let bystander: ChildProcess
  beforeAll(async () => {
    bystander = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' })
    await new Promise((resolve) => bystander.once('spawn', resolve))
  })
  afterAll(() => {
    bystander.kill('SIGKILL')
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  })
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-first-'))
    dirs.push(dir)
    return dir
  }

  it('creates the database from the prebuilt image, migrated and serving', async () => {
    const dir = dataDir()
    const server = await ServerProcess.start({
      TESSERA_DATA_DIR: dir,
      TESSERA_ADMIN_KEY: 'operator-key-for-first-start',
      TESSERA_LOG_LEVEL: 'info',
    })
    try {
      expect(server.stdout).toMatch(/"msg":"new embedded database created from the prebuilt image"/)
      expect(server.stdout).not.toMatch(/from scratch/)
      const org = await server.fetch('/v2/admin/organizations', {
        method: 'POST',
        headers: { authorization: 'Bearer operator-key-for-first-start' },
        body: { name: 'First' },
      })
      expect(org.status).toBe(201)
      expect(readFileSync(join(dir, 'pgdata', 'PG_VERSION'), 'utf8').trim()).toMatch(/^\d+$/)
    } finally {
      expect(await server.stop()).toBe(0)
    }
  })

  it('starts over a lock file whose pid now belongs to another process', async () => {
    const dir = dataDir()
    // what a dead owner leaves after a container restart: its pid, now another process's
    const staleIdentity = processIdentity(bystander.pid!)!.replace(/:[^:]+$/, ':1')
    writeFileSync(join(dir, 'embedded.lock'), `${bystander.pid}\n${staleIdentity}\n`)
    const server = await ServerProcess.start({ TESSERA_DATA_DIR: dir, TESSERA_LOG_LEVEL: 'warn' })
    try {
      expect((await server.fetch('/health')).status).toBe(200)
      expect(readFileSync(join(dir, 'embedded.lock'), 'utf8').split('\n')[0]).toBe(
        String(server.child.pid),
      )
    } finally {
      expect(await server.stop()).toBe(0)
    }
  })
})
