import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { openMigratedEmbedded } from '../../src/db/migrated-embedded.js'

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteImage: string
  }
}

/**
 * Migrates one embedded database (as `npm run build` does for the image it ships) and saves its
 * image; every test app starts from a copy, a fraction of a second instead of an initdb per file.
 */
export default async function setup(project: TestProject) {
  const database = await openMigratedEmbedded({ inMemory: true })
  const dir = mkdtempSync(join(tmpdir(), 'tessera-test-'))
  const file = join(dir, 'migrated.tar')
  const image = await database.dumpImage!()
  writeFileSync(file, Buffer.from(await image.arrayBuffer()))
  await database.close()
  project.provide('pgliteImage', file)
}
