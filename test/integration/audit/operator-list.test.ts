import { beforeAll, expect, it } from 'vitest'
import { describeApp } from '../../helpers/fixture.js'
import {
  expectNewestFirst,
  get,
  ownerKeyId,
  page,
  verify,
  walk,
  type AuditEvent,
} from './support.js'
import { expectError } from '../../helpers/expect-error.js'
import { bearer, OPERATOR, OPERATOR_KEY, secretKey } from '../../helpers/http.js'

const MISSING = 'Missing operator key: send Authorization: Bearer <TESSERA_ADMIN_KEY>'
const INVALID = 'Invalid operator key'

/** `GET /v2/admin/audit`: every organization's events and the instance's, with filters. */
describeApp(`audit: the operator's view`, { clock: Date.UTC(2026, 1, 1) }, (t) => {
  let alpha: { id: number; apiKey: string }
  let beta: { id: number; apiKey: string }
  let clientA: { clientId: string; clientSecret: string }
  let clientB: { clientId: string; clientSecret: string }
  let userA: number
  let userB: number
  let rotation: { kid: string; alg: string; previousKid: string; activatesAt: string }
  /** [type, organizationId, clientId] of every event of this instance, newest first. */
  let story: [string, number | null, string | null][]

  beforeAll(async () => {
    // interleaved, so no filter can pass by reading a contiguous range
    alpha = await t.createOrganization('Alpha')
    beta = await t.createOrganization('Beta')
    clientA = await t.createClient({ apiKey: alpha.apiKey })
    clientB = await t.createClient({ apiKey: beta.apiKey })
    userA = (await t.createUser(clientA)).user.id
    userB = (await t.createUser(clientB)).user.id
    const rotated = await t.request({
      method: 'POST',
      url: '/v2/admin/signing-keys/rotate',
      headers: OPERATOR,
    })
    expect(rotated.status, rotated.text).toBe(200)
    rotation = rotated.body.data
    const a = clientA.clientId
    const b = clientB.clientId
    story = [
      ['signing_key.rotated', null, null],
      ['token.issued', beta.id, b],
      ['user.created', beta.id, b],
      ['token.issued', alpha.id, a],
      ['user.created', alpha.id, a],
      ['client.created', beta.id, b],
      ['client.created', alpha.id, a],
      ['api_key.created', beta.id, null],
      ['organization.created', beta.id, null],
      ['api_key.created', alpha.id, null],
      ['organization.created', alpha.id, null],
      // the first start made the first signing key
      ['signing_key.rotated', null, null],
    ]
  })

  const tuple = (e: AuditEvent) => [e.type, e.organizationId, e.clientId]

  it('requires the operator key: 401 without it, with a wrong one, or with any other credential', async () => {
    expectError(await get(t, '/v2/admin/audit'), 401, 'UnauthorizedException', MISSING)
    expectError(
      await get(t, '/v2/admin/audit', bearer(`${OPERATOR_KEY}x`)),
      401,
      'UnauthorizedException',
      INVALID,
    )
    expectError(
      await get(t, '/v2/admin/audit', bearer(alpha.apiKey)),
      401,
      'UnauthorizedException',
      INVALID,
    )
    expectError(
      await get(t, '/v2/admin/audit', secretKey(clientA.clientSecret)),
      401,
      'UnauthorizedException',
      MISSING,
    )
    expectError(
      await get(t, `/v2/admin/audit?organizationId=${alpha.id}`, bearer(alpha.apiKey)),
      401,
      'UnauthorizedException',
      INVALID,
    )
  })

  it('lists the events of every organization and of the instance, newest first', async () => {
    const all = page(await get(t, '/v2/admin/audit', OPERATOR))
    expect(all.nextCursor).toBeNull()
    expect(all.events.map(tuple)).toEqual(story)
    expectNewestFirst(all.events)
    expect(all.events.filter((e) => e.userId !== null).map((e) => e.userId)).toEqual([
      userB,
      userB,
      userA,
      userA,
    ])

    const { pages, events } = await walk(t, '/v2/admin/audit?limit=5', OPERATOR)
    expect(pages.map((p) => p.length)).toEqual([5, 5, 2])
    expect(events).toEqual(all.events)
  })

  it("filters one organization's events, with what each records", async () => {
    const ownerId = await ownerKeyId(t, alpha.id)
    const res = page(await get(t, `/v2/admin/audit?organizationId=${alpha.id}`, OPERATOR))
    expect(res.events.map(tuple)).toEqual(story.filter(([, org]) => org === alpha.id))
    expect(res.events.every((e) => e.organizationId === alpha.id)).toBe(true)
    const organizationCreated = res.events.find((e) => e.type === 'organization.created')!
    expect(organizationCreated).toMatchObject({
      actor: 'operator',
      clientId: null,
      userId: null,
      familyId: null,
      data: { name: 'Alpha' },
      occurredAt: new Date(t.clock()).toISOString(),
    })
    expect(res.events.find((e) => e.type === 'api_key.created')).toMatchObject({
      actor: 'operator',
      data: { keyId: ownerId, role: 'OWNER', name: 'Initial owner key' },
    })
    expect(res.events.find((e) => e.type === 'client.created')!.actor).toBe(`api_key:${ownerId}`)
  })

  it('takes organizationId=0 for instance events: the signing-key rotations', async () => {
    const res = page(await get(t, '/v2/admin/audit?organizationId=0', OPERATOR))
    expect(res.events.map((e) => [e.type, e.actor])).toEqual([
      ['signing_key.rotated', 'operator'],
      ['signing_key.rotated', 'system'],
    ])
    const [byOperator, atStart] = res.events as [AuditEvent, AuditEvent]
    for (const event of res.events) {
      expect(event).toMatchObject({
        organizationId: null,
        clientId: null,
        userId: null,
        familyId: null,
      })
    }
    expect(rotation.alg).toBe(t.tessera.ctx.config.signingAlg)
    // the first key signs as soon as it exists; a rotation's key after the activation delay
    expect(atStart.data).toEqual({
      kid: rotation.previousKid,
      alg: rotation.alg,
      previousKid: null,
      activatesAt: atStart.occurredAt,
    })
    expect(byOperator.data).toEqual({
      kid: rotation.kid,
      alg: rotation.alg,
      previousKid: rotation.previousKid,
      activatesAt: rotation.activatesAt,
    })
    expect(Date.parse(rotation.activatesAt) - Date.parse(byOperator.occurredAt)).toBe(900_000)
  })

  it('filters by client, and combines filters', async () => {
    const a = page(await get(t, `/v2/admin/audit?clientId=${clientA.clientId}`, OPERATOR))
    expect(a.events.map(tuple)).toEqual(story.filter(([, , c]) => c === clientA.clientId))
    // the client's own view is the same list
    const own = page(
      await get(t, `/v2/oauth-clients/${clientA.clientId}/events`, secretKey(clientA.clientSecret)),
    )
    expect(own.events).toEqual(a.events)

    const crossed = page(
      await get(
        t,
        `/v2/admin/audit?organizationId=${alpha.id}&clientId=${clientB.clientId}`,
        OPERATOR,
      ),
    )
    expect(crossed).toEqual({ events: [], nextCursor: null })
    const unknown = page(await get(t, '/v2/admin/audit?clientId=cnotaclient', OPERATOR))
    expect(unknown).toEqual({ events: [], nextCursor: null })
    const noSuchOrg = page(await get(t, '/v2/admin/audit?organizationId=999999', OPERATOR))
    expect(noSuchOrg).toEqual({ events: [], nextCursor: null })
  })

  it('filters by type, alone, several, and with an organization', async () => {
    const orgs = page(await get(t, '/v2/admin/audit?types=organization.created', OPERATOR))
    expect(orgs.events.map((e) => [e.organizationId, e.data.name])).toEqual([
      [beta.id, 'Beta'],
      [alpha.id, 'Alpha'],
    ])
    const two = page(
      await get(t, '/v2/admin/audit?types=signing_key.rotated,organization.created', OPERATOR),
    )
    expect(two.events.map(tuple)).toEqual(
      story.filter(([type]) => type === 'signing_key.rotated' || type === 'organization.created'),
    )
    const betaUsers = page(
      await get(
        t,
        `/v2/admin/audit?organizationId=${beta.id}&types=user.created,token.issued`,
        OPERATOR,
      ),
    )
    expect(betaUsers.events.map(tuple)).toEqual([
      ['token.issued', beta.id, clientB.clientId],
      ['user.created', beta.id, clientB.clientId],
    ])
    const paged = await walk(t, '/v2/admin/audit?types=client.created&limit=1', OPERATOR)
    expect(paged.pages.map((p) => p.length)).toEqual([1, 1])
    expect(paged.events.map((e) => e.clientId)).toEqual([clientB.clientId, clientA.clientId])
  })

  it('shows each chain position once sealed: one chain per organization, chain 0 for the instance', async () => {
    const before = page(await get(t, `/v2/admin/audit?organizationId=${alpha.id}`, OPERATOR))
    expect(before.events.every((e) => !e.sealed)).toBe(true)
    expect((await verify(t)).body.data.ok).toBe(true)
    const seqs = async (org: number) =>
      page(await get(t, `/v2/admin/audit?organizationId=${org}`, OPERATOR)).events.map((e) => [
        e.sealed,
        e.chainSeq,
      ])
    expect(await seqs(alpha.id)).toEqual([5, 4, 3, 2, 1].map((s) => [true, s]))
    expect(await seqs(beta.id)).toEqual([5, 4, 3, 2, 1].map((s) => [true, s]))
    expect(await seqs(0)).toEqual([2, 1].map((s) => [true, s]))
  })

  it('refuses malformed filters and cursors with 400', async () => {
    for (const query of [
      'organizationId=-1',
      'organizationId=abc',
      'organizationId=2147483648',
      'cursor=abc',
      'limit=0',
      'limit=501',
    ]) {
      const res = await get(t, `/v2/admin/audit?${query}`, OPERATOR)
      expectError(res, 400, 'BadRequestException')
    }
    expect((await get(t, '/v2/admin/audit?cursor=abc', OPERATOR)).body.error.message).toBe(
      'Invalid cursor',
    )
  })
})
