import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  imageUnusableReason,
  pgliteVersion,
  seedFromImage,
} from '../../../src/db/embedded-image.js'
import { MIGRATION_NAMES } from '../../../src/db/migrate.js'

/** The prebuilt embedded database a new data directory starts from (`npm run build` makes it). */
describe('embedded database image', () => {
  const dirs: string[] = []
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-image-'))
    dirs.push(dir)
    return dir
  }
  /** An image folder as the build lays it out, with a stand-in database. */
  const fakeImage = (manifest: Record<string, unknown>) => {
    const dir = tempDir()
    mkdirSync(join(dir, 'pgdata', 'base'), { recursive: true })
    writeFileSync(join(dir, 'pgdata', 'PG_VERSION'), '18\n')
    writeFileSync(join(dir, 'pgdata', 'base', 'table'), 'rows')
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest))
    return dir
  }
  const current = () => ({ migrations: MIGRATION_NAMES, pglite: pgliteVersion(), fingerprint: 'x' })

  it('is usable when built by this PGlite with a prefix of our migrations', () => {
    expect(imageUnusableReason(fakeImage(current()))).toBeNull()
    expect(imageUnusableReason(fakeImage({ ...current(), migrations: [] }))).toBeNull()
  })

  it('says why it cannot be used: missing, another PGlite, migrations we do not know', () => {
    expect(imageUnusableReason(tempDir())).toBe('no prebuilt database image (run `npm run build`)')
    expect(imageUnusableReason(fakeImage({ ...current(), pglite: '0.0.1' }))).toBe(
      `the image was built with PGlite 0.0.1, this is ${pgliteVersion()}`,
    )
    expect(
      imageUnusableReason(
        fakeImage({ ...current(), migrations: [...MIGRATION_NAMES, '9999-future'] }),
      ),
    ).toBe('the image holds migrations this version does not know')
  })

  it('seeds an empty data directory once, leaving no half-copied folder behind', async () => {
    const image = fakeImage(current())
    const dataDir = tempDir()
    const pgdata = join(dataDir, 'pgdata')
    mkdirSync(pgdata) // an empty folder left by an earlier start does not block it
    expect(await seedFromImage(pgdata, image)).toBe(true)
    expect(readFileSync(join(pgdata, 'base', 'table'), 'utf8')).toBe('rows')
    expect(readdirSync(dataDir)).toEqual(['pgdata'])

    writeFileSync(join(pgdata, 'base', 'table'), 'changed')
    expect(await seedFromImage(pgdata, image)).toBe(false)
    expect(readFileSync(join(pgdata, 'base', 'table'), 'utf8')).toBe('changed')
  })

  it('is built by npm run build next to the compiled code, with the current migrations', () => {
    const built = join(import.meta.dirname, '../../../dist/embedded-image')
    expect(existsSync(join(built, 'pgdata', 'PG_VERSION'))).toBe(true)
    expect(JSON.parse(readFileSync(join(built, 'manifest.json'), 'utf8'))).toMatchObject({
      migrations: MIGRATION_NAMES,
      pglite: pgliteVersion(),
    })
    expect(imageUnusableReason(built)).toBeNull()
  })
})
