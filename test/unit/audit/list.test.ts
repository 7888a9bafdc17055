import { expect, it } from 'vitest'
import { DomainError } from '../../../src/errors.js'
import { listAuditEvents, type AuditEventView } from '../../../src/domain/audit/list.js'
import { sealPendingEvents } from '../../../src/domain/audit/sealer.js'
import { record } from './support.js'
import { describeBackends, useDatabase } from '../../helpers/fixture.js'

describeBackends('audit event listing', (backend) => {
  // ids 1-12 across organizations 1 and 2 and the instance, half with client "c1"; 1-10 sealed
  const t = useDatabase(backend, {
    seed: async (database) => {
      for (let i = 0; i < 10; i++) {
        await record(database, [1, 2, null][i % 3]!, i % 2 === 0 ? { clientId: 'c1' } : {})
      }
      await sealPendingEvents(database.db)
      await record(database, 1, { clientId: 'c1' })
      await record(database, 2)
    },
  })

  async function all(filter: Parameters<typeof listAuditEvents>[1], limit: number) {
    const events: AuditEventView[] = []
    let cursor: string | undefined
    for (let pages = 0; pages < 20; pages++) {
      const page = await listAuditEvents(t.database.db, filter, {
        limit,
        ...(cursor ? { cursor } : {}),
      })
      expect(page.events.length).toBeLessThanOrEqual(limit)
      events.push(...page.events)
      if (!page.nextCursor) return events
      cursor = page.nextCursor
    }
    throw new Error('pagination did not end')
  }

  it('returns every event exactly once, newest first, across pages', async () => {
    const events = await all({}, 5)
    expect(events.map((e) => e.id)).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1])
    const exact = await listAuditEvents(t.database.db, {}, { limit: 12 })
    expect(exact.nextCursor).toBeNull()
  })

  it('shows the seal of each event', async () => {
    const [newest, , sealed] = (await listAuditEvents(t.database.db, {}, { limit: 3 })).events
    expect(newest).toMatchObject({ id: 12, sealed: false, chainSeq: null, hash: null })
    expect(sealed).toMatchObject({ id: 10, organizationId: 1, sealed: true, chainSeq: 4 })
    expect(sealed!.hash).toMatch(/^[0-9a-f]{64}$/)
    expect(sealed!.occurredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    expect(sealed!.data).toHaveProperty('n')
  })

  it('filters by organization, instance, client and type', async () => {
    expect((await all({ organizationId: 1 }, 2)).map((e) => e.id)).toEqual([11, 10, 7, 4, 1])
    expect((await all({ organizationId: null }, 2)).map((e) => e.id)).toEqual([9, 6, 3])
    expect((await all({ clientId: 'c1' }, 2)).map((e) => e.id)).toEqual([11, 9, 7, 5, 3, 1])
    expect((await all({ organizationId: 2, clientId: 'c1' }, 2)).map((e) => e.id)).toEqual([5])
    expect(await all({ types: ['token.revoked'] }, 2)).toEqual([])
    expect(await all({ types: ['token.issued'] }, 50)).toHaveLength(12)
  })

  it('rejects a cursor it did not issue', async () => {
    for (const cursor of ['', 'abc', '!!', Buffer.from('0').toString('base64url'), 'MTA=']) {
      const attempt = listAuditEvents(t.database.db, {}, { limit: 2, cursor })
      await expect(attempt).rejects.toBeInstanceOf(DomainError)
      await expect(attempt).rejects.toMatchObject({
        code: 'bad_request',
        message: 'Invalid cursor',
      })
    }
  })
})
