import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { eventDigest, GENESIS_HASH, linkHash, toHex } from '../../../src/domain/audit/canonical.js'
import { describeBackends, useDatabase } from '../../helpers/fixture.js'

interface EventColumns {
  id: number
  organization_id: number | null
  occurred_at: string
  type: string
  actor: string
  client_id: string | null
  user_id: number | null
  family_id: string | null
  data: string
}

const base: EventColumns = {
  id: 7,
  organization_id: 3,
  occurred_at: '2025-01-02T03:04:05.678Z',
  type: 'token.issued',
  actor: 'client:abc',
  client_id: 'abc',
  user_id: 12,
  family_id: '6f1c1f5e-3c1a-4a57-9a9e-2f0f3c1c9a10',
  data: '{"b":[2,{"z":1,"a":null}],"a":"x"}',
}

describeBackends('audit event digest', (backend) => {
  const t = useDatabase(backend, { fresh: 'suite' })

  /** The digest of a row with these columns, computed by the same SQL the sealer uses. */
  async function digest(columns: Partial<EventColumns> = {}): Promise<string> {
    const c = { ...base, ...columns }
    const { rows } = await sql<{ digest: Uint8Array }>`
        SELECT ${eventDigest('e')} AS digest FROM (SELECT
          ${c.id}::bigint AS id, ${c.organization_id}::integer AS organization_id,
          ${c.occurred_at}::timestamptz AS occurred_at, ${c.type}::text AS type,
          ${c.actor}::text AS actor, ${c.client_id}::text AS client_id,
          ${c.user_id}::integer AS user_id, ${c.family_id}::uuid AS family_id,
          ${c.data}::jsonb AS data) e`.execute(t.database.db)
    return toHex(rows[0]!.digest)
  }

  it('is the same for the same row, whatever the key order of data or the time zone it was written in', async () => {
    const first = await digest()
    expect(first).toMatch(/^[0-9a-f]{64}$/)
    expect(await digest({ data: '{"a":"x","b":[2,{"a":null,"z":1}]}' })).toBe(first)
    expect(await digest({ occurred_at: '2025-01-02T05:04:05.678+02:00' })).toBe(first)
    expect(await digest({ family_id: base.family_id!.toUpperCase() })).toBe(first)
  })

  it('changes with every column, and tells apart values a naive concatenation would confuse', async () => {
    const first = await digest()
    const variants: Partial<EventColumns>[] = [
      { id: 8 },
      { organization_id: null },
      { organization_id: 0 },
      { occurred_at: '2025-01-02T03:04:05.679Z' },
      { type: 'token.revoked' },
      { actor: 'client:abd' },
      { client_id: null },
      { client_id: '' },
      { user_id: null },
      { family_id: null },
      { data: '{"b":[2,{"z":1,"a":null}],"a":"y"}' },
      { data: '{}' },
    ]
    const seen = new Set([first])
    for (const variant of variants) seen.add(await digest(variant))
    expect(seen.size).toBe(variants.length + 1)
    expect(await digest({ type: 'ab', actor: 'c' })).not.toBe(
      await digest({ type: 'a', actor: 'bc' }),
    )
  })

  it('chains on the previous hash', async () => {
    const d = Buffer.from(await digest(), 'hex')
    const first = linkHash(GENESIS_HASH, d)
    expect(first).toHaveLength(32)
    expect(linkHash(new Uint8Array(first), d)).not.toEqual(first)
    expect(linkHash(new Uint8Array(32), d)).toEqual(first)
  })
})
