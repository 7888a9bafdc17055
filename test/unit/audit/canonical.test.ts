import { describe, expect, it } from 'vitest'
import {
  eventDigestInput,
  GENESIS_HASH,
  linkHash,
  type AuditEventRow,
} from '../../../src/domain/audit/canonical.js'

const event: AuditEventRow = {
  id: 7,
  organization_id: 3,
  occurred_at: new Date('2025-01-02T03:04:05.678Z'),
  type: 'token.issued',
  actor: 'client:abc',
  client_id: 'abc',
  user_id: 12,
  family_id: '6f1c1f5e-3c1a-4a57-9a9e-2f0f3c1c9a10',
  data: { b: [2, { z: 1, a: null }], a: 'x' },
}

describe('audit event serialization', () => {
  it('ignores key order and the driver type of ids and timestamps', () => {
    const reordered = { ...event, data: { a: 'x', b: [2, { a: null, z: 1 }] } }
    expect(eventDigestInput(reordered)).toEqual(eventDigestInput(event))
    // pg without a parser returns int8 as a string
    const stringId = { ...event, id: '7' as unknown as number }
    expect(eventDigestInput(stringId)).toEqual(eventDigestInput(event))
    expect(eventDigestInput(event).toString('utf8')).toContain('2025-01-02T03:04:05.678Z')
  })

  it('tells apart values that a naive concatenation would confuse', () => {
    const digest = (e: Partial<AuditEventRow>) =>
      eventDigestInput({ ...event, ...e }).toString('hex')
    expect(digest({ client_id: null })).not.toBe(digest({ client_id: '' }))
    expect(digest({ type: 'ab', actor: 'c' })).not.toBe(digest({ type: 'a', actor: 'bc' }))
    expect(digest({ organization_id: null })).not.toBe(digest({ organization_id: 0 }))
    expect(digest({ data: { a: [1, 2] } })).not.toBe(digest({ data: { a: [2, 1] } }))
  })

  it('chains on the previous hash', () => {
    const first = linkHash(GENESIS_HASH, event)
    expect(first).toHaveLength(32)
    expect(linkHash(new Uint8Array(first), event)).not.toEqual(first)
    expect(linkHash(new Uint8Array(32), event)).toEqual(first)
  })
})
