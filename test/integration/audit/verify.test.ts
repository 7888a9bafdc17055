import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { describeApp } from '../../helpers/fixture.js'
import {
  deleteEvent,
  deleteLink,
  get,
  page,
  setEventData,
  verify,
  type AuditEvent,
} from './support.js'
import { expectError } from '../../helpers/expect-error.js'
import { bearer, OPERATOR } from '../../helpers/http.js'

const GENESIS = '0'.repeat(64)

/**
 * `POST /v2/admin/audit/verify`: intact chains are reported with their heads; a sealed event
 * edited or deleted in the database, or a deleted link, is pinpointed. Every organization has its
 * own chain, so each test breaks a chain of its own and checks it with `organizationId`.
 *
 * The clock is in the past: events are older than the sealing grace period, so a full sealing
 * pass moves the watermark over them and an event whose link was deleted stays unlinked.
 */
describeApp(`audit: verifying the hash chains`, { clock: Date.UTC(2026, 2, 1) }, (t) => {
  /** Organizations whose chain a test left broken. */
  const broken: number[] = []
  const all: number[] = []

  /** A new organization with a client and a user: five events in its chain once sealed. */
  async function organizationWithActivity() {
    const org = await t.createOrganization()
    const client = await t.createClient({ apiKey: org.apiKey })
    await t.createUser(client)
    all.push(org.id)
    return { ...org, client }
  }

  /** The organization's events through the operator API, oldest first. */
  async function eventsOf(organizationId: number): Promise<AuditEvent[]> {
    const res = await get(t, `/v2/admin/audit?organizationId=${organizationId}`, OPERATOR)
    return page(res).events.reverse()
  }

  async function verified(query = '') {
    const res = await verify(t, query)
    expect(res.status, res.text).toBe(200)
    expect(res.body.status).toBe('success')
    return res.body.data as {
      ok: boolean
      chains: {
        chainId: number
        firstSeq: number
        lastSeq: number
        links: number
        headHash: string
      }[]
      problem: {
        chainId: number
        seq: number
        eventId: number | null
        kind: string
        message: string
      } | null
      unsealedEvents: number
    }
  }

  it('requires the operator key', async () => {
    expectError(await verify(t, '', {}), 401, 'UnauthorizedException')
    const org = await t.createOrganization()
    expectError(await verify(t, '', bearer(org.apiKey)), 401, 'UnauthorizedException')
    expectError(
      await verify(t, `organizationId=${org.id}`, bearer('wrong-operator-key')),
      401,
      'UnauthorizedException',
      'Invalid operator key',
    )
    all.push(org.id)
  })

  it('reports intact chains with their head hashes, sealing what is pending first', async () => {
    const org = await organizationWithActivity()
    const pending = await eventsOf(org.id)
    expect(pending.map((e) => e.sealed)).toEqual([false, false, false, false, false])

    const result = await verified()
    expect(result.ok).toBe(true)
    expect(result.problem).toBeNull()
    expect(result.unsealedEvents).toBe(0)
    const events = await eventsOf(org.id)
    expect(events.map((e) => e.chainSeq)).toEqual([1, 2, 3, 4, 5])
    const instance = page(await get(t, '/v2/admin/audit?organizationId=0', OPERATOR)).events
    expect(instance).toHaveLength(1)
    expect(result.chains.find((c) => c.chainId === 0)).toEqual({
      chainId: 0,
      firstSeq: 1,
      lastSeq: 1,
      links: 1,
      headHash: instance[0]!.hash,
    })
    expect(result.chains.find((c) => c.chainId === org.id)).toEqual({
      chainId: org.id,
      firstSeq: 1,
      lastSeq: 5,
      links: 5,
      headHash: events[4]!.hash,
    })
    // every chain with links, in order: the instance's and each organization's so far
    expect(result.chains.map((c) => c.chainId)).toEqual([0, ...all])

    // one chain only
    const one = await verified(`organizationId=${org.id}`)
    expect(one.ok).toBe(true)
    expect(one.chains).toEqual([result.chains.find((c) => c.chainId === org.id)])
    const zero = await verified('organizationId=0')
    expect(zero.chains.map((c) => c.chainId)).toEqual([0])

    // new events extend the chain from its head
    await t.createUser(org.client)
    const grown = await verified(`organizationId=${org.id}`)
    const [chain] = grown.chains
    expect(chain).toMatchObject({ chainId: org.id, firstSeq: 1, lastSeq: 7, links: 7 })
    const after = await eventsOf(org.id)
    expect(chain!.headHash).toBe(after[6]!.hash)
    expect(after.slice(0, 5)).toEqual(events)
  })

  it("names an event whose data was edited after sealing, in that organization's chain only", async () => {
    const org = await organizationWithActivity()
    const other = await organizationWithActivity()
    expect((await verified(`organizationId=${org.id}`)).ok).toBe(true)
    const target = (await eventsOf(org.id)).find((e) => e.type === 'client.created')!
    expect(target.chainSeq).toBe(3)

    await setEventData(t, target.id, { ...target.data, name: 'Forged' })
    const result = await verified(`organizationId=${org.id}`)
    expect(result.ok).toBe(false)
    expect(result.problem).toEqual({
      chainId: org.id,
      seq: 3,
      eventId: target.id,
      kind: 'altered',
      message: `event ${target.id} (chain ${org.id}, seq 3) was altered after it was sealed`,
    })
    // the report stops before the problem
    expect(result.chains).toEqual([
      {
        chainId: org.id,
        firstSeq: 1,
        lastSeq: 2,
        links: 2,
        headHash: (await eventsOf(org.id))[1]!.hash,
      },
    ])
    // the listing shows what is stored now; the neighbour's chain is untouched
    const listed = (await eventsOf(org.id)).find((e) => e.id === target.id)!
    expect(listed.data.name).toBe('Forged')
    expect((await verified(`organizationId=${other.id}`)).ok).toBe(true)

    // the original content, whatever the key order, verifies again
    const reordered = Object.fromEntries(Object.entries(target.data).reverse())
    await setEventData(t, target.id, reordered)
    expect((await verified(`organizationId=${org.id}`)).ok).toBe(true)
  })

  it('names an event edited in any other column, down to a millisecond of its time', async () => {
    const org = await organizationWithActivity()
    expect((await verified(`organizationId=${org.id}`)).ok).toBe(true)
    const target = (await eventsOf(org.id)).find((e) => e.type === 'user.created')!
    const db = t.tessera.ctx.database.db
    const time = new Date(target.occurredAt)

    await sql`UPDATE audit_events SET occurred_at = ${new Date(time.getTime() + 1)} WHERE id = ${target.id}`.execute(
      db,
    )
    const shifted = await verified(`organizationId=${org.id}`)
    expect(shifted.problem).toMatchObject({ kind: 'altered', eventId: target.id, seq: 4 })

    await sql`UPDATE audit_events SET occurred_at = ${time}, actor = 'operator' WHERE id = ${target.id}`.execute(
      db,
    )
    const reattributed = await verified(`organizationId=${org.id}`)
    expect(reattributed.problem).toMatchObject({ kind: 'altered', eventId: target.id, seq: 4 })

    await sql`UPDATE audit_events SET actor = ${target.actor} WHERE id = ${target.id}`.execute(db)
    expect((await verified(`organizationId=${org.id}`)).ok).toBe(true)
  })

  it('names a sealed event whose row was deleted', async () => {
    const org = await organizationWithActivity()
    expect((await verified(`organizationId=${org.id}`)).ok).toBe(true)
    const target = (await eventsOf(org.id)).find((e) => e.type === 'user.created')!
    expect(target.chainSeq).toBe(4)

    await deleteEvent(t, target.id)
    broken.push(org.id)
    const result = await verified(`organizationId=${org.id}`)
    expect(result.ok).toBe(false)
    expect(result.problem).toEqual({
      chainId: org.id,
      seq: 4,
      eventId: target.id,
      kind: 'missing_event',
      message: `event ${target.id} (chain ${org.id}, seq 4) was deleted after it was sealed`,
    })
    expect(result.chains).toMatchObject([{ chainId: org.id, lastSeq: 3, links: 3 }])
    expect(result.unsealedEvents).toBe(0)
    expect((await eventsOf(org.id)).map((e) => e.id)).not.toContain(target.id)
  })

  it('names the gap left by a deleted link, and counts its event as unsealed', async () => {
    const org = await organizationWithActivity()
    expect((await verified(`organizationId=${org.id}`)).ok).toBe(true)
    const target = (await eventsOf(org.id)).find((e) => e.type === 'client.created')!
    expect(target.chainSeq).toBe(3)

    await deleteLink(t, org.id, 3)
    broken.push(org.id)
    const result = await verified(`organizationId=${org.id}`)
    expect(result.ok).toBe(false)
    expect(result.problem).toEqual({
      chainId: org.id,
      seq: 3,
      eventId: null,
      kind: 'missing_link',
      message: `chain ${org.id} is missing link seq 3: it jumps from seq 2 to 4`,
    })
    expect(result.chains).toMatchObject([{ chainId: org.id, firstSeq: 1, lastSeq: 2, links: 2 }])
    // the event lost its link: the listing and the report both say so
    expect(result.unsealedEvents).toBe(1)
    const listed = (await eventsOf(org.id)).find((e) => e.id === target.id)!
    expect(listed).toMatchObject({ sealed: false, chainSeq: null, hash: null })
  })

  it('names a link whose previous hash was rewritten', async () => {
    const org = await organizationWithActivity()
    expect((await verified(`organizationId=${org.id}`)).ok).toBe(true)
    const target = (await eventsOf(org.id)).find((e) => e.type === 'token.issued')!
    expect(target.chainSeq).toBe(5)

    await sql`UPDATE audit_chain SET prev_hash = ${Buffer.alloc(32, 1)} WHERE chain_id = ${org.id} AND seq = 5`.execute(
      t.tessera.ctx.database.db,
    )
    broken.push(org.id)
    const result = await verified(`organizationId=${org.id}`)
    expect(result.problem).toMatchObject({
      chainId: org.id,
      seq: 5,
      eventId: target.id,
      kind: 'broken_link',
    })
    expect(result.problem!.message).toContain(`event ${target.id} (chain ${org.id}, seq 5)`)
  })

  it('over every chain, reports the first broken one and walks all the others', async () => {
    const result = await verified()
    expect(result.ok).toBe(false)
    expect(broken.length).toBe(3)
    expect(result.problem!.chainId).toBe(Math.min(...broken))
    expect(result.problem!.kind).toBe('missing_event')
    expect(result.chains.map((c) => c.chainId)).toEqual([0, ...all])
    for (const chain of result.chains) {
      if (chain.chainId === 0 || broken.includes(chain.chainId)) continue
      expect(chain.firstSeq).toBe(1)
      expect(chain.lastSeq).toBe(chain.links)
      expect(chain.headHash).not.toBe(GENESIS)
      const intact = await verified(`organizationId=${chain.chainId}`)
      expect(intact.ok).toBe(true)
      expect(intact.chains).toEqual([chain])
    }
  })
})
