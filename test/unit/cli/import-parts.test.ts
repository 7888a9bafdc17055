import { describe, expect, it } from 'vitest'
import { addReport, emptyReport, parts } from '../../../src/cli/import/parts.js'

const client = (id: string, users: number, bio = '') => ({
  id,
  secret: 'secret',
  name: id,
  permissions: ['*' as const],
  users: Array.from({ length: users }, (_, i) => ({
    id: i + 1,
    email: `u${i}+${id}@example.com`,
    name: null,
    bio,
  })),
})

describe('tessera import: parts of a large document', () => {
  it('splits users into requests under 1 MiB, each carrying its client record, in order', () => {
    const document = { clients: [client('ca', 5000, 'x'.repeat(300)), client('cb', 2)] }
    const all = [...parts(document)]
    expect(all.length).toBeGreaterThan(2)
    for (const part of all) {
      expect(Buffer.byteLength(JSON.stringify(part.document))).toBeLessThan(1024 * 1024)
      expect(part.document.clients).toHaveLength(1)
      expect(part.document.clients[0]).toMatchObject({ secret: 'secret', permissions: ['*'] })
    }
    const ids = (id: string) =>
      all
        .filter((p) => p.document.clients[0]!.id === id)
        .flatMap((p) => p.document.clients[0]!.users!.map((u) => u.id))
    expect(ids('ca')).toEqual(document.clients[0]!.users.map((u) => u.id))
    expect(ids('cb')).toEqual([1, 2])
    expect(all.filter((p) => p.firstOfClient).map((p) => p.document.clients[0]!.id)).toEqual([
      'ca',
      'cb',
    ])
  })

  it('sends a client without users once', () => {
    expect([...parts({ clients: [client('cz', 0)] })]).toEqual([
      { document: { clients: [{ ...client('cz', 0) }] }, firstOfClient: true, users: 0 },
    ])
  })

  it('counts a client once (its first part) and every part’s users', () => {
    const total = emptyReport(false)
    const created = {
      dryRun: false,
      clients: { created: 1, unchanged: 0, conflicts: 0 },
      users: { created: 2, unchanged: 0, conflicts: 0 },
      conflicts: [],
    }
    const later = {
      dryRun: false,
      clients: { created: 0, unchanged: 1, conflicts: 0 },
      users: { created: 1, unchanged: 1, conflicts: 1 },
      conflicts: [
        { record: 'user' as const, id: 9, clientId: 'ca', reason: 'exists with a different name' },
      ],
    }
    addReport(total, created, true)
    addReport(total, later, false)
    expect(total).toEqual({
      dryRun: false,
      clients: { created: 1, unchanged: 0, conflicts: 0 },
      users: { created: 3, unchanged: 1, conflicts: 1 },
      conflicts: later.conflicts,
    })
  })
})
