import { createHash } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  type Dirent,
} from 'node:fs'
import { copyFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { MIGRATION_NAMES } from './migrate.js'

/**
 * A fresh embedded database costs PGlite an initdb (about 5–10 s and a second WebAssembly
 * instance, hundreds of MB). `npm run build` makes one initialised and migrated database next to
 * the compiled code instead; a new TESSERA_DATA_DIR starts as a copy of it (well under a second),
 * and migrations added later still run at start as usual.
 */
export const EMBEDDED_IMAGE_DIR = fileURLToPath(new URL('../../embedded-image', import.meta.url))

const MANIFEST = 'manifest.json'

export interface ImageManifest {
  /** Migrations applied in the image, in order. */
  readonly migrations: readonly string[]
  /** PGlite's version: its data files are not portable across PostgreSQL majors. */
  readonly pglite: string
  /** Content hash of what built it (migrations and engine); the build skips an unchanged image. */
  readonly fingerprint: string
}

export function readManifest(imageDir = EMBEDDED_IMAGE_DIR): ImageManifest | null {
  try {
    return JSON.parse(readFileSync(join(imageDir, MANIFEST), 'utf8')) as ImageManifest
  } catch {
    return null
  }
}

/**
 * Why the image cannot seed a data directory, or null when it can: it must exist, come from the
 * PGlite in use, and hold a prefix of today's migrations (the rest run at start).
 */
export function imageUnusableReason(imageDir = EMBEDDED_IMAGE_DIR): string | null {
  const manifest = readManifest(imageDir)
  if (!manifest || !existsSync(join(imageDir, 'pgdata', 'PG_VERSION'))) {
    return 'no prebuilt database image (run `npm run build`)'
  }
  if (manifest.pglite !== pgliteVersion()) {
    return `the image was built with PGlite ${manifest.pglite}, this is ${pgliteVersion()}`
  }
  if (manifest.migrations.some((name, i) => MIGRATION_NAMES[i] !== name)) {
    return 'the image holds migrations this version does not know'
  }
  return null
}

/**
 * Gives an empty `pgdata` directory the image's database. The copy goes to a sibling first and
 * is renamed into place, so a start interrupted half-way leaves no half-copied database.
 * Returns false (and changes nothing) when `pgdata` already holds a database.
 */
export async function seedFromImage(
  pgdataDir: string,
  imageDir = EMBEDDED_IMAGE_DIR,
): Promise<boolean> {
  if (existsSync(join(pgdataDir, 'PG_VERSION'))) return false
  const staging = `${pgdataDir}.seeding`
  rmSync(staging, { recursive: true, force: true })
  await copyTree(join(imageDir, 'pgdata'), staging)
  // an empty pgdata left by an older start would block the rename
  rmSync(pgdataDir, { recursive: true, force: true })
  renameSync(staging, pgdataDir)
  return true
}

/** Files copied at once: the image is a thousand small files, and each copy waits on the disk. */
const PARALLEL_COPIES = 8

/**
 * Copies a directory tree, its files several at a time on libuv's threads: about twice as fast
 * as `cpSync`'s one at a time, and the event loop stays free meanwhile.
 */
async function copyTree(from: string, to: string): Promise<void> {
  const entries = readdirSync(from, { recursive: true, withFileTypes: true })
  const relative = (entry: Dirent) => join(entry.parentPath, entry.name).slice(from.length)
  mkdirSync(to, { recursive: true })
  // readdir lists a folder before what it holds, so parents are made first
  for (const entry of entries) if (entry.isDirectory()) mkdirSync(to + relative(entry))
  const files = entries.filter((entry) => entry.isFile()).map(relative)
  let next = 0
  const copier = async () => {
    while (next < files.length) {
      const file = files[next++]!
      await copyFile(from + file, to + file)
    }
  }
  await Promise.all(Array.from({ length: PARALLEL_COPIES }, copier))
}

/** The version of the installed @electric-sql/pglite. */
export function pgliteVersion(): string {
  const entry = fileURLToPath(import.meta.resolve('@electric-sql/pglite'))
  // dist/index.js → the package folder
  const manifest = join(dirname(dirname(entry)), 'package.json')
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version
}

/**
 * What the image depends on: the compiled migrations (names and code) and the engine. Edited
 * migrations in development rebuild it; an unchanged tree skips the build in milliseconds.
 */
export function imageFingerprint(migrationsDir: string): string {
  const hash = createHash('sha256').update(pgliteVersion())
  for (const file of readdirSync(migrationsDir).sort()) {
    if (!/\.(js|ts)$/.test(file)) continue
    hash.update(file).update(readFileSync(join(migrationsDir, file)))
  }
  return hash.digest('hex').slice(0, 32)
}

export { MANIFEST as IMAGE_MANIFEST_FILE }
