/**
 * The last step of `npm run build`: writes dist/embedded-image (an initialised, migrated embedded
 * database, see embedded-image.ts), or leaves it alone when nothing it depends on changed.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  EMBEDDED_IMAGE_DIR,
  IMAGE_MANIFEST_FILE,
  imageFingerprint,
  pgliteVersion,
  readManifest,
  type ImageManifest,
} from './embedded-image.js'
import { MIGRATION_NAMES } from './migrate.js'
import { openMigratedEmbedded } from './migrated-embedded.js'

async function main(): Promise<void> {
  const fingerprint = imageFingerprint(fileURLToPath(new URL('./migrations', import.meta.url)))
  if (readManifest()?.fingerprint === fingerprint) return

  // built beside the target and renamed into place: a build cut short leaves the old image whole
  const staging = `${EMBEDDED_IMAGE_DIR}.building-${process.pid}`
  rmSync(staging, { recursive: true, force: true })
  try {
    const database = await openMigratedEmbedded({ dataDir: staging })
    await database.close()
    const manifest: ImageManifest = {
      migrations: MIGRATION_NAMES,
      pglite: pgliteVersion(),
      fingerprint,
    }
    writeFileSync(join(staging, IMAGE_MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`)
    rmSync(EMBEDDED_IMAGE_DIR, { recursive: true, force: true })
    renameSync(staging, EMBEDDED_IMAGE_DIR)
  } catch (err) {
    rmSync(staging, { recursive: true, force: true })
    // two builds at once: the other one may have put an identical image in place
    if (readManifest()?.fingerprint !== fingerprint) throw err
  }
}

main().catch((err: unknown) => {
  process.stderr.write(
    `build: embedded database image failed: ${err instanceof Error ? err.message : String(err)}\n`,
  )
  process.exit(1)
})
