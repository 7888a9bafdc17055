import { randomBytes } from 'node:crypto'
import pg from 'pg'

/**
 * A fresh schema in TEST_DATABASE_URL's database for one test app, so suites never see each
 * other's rows; dropped afterwards. Connection strings select it through `search_path`.
 */
export async function createSchema(): Promise<{
  name: string
  url: string
  drop(): Promise<void>
}> {
  const base = process.env.TEST_DATABASE_URL
  if (!base) throw new Error('TEST_DATABASE_URL is not set')
  const schema = `t_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: base })
  await admin.connect()
  await admin.query(`CREATE SCHEMA ${schema}`)
  await admin.end()
  const url = new URL(base)
  url.searchParams.set('options', `-c search_path=${schema}`)
  return {
    name: schema,
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: base })
      await client.connect()
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
      await client.end()
    },
  }
}
