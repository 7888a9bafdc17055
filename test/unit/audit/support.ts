import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import pg from 'pg'
import { pino } from 'pino'
import { inject } from 'vitest'
import { openDatabase, type Database } from '../../../src/db/database.js'
import { migrateToLatest } from '../../../src/db/migrate.js'
import { recordAuditEvent } from '../../../src/domain/audit/record.js'

/** A fresh, migrated database and how to throw it away. */
export interface TestDatabase {
  database: Database
  close(): Promise<void>
}

export interface Backend {
  name: 'pglite' | 'postgres'
  open(): Promise<TestDatabase>
}

const logger = pino({ level: 'silent' })

const pglite: Backend = {
  name: 'pglite',
  async open() {
    // a copy of the database the global setup migrated once: an initdb per test costs seconds
    const database = await openDatabase({
      databaseUrl: undefined,
      dataDir: '/tmp/unused',
      poolSize: 1,
      logger,
      inMemory: true,
      pgliteImage: new Blob([readFileSync(inject('pgliteImage'))]),
    })
    return { database, close: () => database.close() }
  },
}

/** PostgreSQL in a schema of its own per database, so tests never see each other's rows. */
function postgres(url: string): Backend {
  return {
    name: 'postgres',
    async open() {
      const schema = `audit_test_${randomBytes(6).toString('hex')}`
      await admin(url, `CREATE SCHEMA ${schema}`)
      const separator = url.includes('?') ? '&' : '?'
      const database = await openDatabase({
        databaseUrl: `${url}${separator}options=-c%20search_path%3D${schema}`,
        dataDir: '/tmp/unused',
        poolSize: 4,
        logger,
      })
      await migrateToLatest(database.db)
      return {
        database,
        async close() {
          await database.close()
          await admin(url, `DROP SCHEMA ${schema} CASCADE`)
        },
      }
    },
  }
}

async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL is set. */
export const backends: Backend[] = process.env.TEST_DATABASE_URL
  ? [pglite, postgres(process.env.TEST_DATABASE_URL)]
  : [pglite]

/** Records one event of `organizationId` (null: an instance event) at `at`. */
export async function record(
  database: Database,
  organizationId: number | null,
  options: { at?: Date; clientId?: string; data?: Record<string, unknown> } = {},
): Promise<void> {
  await recordAuditEvent(
    database.db,
    {
      type: 'token.issued',
      organizationId,
      actor: 'system',
      clientId: options.clientId ?? null,
      data: options.data ?? { n: Math.random() },
    },
    options.at ?? new Date(),
  )
}
