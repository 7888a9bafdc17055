import { sql } from 'kysely'
import { pino } from 'pino'
import { expect, it } from 'vitest'
import type { Database } from '../../../src/db/database.js'
import { FaultLog } from '../../../src/faults/fault-log.js'
import {
  eventDigest,
  GENESIS_HASH,
  linkHash,
  sameBytes,
} from '../../../src/domain/audit/canonical.js'
import {
  sealPendingEvents,
  SEAL_WATERMARK_KEY,
  startSealer,
} from '../../../src/domain/audit/sealer.js'
import { ADVISORY_LOCKS } from '../../../src/domain/advisory-locks.js'
import pg from 'pg'
import { record } from './support.js'
import { describeBackends, useDatabase } from '../../helpers/fixture.js'
import { createSchema } from '../../helpers/postgres.js'

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000)

async function chain(database: Database, chainId: number) {
  return database.db
    .selectFrom('audit_chain as c')
    .innerJoin('audit_events as e', 'e.id', 'c.event_id')
    .selectAll('e')
    .select(['c.seq', 'c.prev_hash', 'c.hash', 'c.event_id'])
    .select(eventDigest('e').as('digest'))
    .where('c.chain_id', '=', chainId)
    .orderBy('c.seq')
    .execute()
}

async function watermark(database: Database): Promise<string | undefined> {
  const row = await database.db
    .selectFrom('instance_settings')
    .select('value')
    .where('key', '=', SEAL_WATERMARK_KEY)
    .executeTakeFirst()
  return row?.value
}

describeBackends('audit sealer', (backend) => {
  const t = useDatabase(backend)

  it('links events per organization with consecutive seqs and chained hashes', async () => {
    for (const org of [1, 2, null, 1, 2, 1]) await record(t.database, org)
    expect((await sealPendingEvents(t.database.db, { batchSize: 2 })).sealed).toBe(6)
    expect((await sealPendingEvents(t.database.db)).sealed).toBe(0)

    for (const [chainId, count] of [
      [1, 3],
      [2, 2],
      [0, 1],
    ] as const) {
      const links = await chain(t.database, chainId)
      expect(links.map((l) => l.seq)).toEqual(Array.from({ length: count }, (_, i) => i + 1))
      let prev: Uint8Array = GENESIS_HASH
      for (const link of links) {
        expect(link.organization_id ?? 0).toBe(chainId)
        expect(sameBytes(link.prev_hash, prev)).toBe(true)
        expect(sameBytes(link.hash, linkHash(prev, link.digest))).toBe(true)
        prev = link.hash
      }
    }

    // a later pass continues each chain from its head
    await record(t.database, 2)
    expect((await sealPendingEvents(t.database.db)).sealed).toBe(1)
    const links = await chain(t.database, 2)
    expect(links.map((l) => l.seq)).toEqual([1, 2, 3])
    expect(sameBytes(links[2]!.prev_hash, links[1]!.hash)).toBe(true)
  })

  it('never forks a chain when several sealers run at once', async () => {
    for (let round = 0; round < 5; round++) {
      // writers and sealers interleave: every pass sees a different set of committed events
      await Promise.all([
        ...Array.from({ length: 20 }, (_, i) => record(t.database, (i % 3) + 1)),
        ...Array.from({ length: 4 }, () => sealPendingEvents(t.database.db, { batchSize: 7 })),
      ])
    }
    await sealPendingEvents(t.database.db)
    const counts = await sql<{ links: number; events: number; distinct_events: number }>`
        SELECT (SELECT count(*)::int FROM audit_chain) AS links,
               (SELECT count(*)::int FROM audit_events) AS events,
               (SELECT count(DISTINCT event_id)::int FROM audit_chain) AS distinct_events`.execute(
      t.database.db,
    )
    expect(counts.rows[0]).toEqual({ links: 100, events: 100, distinct_events: 100 })
    for (const chainId of [1, 2, 3]) {
      const links = await chain(t.database, chainId)
      links.forEach((link, i) => {
        expect(link.seq).toBe(i + 1)
        if (i > 0) expect(sameBytes(link.prev_hash, links[i - 1]!.hash)).toBe(true)
      })
    }
  })

  // a lock held by another session exists only on PostgreSQL (PGlite is one session)
  if (backend === 'postgres')
    it('skips its pass while another process seals', async () => {
      await record(t.database, 1)
      await t.database.db.transaction().execute(async (trx) => {
        await sql`SELECT pg_advisory_xact_lock(${ADVISORY_LOCKS.auditChain})`.execute(trx)
        expect((await sealPendingEvents(t.database.db)).sealed).toBe(0)
      })
      expect((await sealPendingEvents(t.database.db)).sealed).toBe(1)
    })

  // advisory locks are database-wide; another Tessera schema in the same database has its own
  if (backend === 'postgres')
    it("does not wait for another schema's sealer in the same database", async () => {
      await record(t.database, 1)
      const other = await createSchema()
      const client = new pg.Client({ connectionString: other.url })
      await client.connect()
      try {
        await client.query('BEGIN')
        // the statement this schema's sealer would run, run in the other schema
        const lock = sql`SELECT pg_advisory_xact_lock(${ADVISORY_LOCKS.auditChain})`
        await client.query(lock.compile(t.database.db).sql)
        expect((await sealPendingEvents(t.database.db)).sealed).toBe(1)
        await client.query('COMMIT')
      } finally {
        await client.end()
        await other.drop()
      }
    })

  it('seals an event that commits late with an id below already sealed ones', async () => {
    await sql`SELECT setval(pg_get_serial_sequence('audit_events', 'id'), 100)`.execute(
      t.database.db,
    )
    for (let i = 0; i < 3; i++) await record(t.database, 7)
    await sealPendingEvents(t.database.db)

    await sql`
        INSERT INTO audit_events (id, organization_id, occurred_at, type, actor, data)
        OVERRIDING SYSTEM VALUE
        VALUES (50, 7, ${minutesAgo(5)}, 'token.revoked', 'system', '{"late":true}')`.execute(
      t.database.db,
    )
    // a quick pass looks only above what it already sealed, so it leaves the late event to
    // the next full pass (which the background sealer runs every 30th tick)
    expect((await sealPendingEvents(t.database.db, { after: 103 })).sealed).toBe(0)
    expect((await sealPendingEvents(t.database.db)).sealed).toBe(1)
    const links = await chain(t.database, 7)
    expect(links.map((l) => [l.seq, l.event_id])).toEqual([
      [1, 101],
      [2, 102],
      [3, 103],
      [4, 50],
    ])
    expect(sameBytes(links[3]!.prev_hash, links[2]!.hash)).toBe(true)
  })

  it('advances the watermark past old sealed events only', async () => {
    for (let i = 0; i < 3; i++) await record(t.database, 1, { at: minutesAgo(5) })
    await record(t.database, 1) // id 4: young, may have uncommitted neighbours
    await record(t.database, 1, { at: minutesAgo(5) })
    await sealPendingEvents(t.database.db)
    expect(await watermark(t.database)).toBe('3')

    // once the young event ages, the next pass moves on past it
    await sql`UPDATE audit_events SET occurred_at = ${minutesAgo(5)} WHERE id = 4`.execute(
      t.database.db,
    )
    expect((await sealPendingEvents(t.database.db)).sealed).toBe(0)
    expect(await watermark(t.database)).toBe('5')
  })

  it('runs in the background and seals a last time on stop', async () => {
    const sealer = startSealer({
      db: t.database.db,
      faults: new FaultLog(pino({ level: 'silent' })),
      intervalMs: 20,
    })
    await record(t.database, 3)
    await expect.poll(async () => (await chain(t.database, 3)).length, { timeout: 5000 }).toBe(1)
    await record(t.database, 3)
    await sealer.stop()
    expect((await chain(t.database, 3)).length).toBe(2)
  })
})
