import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { sealPendingEvents } from '../../../src/domain/audit/sealer.js'
import { verifyAuditChains } from '../../../src/domain/audit/verify.js'
import { record } from './support.js'
import { describeBackends, useDatabase } from '../../helpers/fixture.js'

describeBackends('audit verification', (backend) => {
  // chain 4 gets events 1, 3, 5, ... (seq 1, 2, 3, ...); chain 9 the even ids; chain 0 one event
  const t = useDatabase(backend, {
    seed: async (database) => {
      for (let i = 0; i < 40; i++) await record(database, i % 2 === 0 ? 4 : 9)
      await record(database, null)
      await sealPendingEvents(database.db)
    },
  })

  const linkOf = async (chainId: number, seq: number) =>
    t.database.db
      .selectFrom('audit_chain')
      .selectAll()
      .where('chain_id', '=', chainId)
      .where('seq', '=', seq)
      .executeTakeFirstOrThrow()

  it('accepts intact chains and reports each one', async () => {
    const result = await verifyAuditChains(t.database.db)
    expect(result.ok).toBe(true)
    expect(result.problem).toBeNull()
    expect(result.unsealedEvents).toBe(0)
    expect(result.chains.map((c) => [c.chainId, c.firstSeq, c.lastSeq, c.links])).toEqual([
      [0, 1, 1, 1],
      [4, 1, 20, 20],
      [9, 1, 20, 20],
    ])
    const head = await linkOf(4, 20)
    expect(result.chains[1]!.headHash).toBe(Buffer.from(head.hash).toString('hex'))

    const one = await verifyAuditChains(t.database.db, { chainId: 9 })
    expect(one.chains.map((c) => c.chainId)).toEqual([9])
  })

  it('pinpoints an event edited after sealing', async () => {
    const link = await linkOf(4, 17)
    await sql`UPDATE audit_events SET data = '{"n":0}' WHERE id = ${link.event_id}`.execute(
      t.database.db,
    )
    const result = await verifyAuditChains(t.database.db)
    expect(result.ok).toBe(false)
    expect(result.problem).toMatchObject({
      chainId: 4,
      seq: 17,
      eventId: link.event_id,
      kind: 'altered',
    })
    expect(result.problem!.message).toBe(
      `event ${link.event_id} (chain 4, seq 17) was altered after it was sealed`,
    )
    // the report of the broken chain stops before the problem; the others are walked in full
    expect(result.chains.find((c) => c.chainId === 4)!.lastSeq).toBe(16)
    expect(result.chains.find((c) => c.chainId === 9)!.lastSeq).toBe(20)
  })

  it('reports a deleted event', async () => {
    const link = await linkOf(9, 3)
    await sql`DELETE FROM audit_events WHERE id = ${link.event_id}`.execute(t.database.db)
    const { problem } = await verifyAuditChains(t.database.db)
    expect(problem).toMatchObject({
      chainId: 9,
      seq: 3,
      eventId: link.event_id,
      kind: 'missing_event',
    })
    expect(problem!.message).toContain(`event ${link.event_id} (chain 9, seq 3)`)
  })

  it('reports a deleted link', async () => {
    await sql`DELETE FROM audit_chain WHERE chain_id = 9 AND seq = 5`.execute(t.database.db)
    const { problem } = await verifyAuditChains(t.database.db)
    expect(problem).toMatchObject({ chainId: 9, seq: 5, eventId: null, kind: 'missing_link' })
    expect(problem!.message).toContain('seq 5')
  })

  it('reports a tampered previous hash', async () => {
    await sql`UPDATE audit_chain SET prev_hash = ${Buffer.alloc(32, 1)} WHERE chain_id = 4 AND seq = 8`.execute(
      t.database.db,
    )
    const link = await linkOf(4, 8)
    const { problem } = await verifyAuditChains(t.database.db)
    expect(problem).toMatchObject({
      chainId: 4,
      seq: 8,
      eventId: link.event_id,
      kind: 'broken_link',
    })
  })

  it('reports the lowest chain first when several are broken', async () => {
    await sql`DELETE FROM audit_chain WHERE chain_id = 9 AND seq = 2`.execute(t.database.db)
    await sql`UPDATE audit_events SET actor = 'x' WHERE id = (SELECT event_id FROM audit_chain WHERE chain_id = 4 AND seq = 19)`.execute(
      t.database.db,
    )
    const { problem } = await verifyAuditChains(t.database.db)
    expect(problem).toMatchObject({ chainId: 4, seq: 19, kind: 'altered' })
  })

  it('counts overdue unsealed events without failing', async () => {
    await record(t.database, 4, { at: new Date(Date.now() - 5 * 60_000) })
    await record(t.database, 4)
    const result = await verifyAuditChains(t.database.db)
    expect(result.ok).toBe(true)
    expect(result.unsealedEvents).toBe(1)
    expect((await verifyAuditChains(t.database.db, { chainId: 9 })).unsealedEvents).toBe(0)
  })
})
