import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

const VERSION = 1

/** AES-256-GCM: version | iv (12) | tag (16) | ciphertext. `context` is bound as associated data. */
export function seal(key: Buffer, plaintext: Buffer, context: string): Buffer {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(context, 'utf8'))
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body])
}

export function open(key: Buffer, sealed: Uint8Array, context: string): Buffer {
  const box = Buffer.from(sealed)
  if (box[0] !== VERSION) throw new Error('unknown sealed-box version')
  const decipher = createDecipheriv('aes-256-gcm', key, box.subarray(1, 13))
  decipher.setAAD(Buffer.from(context, 'utf8'))
  decipher.setAuthTag(box.subarray(13, 29))
  return Buffer.concat([decipher.update(box.subarray(29)), decipher.final()])
}
