import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ServerProcess } from '../helpers/server-process.js'

/** The README walkthrough, run as written against a real server: the README stays true. */
describe('README walkthrough', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-readme-'))
  let server: ServerProcess
  beforeAll(async () => {
    server = await ServerProcess.start({ TESSERA_DATA_DIR: dataDir, TESSERA_LOG_LEVEL: 'warn' })
  })
  afterAll(async () => {
    await server?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('runs end to end with the printed operator key', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
    const script = /```bash walkthrough\n([\s\S]*?)```/.exec(readme)?.[1]
    expect(script).toBeDefined()
    const operatorKey = /\n\s+(tsr_op_\S+)/.exec(server.stdout)?.[1]
    expect(operatorKey).toBeDefined()
    const run = spawnSync('bash', ['--noprofile', '--norc', '-euo', 'pipefail', '-c', script!], {
      env: { PATH: process.env.PATH, BASE: server.url, OPERATOR_KEY: operatorKey },
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/ada\+c[a-z0-9]{24}@example\.com/)
    expect(run.stdout).toContain('success')
    expect(run.stdout).toContain('old access token now: HTTP 401')
  })
})
