import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { createHmac, createSecretKey, hkdfSync, randomBytes, type KeyObject } from 'node:crypto'
import { decodeMasterKey } from '../config/config.js'

/** Keys derived from the master key, one per purpose, so no key ever serves two jobs. */
export interface ServerKeys {
  /** HMAC key for stored hashes of client secrets, API keys and the operator key. */
  readonly secretHash: KeyObject
  /** HMAC key of refresh-token signatures (HS256, never published). */
  readonly refreshToken: KeyObject
  /** AES-256-GCM key that encrypts signing private keys at rest. */
  readonly keyEncryption: Buffer
  /** AES-256-GCM key that encrypts webhook secrets and SSF authorization headers at rest. */
  readonly endpointSecretEncryption: Buffer
  /** A fingerprint stored in the database, so a process started with another key refuses to run. */
  readonly check: string
  readonly source: 'environment' | 'file' | 'generated'
}

export class MasterKeyError extends Error {
  override name = 'MasterKeyError'
}

function derive(master: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `tessera:v1:${purpose}`, 32))
}

function deriveServerKeys(master: Buffer, source: ServerKeys['source']): ServerKeys {
  const check = createHmac('sha256', derive(master, 'check'))
    .update('tessera master key check')
    .digest('base64url')
  return {
    // key objects: OpenSSL prepares the key once, not on every HMAC of the hot paths
    secretHash: createSecretKey(derive(master, 'secret-hash')),
    refreshToken: createSecretKey(derive(master, 'refresh-token')),
    keyEncryption: derive(master, 'signing-key-encryption'),
    endpointSecretEncryption: derive(master, 'endpoint-secret-encryption'),
    check,
    source,
  }
}

/**
 * The master key from TESSERA_MASTER_KEY, else from `<dataDir>/master.key`, created on first use
 * with mode 0600. Creation is exclusive, so two processes starting together agree on one key.
 */
export function loadMasterKey(configured: string | undefined, dataDir: string): ServerKeys {
  if (configured) {
    const bytes = decodeMasterKey(configured)
    if (!bytes) throw new MasterKeyError('TESSERA_MASTER_KEY is not a valid 32-byte key')
    return deriveServerKeys(bytes, 'environment')
  }
  const file = join(dataDir, 'master.key')
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const generated = randomBytes(32)
  try {
    const fd = openSync(file, 'wx', 0o600)
    writeSync(fd, `${generated.toString('hex')}\n`)
    closeSync(fd)
    return deriveServerKeys(generated, 'generated')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
  }
  const bytes = decodeMasterKey(readFileSync(file, 'utf8').trim())
  if (!bytes)
    throw new MasterKeyError(`${file} does not hold a valid 32-byte key (TESSERA_MASTER_KEY)`)
  return deriveServerKeys(bytes, 'file')
}
