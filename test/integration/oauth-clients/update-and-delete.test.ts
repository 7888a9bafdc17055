import { expect, it } from 'vitest'
import { describeApp } from '../../helpers/fixture.js'
import { ALL_PERMISSIONS, CLIENT_NOT_FOUND, call, clientRow, keysOf } from './support.js'
import { expectError } from '../../helpers/expect-error.js'

describeApp(`OAuth clients: update and delete`, (t) => {
  it('PATCH {name} renames the client and returns it whole, other fields unchanged', async () => {
    const org = await t.createOrganizationWithKeys()
    const { clientId, clientSecret } = await t.createClient({
      apiKey: org.admin,
      name: 'Old name',
      permissions: ['BOOKING_READ', 'PROFILE_WRITE'],
    })
    const url = `/v2/oauth-clients/${clientId}`
    const before = await call(t, 'GET', url, org.admin)
    const res = await call(t, 'PATCH', url, org.admin, { name: 'New name' })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      status: 'success',
      data: { ...before.body.data, name: 'New name' },
    })
    expect(res.text).not.toContain(clientSecret)
    expect(keysOf(res.body)).not.toContain('secret')
    const list = await call(t, 'GET', '/v2/oauth-clients', org.admin)
    expect(list.body.data[0].name).toBe('New name')
    expect((await clientRow(t, clientId))?.name).toBe('New name')
  })

  it('PATCH changes permissions (Tessera extension); the stored mask and read-back follow', async () => {
    const org = await t.createOrganizationWithKeys()
    const { clientId } = await t.createClient({
      apiKey: org.owner,
      permissions: ['PROFILE_READ'],
    })
    const url = `/v2/oauth-clients/${clientId}`
    const res = await call(t, 'PATCH', url, org.owner, { permissions: ['*'] })
    expect(res.status).toBe(200)
    expect(res.body.data.permissions).toEqual(ALL_PERMISSIONS)
    expect((await clientRow(t, clientId))?.permissions).toBe(1023)
    const narrowed = await call(t, 'PATCH', url, org.owner, { permissions: ['SCHEDULE_WRITE'] })
    expect(narrowed.body.data.permissions).toEqual(['SCHEDULE_WRITE'])
    expect((await clientRow(t, clientId))?.permissions).toBe(32)
  })

  it('a permission change applies at once to the tokens of the client’s users', async () => {
    const org = await t.createOrganizationWithKeys()
    const client = await t.createClient({ apiKey: org.owner, permissions: ['PROFILE_READ'] })
    const { accessToken } = await t.createUser(client)
    expect((await t.me(accessToken)).status).toBe(200)
    const patch = await call(t, 'PATCH', `/v2/oauth-clients/${client.clientId}`, org.owner, {
      permissions: ['PROFILE_WRITE'],
    })
    expect(patch.status).toBe(200)
    const me = await t.me(accessToken)
    expect(me.status).toBe(403)
    expect(me.body.error.code).toBe('ForbiddenException')
  })

  it('PATCH sets and clears booking redirect URIs; cleared ones are omitted again', async () => {
    const org = await t.createOrganizationWithKeys()
    const { clientId } = await t.createClient({ apiKey: org.admin })
    const url = `/v2/oauth-clients/${clientId}`
    const set = await call(t, 'PATCH', url, org.admin, {
      bookingRedirectUri: 'https://app.example/done',
      logo: 'https://logo.example/a.png',
      areEmailsEnabled: true,
    })
    expect(set.status).toBe(200)
    expect(set.body.data).toMatchObject({
      bookingRedirectUri: 'https://app.example/done',
      logo: 'https://logo.example/a.png',
      areEmailsEnabled: true,
    })
    const cleared = await call(t, 'PATCH', url, org.admin, {
      bookingRedirectUri: null,
      logo: null,
    })
    expect(cleared.status).toBe(200)
    expect(cleared.body.data).not.toHaveProperty('bookingRedirectUri')
    expect(cleared.body.data.logo).toBeNull()
    expect(cleared.body.data.areEmailsEnabled).toBe(true)
    const row = await clientRow(t, clientId)
    expect(row).toMatchObject({
      booking_redirect_uri: null,
      logo: null,
      are_emails_enabled: true,
    })
  })

  it('PATCH with an empty body changes nothing and returns the client', async () => {
    const org = await t.createOrganizationWithKeys()
    const { clientId } = await t.createClient({ apiKey: org.owner, name: 'Stable' })
    const url = `/v2/oauth-clients/${clientId}`
    const before = await call(t, 'GET', url, org.owner)
    const res = await call(t, 'PATCH', url, org.owner, {})
    expect(res.status).toBe(200)
    expect(res.body).toEqual(before.body)
  })

  it('PATCH of an unknown client is 404 OAuthClientGuard, even with an invalid body', async () => {
    const org = await t.createOrganizationWithKeys()
    for (const payload of [{ name: 'x' }, { name: 42, permissions: ['NOPE'] }]) {
      const res = await call(
        t,
        'PATCH',
        '/v2/oauth-clients/cunknownclient000000000000',
        org.admin,
        payload,
      )
      expectError(res, 404, 'NotFoundException', CLIENT_NOT_FOUND)
    }
  })

  it('DELETE returns the deleted client (without secret); it is gone afterwards', async () => {
    const org = await t.createOrganizationWithKeys()
    const { clientId, clientSecret } = await t.createClient({ apiKey: org.admin, name: 'Doomed' })
    const url = `/v2/oauth-clients/${clientId}`
    const before = await call(t, 'GET', url, org.admin)
    const res = await call(t, 'DELETE', url, org.admin)
    expect(res.status).toBe(200)
    expect(res.body).toEqual(before.body)
    expect(res.text).not.toContain(clientSecret)
    expect(keysOf(res.body)).not.toContain('secret')
    expect(await clientRow(t, clientId)).toBeUndefined()
    expectError(await call(t, 'GET', url, org.admin), 404, 'NotFoundException', CLIENT_NOT_FOUND)
    expectError(await call(t, 'DELETE', url, org.admin), 404, 'NotFoundException', CLIENT_NOT_FOUND)
    expect((await call(t, 'GET', '/v2/oauth-clients', org.admin)).body.data).toEqual([])
  })

  it('a deleted client’s secret no longer authenticates', async () => {
    const org = await t.createOrganizationWithKeys()
    const client = await t.createClient({ apiKey: org.owner })
    const user = await t.createUser(client)
    expect(
      (await call(t, 'DELETE', `/v2/oauth-clients/${client.clientId}`, org.owner)).status,
    ).toBe(200)
    const res = await t.refresh(client, user.refreshToken)
    expectError(
      res,
      401,
      'UnauthorizedException',
      `ApiAuthStrategy - oAuth client - Client with ID ${client.clientId} not found`,
    )
  })

  it('deleting a client deletes its managed users and their tokens', async () => {
    const org = await t.createOrganizationWithKeys()
    const client = await t.createClient({ apiKey: org.owner })
    const keep = await t.createClient({ apiKey: org.owner })
    const user = await t.createUser(client)
    const other = await t.createUser(keep)
    expect((await t.me(user.accessToken)).status).toBe(200)

    const res = await call(t, 'DELETE', `/v2/oauth-clients/${client.clientId}`, org.owner)
    expect(res.status).toBe(200)

    const me = await t.me(user.accessToken)
    expectError(me, 401, 'UnauthorizedException')
    const db = t.tessera.ctx.database.db
    const rows = await db
      .selectFrom('managed_users')
      .select('id')
      .where('id', '=', user.user.id)
      .execute()
    expect(rows).toEqual([])
    const families = await db
      .selectFrom('token_families')
      .select('id')
      .where('client_id', '=', client.clientId)
      .execute()
    expect(families).toEqual([])
    // the other client of the organization is untouched
    expect((await t.me(other.accessToken)).status).toBe(200)
    const event = await db
      .selectFrom('audit_events')
      .select(['type', 'data'])
      .where('client_id', '=', client.clientId)
      .where('type', '=', 'client.deleted')
      .executeTakeFirstOrThrow()
    expect(event.data).toMatchObject({ deletedUsers: 1 })
  })
})
