import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { pruneAuditEvents } from '../../../src/domain/audit/prune.js'
import { sealPendingEvents } from '../../../src/domain/audit/sealer.js'
import { verifyAuditChains } from '../../../src/domain/audit/verify.js'
import { record } from './support.js'
import { describeBackends, useDatabase } from '../../helpers/fixture.js'

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000)

describeBackends('audit pruning', (backend) => {
  const t = useDatabase(backend)

  const count = async (table: 'audit_events' | 'audit_chain') =>
    Number(
      (
        await t.database.db
          .selectFrom(table)
          .select(({ fn }) => fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  it('deletes old sealed events, anchors the chain, and keeps it verifiable', async () => {
    for (let i = 0; i < 25; i++) await record(t.database, 1, { at: daysAgo(40) })
    for (let i = 0; i < 5; i++) await record(t.database, 2, { at: daysAgo(40) })
    for (let i = 0; i < 4; i++) await record(t.database, 1, { at: daysAgo(1) })
    await sealPendingEvents(t.database.db)
    // unsealed, however old: never pruned
    await record(t.database, 1, { at: daysAgo(50) })

    const result = await pruneAuditEvents(t.database.db, daysAgo(30), { batchSize: 10 })
    expect(result).toEqual({ deleted: 30, blocked: [] })
    expect(await count('audit_events')).toBe(5)
    expect(await count('audit_chain')).toBe(4)

    const anchors = await t.database.db
      .selectFrom('audit_anchors')
      .selectAll()
      .orderBy('chain_id')
      .execute()
    expect(anchors.map((a) => [a.chain_id, a.seq])).toEqual([
      [1, 25],
      [2, 5],
    ])

    const verification = await verifyAuditChains(t.database.db)
    expect(verification.ok).toBe(true)
    expect(verification.chains.map((c) => [c.chainId, c.firstSeq, c.lastSeq, c.links])).toEqual([
      [1, 26, 29, 4],
      [2, 6, 5, 0],
    ])

    // sealing continues each chain: from its last link, or from the anchor once all are gone
    await record(t.database, 2)
    expect((await sealPendingEvents(t.database.db)).sealed).toBe(2)
    const after = await verifyAuditChains(t.database.db)
    expect(after.ok).toBe(true)
    expect(after.chains.map((c) => [c.chainId, c.firstSeq, c.lastSeq])).toEqual([
      [1, 26, 30],
      [2, 6, 6],
    ])

    // a second prune over the anchored chains is a no-op
    expect(await pruneAuditEvents(t.database.db, daysAgo(30))).toEqual({
      deleted: 0,
      blocked: [],
    })
  })

  it('stops at a recent event sealed before older ones', async () => {
    await record(t.database, 1, { at: daysAgo(40) })
    await record(t.database, 1, { at: daysAgo(1) })
    await record(t.database, 1, { at: daysAgo(40) })
    await sealPendingEvents(t.database.db)
    expect(await pruneAuditEvents(t.database.db, daysAgo(30))).toEqual({
      deleted: 1,
      blocked: [],
    })
    expect((await verifyAuditChains(t.database.db)).ok).toBe(true)
  })

  it('keeps the evidence of a tampered chain', async () => {
    for (let i = 0; i < 6; i++) await record(t.database, 1, { at: daysAgo(40) })
    await sealPendingEvents(t.database.db)
    await sql`UPDATE audit_events SET actor = 'someone' WHERE id = 4`.execute(t.database.db)

    const result = await pruneAuditEvents(t.database.db, daysAgo(30))
    expect(result.deleted).toBe(3)
    expect(result.blocked).toMatchObject([{ chainId: 1, seq: 4, eventId: 4, kind: 'altered' }])
    const { problem } = await verifyAuditChains(t.database.db)
    expect(problem).toMatchObject({ chainId: 1, seq: 4, eventId: 4, kind: 'altered' })
  })
})
