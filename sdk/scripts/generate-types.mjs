// `npm run sdk:types`: writes sdk/src/generated/openapi.ts from the OpenAPI document of the
// server built in dist/ (an in-memory instance; nothing listens, nothing is written elsewhere).
import { mkdirSync, writeFileSync } from 'node:fs'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pino from 'pino'
import { buildApp } from '../../dist/src/app.js'
import { loadConfig } from '../../dist/src/config/config.js'
import { openDatabase } from '../../dist/src/db/database.js'
import { createTessera } from '../../dist/src/tessera.js'
import { GENERATED_TYPES_PATH, renderTypes } from './openapi-types.mjs'

const dataDir = mkdtempSync(join(tmpdir(), 'tessera-sdk-types-'))
const logger = pino({ level: 'silent' })
try {
  const config = loadConfig({
    TESSERA_DATA_DIR: dataDir,
    TESSERA_ADMIN_KEY: 'sdk-types-generator-operator-key',
    TESSERA_ISSUER: 'http://tessera.invalid',
    TESSERA_LOG_LEVEL: 'silent',
  })
  const database = await openDatabase({ dataDir, poolSize: 1, logger, inMemory: true })
  const tessera = await createTessera(config, { logger, database, background: false })
  const app = await buildApp(tessera)
  try {
    const res = await app.inject({ method: 'GET', url: '/v2/docs/openapi.json' })
    if (res.statusCode !== 200) throw new Error(`openapi.json: HTTP ${res.statusCode}`)
    const types = await renderTypes(JSON.parse(res.body))
    mkdirSync(new URL('.', GENERATED_TYPES_PATH), { recursive: true })
    writeFileSync(GENERATED_TYPES_PATH, types)
    process.stdout.write(`wrote ${GENERATED_TYPES_PATH.pathname}\n`)
  } finally {
    await app.close()
    await tessera.close()
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true })
}
