import { expect, it } from 'vitest'
import { expectError, expectFieldError } from '../../helpers/expect-error.js'
import { describeApp } from '../../helpers/fixture.js'
import { bearer, OPERATOR, secretKey } from '../../helpers/http.js'
import { calcomClient, calcomJwt, calcomUser, importInto } from './support.js'

describeApp('POST /v2/admin/organizations/{orgId}/import', (t) => {
  const db = () => t.tessera.ctx.database.db

  async function auditTypes(clientId: string) {
    const rows = await db()
      .selectFrom('audit_events')
      .select(['type', 'user_id', 'actor'])
      .where('client_id', '=', clientId)
      .orderBy('id')
      .execute()
    return rows.map((r) => `${r.type}${r.user_id === null ? '' : ` ${r.user_id}`} by ${r.actor}`)
  }

  it('keeps the client id, secret and user ids; the stored secret is a keyed hash; one audit event per record', async () => {
    const org = await t.createOrganization()
    const client = calcomClient([])
    client.users = [calcomUser(1001, client.id), calcomUser(1002, client.id, 'Mixed.Case')]
    const res = await importInto(t, org.id, { clients: [client] })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      status: 'success',
      data: {
        dryRun: false,
        clients: { created: 1, unchanged: 0, conflicts: 0 },
        users: { created: 2, unchanged: 0, conflicts: 0 },
        conflicts: [],
      },
    })

    const stored = await db()
      .selectFrom('oauth_clients')
      .selectAll()
      .where('id', '=', client.id)
      .executeTakeFirstOrThrow()
    expect(stored).toMatchObject({
      organization_id: org.id,
      name: 'Acme on Cal.com',
      permissions: 256 + 512 + 4,
      redirect_uris: ['http://localhost:4321'],
      booking_redirect_uri: 'https://acme.example/booked',
      are_default_event_types_enabled: true,
      secret_imported: true,
    })
    expect(stored.created_at.toISOString()).toBe('2024-03-01T10:00:00.000Z')
    expect(Buffer.from(stored.secret_hash).toString('utf8')).not.toContain(client.secret)
    expect(stored.secret_hash).toHaveLength(32)

    // read back through the API exactly as Cal.com listed them
    const list = await t.request({
      method: 'GET',
      url: `/v2/oauth-clients/${client.id}/users`,
      headers: secretKey(client.secret),
    })
    expect(list.status).toBe(200)
    expect(list.body.data).toEqual(
      client.users.map((u) => ({ ...u, metadata: { plan: 'pro', seats: 3 } })),
    )
    expect(await auditTypes(client.id)).toEqual([
      'client.imported by operator',
      'user.imported 1001 by operator',
      'user.imported 1002 by operator',
    ])
  })

  it('end to end: a foreign refresh token gets 400, force-refresh with the kept secret and user id gets a pair, /v2/me answers', async () => {
    const org = await t.createOrganization()
    const client = calcomClient([])
    client.users = [calcomUser(2001, client.id)]
    expect((await importInto(t, org.id, { clients: [client] })).status).toBe(200)

    // what the customer's database still holds: Cal.com's refresh token for user 2001
    const calcomRefresh = calcomJwt({
      type: 'refresh_token',
      clientId: client.id,
      ownerId: 2001,
      expiresAt: Date.now() + 86_400_000,
      iat: Math.floor(Date.now() / 1000),
    })
    const refused = await t.request({
      method: 'POST',
      url: `/v2/oauth/${client.id}/refresh`,
      headers: secretKey(client.secret),
      payload: { refreshToken: calcomRefresh },
    })
    expectError(refused, 400, 'BadRequestException', 'Invalid refresh token')

    const wrongSecret = await t.request({
      method: 'POST',
      url: `/v2/oauth-clients/${client.id}/users/2001/force-refresh`,
      headers: secretKey(`${client.secret}x`),
    })
    expectError(wrongSecret, 401, 'UnauthorizedException')

    const forced = await t.request({
      method: 'POST',
      url: `/v2/oauth-clients/${client.id}/users/2001/force-refresh`,
      headers: secretKey(client.secret),
    })
    expect(forced.status).toBe(200)
    expect(Object.keys(forced.body.data).sort()).toEqual([
      'accessToken',
      'accessTokenExpiresAt',
      'refreshToken',
      'refreshTokenExpiresAt',
    ])
    const me = await t.me(forced.body.data.accessToken)
    expect(me.status).toBe(200)
    expect(me.body.data).toMatchObject({
      id: 2001,
      email: client.users[0]!.email,
      timeZone: 'America/New_York',
      organizationId: org.id,
    })
    // and the new refresh token works the usual way
    const refreshed = await t.refresh(
      { clientId: client.id, clientSecret: client.secret },
      forced.body.data.refreshToken,
    )
    expect(refreshed.status).toBe(200)
  })

  it('gives users created later ids above every imported one', async () => {
    const org = await t.createOrganization()
    const client = calcomClient([])
    client.users = [calcomUser(900_000, client.id)]
    expect((await importInto(t, org.id, { clients: [client] })).status).toBe(200)
    const created = await t.createUser({ clientId: client.id, clientSecret: client.secret })
    expect(created.user.id).toBeGreaterThan(900_000)
  })

  it('re-running the same import changes nothing: every record is unchanged, no new audit event', async () => {
    const org = await t.createOrganization()
    const client = calcomClient([])
    client.users = [calcomUser(3001, client.id), calcomUser(3002, client.id)]
    expect((await importInto(t, org.id, { clients: [client] })).status).toBe(200)
    const events = await auditTypes(client.id)

    const again = await importInto(t, org.id, { clients: [client] })
    expect(again.status).toBe(200)
    expect(again.body.data).toEqual({
      dryRun: false,
      clients: { created: 0, unchanged: 1, conflicts: 0 },
      users: { created: 0, unchanged: 2, conflicts: 0 },
      conflicts: [],
    })
    expect(await auditTypes(client.id)).toEqual(events)
  })

  it('reports a conflicting record and leaves it alone; the others are imported', async () => {
    const org = await t.createOrganization()
    const client = calcomClient([])
    client.users = [calcomUser(4001, client.id)]
    expect((await importInto(t, org.id, { clients: [client] })).status).toBe(200)

    const changed = { ...calcomUser(4001, client.id), name: 'Renamed', timeZone: 'Europe/Paris' }
    client.users = [changed, calcomUser(4002, client.id)]
    const res = await importInto(t, org.id, { clients: [client] })
    expect(res.status).toBe(200)
    expect(res.body.data).toEqual({
      dryRun: false,
      clients: { created: 0, unchanged: 1, conflicts: 0 },
      users: { created: 1, unchanged: 0, conflicts: 1 },
      conflicts: [
        {
          record: 'user',
          id: 4001,
          clientId: client.id,
          reason: 'exists with a different name, timeZone',
        },
      ],
    })
    const kept = await db()
      .selectFrom('managed_users')
      .select(['name', 'time_zone'])
      .where('id', '=', 4001)
      .executeTakeFirstOrThrow()
    expect(kept).toEqual({ name: 'User 4001', time_zone: 'America/New_York' })

    // a different secret for the same client id: the client and its users are left alone
    const rotated = { ...client, secret: 'eyJ.other.secret', users: [calcomUser(4003, client.id)] }
    const secretConflict = await importInto(t, org.id, { clients: [rotated] })
    expect(secretConflict.body.data.conflicts).toEqual([
      {
        record: 'client',
        id: client.id,
        clientId: client.id,
        reason: 'exists with a different secret',
      },
      { record: 'user', id: 4003, clientId: client.id, reason: 'its client was not imported' },
    ])
    expect(
      await db().selectFrom('managed_users').select('id').where('id', '=', 4003).execute(),
    ).toEqual([])
    const stillWorks = await t.request({
      method: 'GET',
      url: `/v2/oauth-clients/${client.id}/users/4001`,
      headers: secretKey(client.secret),
    })
    expect(stillWorks.status).toBe(200)
  })

  it('never lets ids collide across organizations: a taken id is a conflict, not an overwrite', async () => {
    const first = await t.createOrganization()
    const second = await t.createOrganization()
    const a = calcomClient([])
    a.users = [calcomUser(5001, a.id)]
    expect((await importInto(t, first.id, { clients: [a] })).status).toBe(200)

    const sameClient = await importInto(t, second.id, { clients: [a] })
    expect(sameClient.body.data.conflicts).toEqual([
      {
        record: 'client',
        id: a.id,
        clientId: a.id,
        reason: 'the id belongs to another organization',
      },
      { record: 'user', id: 5001, clientId: a.id, reason: 'its client was not imported' },
    ])

    const b = calcomClient([])
    b.users = [calcomUser(5001, b.id), calcomUser(5002, b.id)]
    const res = await importInto(t, second.id, { clients: [b] })
    expect(res.body.data.users).toEqual({ created: 1, unchanged: 0, conflicts: 1 })
    expect(res.body.data.conflicts).toEqual([
      {
        record: 'user',
        id: 5001,
        clientId: b.id,
        reason: 'the id belongs to another organization',
      },
    ])
    const owner = await db()
      .selectFrom('managed_users')
      .select(['client_id', 'organization_id'])
      .where('id', '=', 5001)
      .executeTakeFirstOrThrow()
    expect(owner).toEqual({ client_id: a.id, organization_id: first.id })
  })

  it('--dry-run reports what would happen and every conflict, and writes nothing', async () => {
    const org = await t.createOrganization()
    const existing = calcomClient([])
    existing.users = [calcomUser(6001, existing.id)]
    expect((await importInto(t, org.id, { clients: [existing] })).status).toBe(200)
    const before = await t.createUser({ clientId: existing.id, clientSecret: existing.secret })
    const count = async (table: 'managed_users' | 'oauth_clients' | 'audit_events') =>
      Number(
        (
          await db()
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    const counts = [
      await count('managed_users'),
      await count('oauth_clients'),
      await count('audit_events'),
    ]

    const fresh = calcomClient([])
    fresh.users = [calcomUser(7_000_001, fresh.id), calcomUser(7_000_002, fresh.id)]
    existing.users = [{ ...calcomUser(6001, existing.id), locale: 'fr' }]
    const res = await importInto(t, org.id, { clients: [fresh, existing] }, { dryRun: true })
    expect(res.status).toBe(200)
    expect(res.body.data).toEqual({
      dryRun: true,
      clients: { created: 1, unchanged: 1, conflicts: 0 },
      users: { created: 2, unchanged: 0, conflicts: 1 },
      conflicts: [
        {
          record: 'user',
          id: 6001,
          clientId: existing.id,
          reason: 'exists with a different locale',
        },
      ],
    })
    expect([
      await count('managed_users'),
      await count('oauth_clients'),
      await count('audit_events'),
    ]).toEqual(counts)
    // not even the id sequence moved
    const after = await t.createUser({ clientId: existing.id, clientSecret: existing.secret })
    expect(after.user.id).toBe(before.user.id + 1)
  })

  it('refuses an invalid document with 400 naming each place, before writing anything', async () => {
    const org = await t.createOrganization()
    const client = calcomClient([])
    client.users = [
      calcomUser(8001, client.id),
      { ...calcomUser(8002, client.id), email: 'not-an-email', timeZone: 'Narnia/Woods' },
      calcomUser(8001, client.id, 'again'),
    ]
    const res = await importInto(t, org.id, { clients: [client] })
    expectFieldError(res, 'clients[0].users[1].email', {
      message: 'clients[0].users[1].email must be an email',
    })
    expect(res.body.error.details.errors.map((p: { property: string }) => p.property)).toEqual([
      'clients[0].users[1].email',
      'clients[0].users[1].timeZone',
      'clients[0].users[2].id',
    ])
    expect(
      await db().selectFrom('oauth_clients').select('id').where('id', '=', client.id).execute(),
    ).toEqual([])

    for (const body of [{}, { clients: 'all' }, { clients: [{ id: 'has space', secret: 's' }] }]) {
      expect((await importInto(t, org.id, body)).status).toBe(400)
    }
    // a short secret is too easy to guess to keep
    const weak = calcomClient([], { secret: 'hunter2' })
    expectFieldError(await importInto(t, org.id, { clients: [weak] }), 'clients[0].secret', {
      message: 'clients[0].secret must be the client secret: 16 to 4096 characters, no spaces',
    })
  })

  it('is for the operator only; an unknown organization is a 404', async () => {
    const org = await t.createOrganization()
    const client = calcomClient([])
    const asOrg = await t.request({
      method: 'POST',
      url: `/v2/admin/organizations/${org.id}/import`,
      headers: bearer(org.apiKey),
      payload: { clients: [client] },
    })
    expect(asOrg.status).toBe(401)
    expectError(
      await t.request({
        method: 'POST',
        url: '/v2/admin/organizations/999999/import',
        headers: OPERATOR,
        payload: { clients: [client] },
      }),
      404,
      'NotFoundException',
      'Organization with ID 999999 not found',
    )
    expect(
      await db().selectFrom('oauth_clients').select('id').where('id', '=', client.id).execute(),
    ).toEqual([])
  })
})
