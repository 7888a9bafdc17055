import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { pino } from 'pino'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../../src/db/database.js'
import { MIGRATION_NAMES, migrateToLatest } from '../../../src/db/migrate.js'
import type { MigrationResultSet } from 'kysely'
import { ChangeFeed, type Change } from '../../../src/domain/changes/change-feed.js'
import { FaultLog } from '../../../src/faults/fault-log.js'
import { createSchema } from '../../helpers/postgres.js'

const logger = pino({ level: 'silent' })
const base = process.env.TEST_DATABASE_URL

async function admin(statement: string) {
  const client = new pg.Client({ connectionString: base })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

/** Migrates a fresh schema, hands the open database to `use`, and drops everything after. */
async function inFreshSchema<T>(
  use: (database: Database, migration: MigrationResultSet, schemaName: string) => Promise<T>,
): Promise<T> {
  const schema = await createSchema()
  const database = await openDatabase({
    databaseUrl: schema.url,
    dataDir: '/unused',
    poolSize: 2,
    logger,
  })
  try {
    const migration = await migrateToLatest(database.db)
    return await use(database, migration, schema.name)
  } finally {
    await database.close()
    await schema.drop()
  }
}

// A database often holds other applications' schemas (or, in CI, other suites'); Tessera
// migrates its own schema without looking at theirs, so their tables and their churn never
// reach it.
describe('migrations in a shared PostgreSQL database', () => {
  const others: string[] = []
  afterAll(async () => {
    for (const other of others) await admin(`DROP SCHEMA IF EXISTS ${other} CASCADE`)
  })

  it('sees only its own schema: tables named like its own elsewhere do not stop it', async () => {
    const other = `other_${randomBytes(5).toString('hex')}`
    others.push(other)
    await admin(`CREATE SCHEMA ${other}`)
    // a look-alike of Tessera's bookkeeping table, already "migrated", in another schema
    await admin(
      `CREATE TABLE ${other}.tessera_migrations (name varchar(255) PRIMARY KEY, timestamp varchar(255))`,
    )
    await admin(`INSERT INTO ${other}.tessera_migrations VALUES ('0001-initial', 'then')`)

    await inFreshSchema(async (database, result, schemaName) => {
      expect(result.error).toBeUndefined()
      expect(result.results?.map((r) => [r.migrationName, r.status])).toEqual(
        MIGRATION_NAMES.map((name) => [name, 'Success']),
      )
      const tables = await database.db.introspection.getTables()
      expect(tables.length).toBeGreaterThan(0)
      expect(new Set(tables.map((t) => t.schema))).toEqual(new Set([schemaName]))
    })
  })

  it('migrates while other schemas are created and dropped around it', async () => {
    let churning = true
    const churner = async () => {
      while (churning) {
        const other = `churn_${randomBytes(5).toString('hex')}`
        await admin(
          `CREATE SCHEMA ${other}; CREATE TABLE ${other}.t (id serial PRIMARY KEY, v text)`,
        )
        await admin(`DROP SCHEMA ${other} CASCADE`)
      }
    }
    const churn = Promise.all([churner(), churner(), churner(), churner()])
    const outcomes: (string | undefined)[] = []
    try {
      for (let i = 0; i < 8; i++) {
        outcomes.push(
          await inFreshSchema(async (_, result) =>
            result.error ? String(result.error) : undefined,
          ),
        )
      }
    } finally {
      churning = false
      await churn
    }
    expect(outcomes).toEqual(Array(8).fill(undefined))
  })

  it('delivers change notifications only to processes on the same schema', async () => {
    const staging = await createSchema()
    const production = await createSchema()
    const opened: Database[] = []
    const feeds: ChangeFeed[] = []
    const open = async (url: string) => {
      const database = await openDatabase({
        databaseUrl: url,
        dataDir: '/unused',
        poolSize: 2,
        logger,
      })
      opened.push(database)
      const feed = new ChangeFeed(database, new FaultLog(logger))
      const heard: Change[] = []
      feed.subscribe((change) => heard.push(change))
      await feed.start()
      feeds.push(feed)
      return { database, feed, heard }
    }
    try {
      const publisher = await open(staging.url)
      const sameSchema = await open(staging.url)
      const otherSchema = await open(production.url)
      expect([publisher.feed.live, sameSchema.feed.live, otherSchema.feed.live]).toEqual([
        true,
        true,
        true,
      ])

      await publisher.database.db
        .transaction()
        .execute((trx) =>
          publisher.feed.publish(trx, [{ kind: 'user', id: 7 }, { kind: 'signing-keys' }]),
        )
      await expect
        .poll(() => sameSchema.heard, { timeout: 5_000 })
        .toEqual([{ kind: 'user', id: 7 }, { kind: 'signing-keys' }])
      // what the other schema's process heard in the same time: nothing (its own publication
      // below arrives after anything the first one could have leaked)
      await otherSchema.database.db
        .transaction()
        .execute((trx) => otherSchema.feed.publish(trx, [{ kind: 'client', id: 'marker' }]))
      await expect
        .poll(() => otherSchema.heard, { timeout: 5_000 })
        .toEqual([{ kind: 'client', id: 'marker' }])
      await expect.poll(() => publisher.heard, { timeout: 5_000 }).toEqual(sameSchema.heard)
    } finally {
      for (const feed of feeds) await feed.stop()
      for (const database of opened) await database.close()
      await staging.drop()
      await production.drop()
    }
  })
})
