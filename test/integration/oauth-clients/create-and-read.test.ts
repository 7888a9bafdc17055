import { expect, it } from 'vitest'
import { describeApp } from '../../helpers/fixture.js'
import {
  ALL_PERMISSIONS,
  call,
  clientRow,
  expectNoPlaintext,
  hashOf,
  keysOf,
  rowText,
} from './support.js'

const BOOKING_URIS = [
  'bookingRedirectUri',
  'bookingCancelRedirectUri',
  'bookingRescheduleRedirectUri',
]

describeApp(`OAuth clients: create, list and get`, (t) => {
  it('ADMIN creates a client with BOOKING_READ and PROFILE_WRITE: 201, stored as bitmask 516', async () => {
    const org = await t.createOrganizationWithKeys()
    const res = await call(t, 'POST', '/v2/oauth-clients', org.admin, {
      name: 'Admin client',
      redirectUris: ['http://test-oauth-client.com'],
      permissions: ['BOOKING_READ', 'PROFILE_WRITE'],
    })
    expect(res.status).toBe(201)
    expect(res.body.status).toBe('success')
    expect(Object.keys(res.body.data).sort()).toEqual(['clientId', 'clientSecret'])
    expect(res.body.data.clientId).toMatch(/^c[0-9a-z]{24}$/)
    expect(res.body.data.clientSecret).toMatch(/^tsr_cs_[A-Za-z0-9_-]{49}$/)
    const row = await clientRow(t, res.body.data.clientId)
    expect(row).toMatchObject({
      organization_id: org.id,
      name: 'Admin client',
      permissions: 516,
      redirect_uris: ['http://test-oauth-client.com'],
      logo: null,
      are_emails_enabled: false,
      are_default_event_types_enabled: false,
      are_calendar_events_enabled: true,
      previous_secret_hash: null,
      previous_secret_expires_at: null,
    })
  })

  it('OWNER creates a client with ["*"]: stored as 1023, read back as all ten names in bit order', async () => {
    const org = await t.createOrganizationWithKeys()
    const { clientId } = await t.createClient({ apiKey: org.owner, permissions: ['*'] })
    expect((await clientRow(t, clientId))?.permissions).toBe(1023)
    const one = await call(t, 'GET', `/v2/oauth-clients/${clientId}`, org.owner)
    expect(one.body.data.permissions).toEqual(ALL_PERMISSIONS)
    const list = await call(t, 'GET', '/v2/oauth-clients', org.owner)
    expect(list.body.data[0].permissions).toEqual(ALL_PERMISSIONS)
  })

  it('permissions are read back in bit order whatever order they were given in, without duplicates', async () => {
    const org = await t.createOrganizationWithKeys()
    const { clientId } = await t.createClient({
      apiKey: org.admin,
      permissions: ['PROFILE_WRITE', 'EVENT_TYPE_READ', 'PROFILE_WRITE', 'APPS_READ'],
    })
    expect((await clientRow(t, clientId))?.permissions).toBe(1 + 64 + 512)
    const res = await call(t, 'GET', `/v2/oauth-clients/${clientId}`, org.admin)
    expect(res.body.data.permissions).toEqual(['EVENT_TYPE_READ', 'APPS_READ', 'PROFILE_WRITE'])
  })

  it('only a keyed hash of the client secret is stored; the plaintext is in no row or audit event', async () => {
    const org = await t.createOrganizationWithKeys()
    const { clientId, clientSecret } = await t.createClient({ apiKey: org.owner })
    const row = (await clientRow(t, clientId))!
    expect(Buffer.from(row.secret_hash).equals(hashOf(t, clientSecret))).toBe(true)
    expectNoPlaintext(rowText(row), clientSecret)
    const events = await t.tessera.ctx.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('client_id', '=', clientId)
      .execute()
    expect(events.map((e) => e.type)).toContain('client.created')
    for (const event of events) expectNoPlaintext(rowText(event), clientSecret)
  })

  it('the created secret authenticates the client (managed-user list with x-cal-secret-key)', async () => {
    const client = await t.createClient()
    const res = await t.request({
      method: 'GET',
      url: `/v2/oauth-clients/${client.clientId}/users`,
      headers: { 'x-cal-secret-key': client.clientSecret },
    })
    expect(res.status).toBe(200)
    expect(res.body.data).toEqual([])
  })

  it('GET one returns every field of the client, and never a secret', async () => {
    const org = await t.createOrganizationWithKeys()
    const create = await call(t, 'POST', '/v2/oauth-clients', org.owner, {
      name: 'Full client',
      redirectUris: ['http://a.example', 'https://*.b.example'],
      permissions: ['PROFILE_READ'],
      logo: 'https://logo.example/x.png',
      bookingRedirectUri: 'https://app.example/booked',
      bookingCancelRedirectUri: 'https://app.example/cancelled',
      bookingRescheduleRedirectUri: 'https://app.example/rescheduled',
      areEmailsEnabled: true,
      areDefaultEventTypesEnabled: true,
      areCalendarEventsEnabled: false,
    })
    expect(create.status).toBe(201)
    const { clientId, clientSecret } = create.body.data
    const res = await call(t, 'GET', `/v2/oauth-clients/${clientId}`, org.owner)
    expect(res.status).toBe(200)
    const row = (await clientRow(t, clientId))!
    expect(res.body).toEqual({
      status: 'success',
      data: {
        id: clientId,
        name: 'Full client',
        permissions: ['PROFILE_READ'],
        logo: 'https://logo.example/x.png',
        redirectUris: ['http://a.example', 'https://*.b.example'],
        organizationId: org.id,
        createdAt: row.created_at.toISOString(),
        areEmailsEnabled: true,
        areDefaultEventTypesEnabled: true,
        areCalendarEventsEnabled: false,
        bookingRedirectUri: 'https://app.example/booked',
        bookingCancelRedirectUri: 'https://app.example/cancelled',
        bookingRescheduleRedirectUri: 'https://app.example/rescheduled',
      },
    })
    expect(res.text).not.toContain(clientSecret)
  })

  it('booking redirect URIs are left out of the client when they are null', async () => {
    const org = await t.createOrganizationWithKeys()
    const { clientId } = await t.createClient({ apiKey: org.owner })
    const one = await call(t, 'GET', `/v2/oauth-clients/${clientId}`, org.owner)
    const list = await call(t, 'GET', '/v2/oauth-clients', org.owner)
    for (const client of [one.body.data, list.body.data[0]]) {
      for (const field of BOOKING_URIS) expect(client).not.toHaveProperty(field)
      expect(client.logo).toBeNull()
    }
  })

  it('an explicit null for an optional field on create stores null (not an empty string)', async () => {
    const org = await t.createOrganizationWithKeys()
    const res = await call(t, 'POST', '/v2/oauth-clients', org.owner, {
      name: 'Nulls',
      redirectUris: [],
      permissions: [],
      logo: null,
      bookingRedirectUri: null,
      bookingCancelRedirectUri: null,
      bookingRescheduleRedirectUri: null,
    })
    expect(res.status).toBe(201)
    const row = await clientRow(t, res.body.data.clientId)
    expect(row).toMatchObject({
      logo: null,
      booking_redirect_uri: null,
      booking_cancel_redirect_uri: null,
      booking_reschedule_redirect_uri: null,
      permissions: 0,
      redirect_uris: [],
    })
    const one = await call(t, 'GET', `/v2/oauth-clients/${res.body.data.clientId}`, org.owner)
    for (const field of BOOKING_URIS) expect(one.body.data).not.toHaveProperty(field)
    expect(one.body.data.permissions).toEqual([])
  })

  it('the list holds exactly the organization’s clients, oldest first, without secrets', async () => {
    const org = await t.createOrganizationWithKeys()
    const other = await t.createOrganizationWithKeys()
    const first = await t.createClient({ apiKey: org.owner, name: 'first' })
    const second = await t.createClient({ apiKey: org.admin, name: 'second' })
    const foreign = await t.createClient({ apiKey: other.owner, name: 'foreign' })
    const res = await call(t, 'GET', '/v2/oauth-clients', org.member)
    expect(res.status).toBe(200)
    expect(res.body.data.map((c: { id: string; name: string }) => [c.id, c.name])).toEqual([
      [first.clientId, 'first'],
      [second.clientId, 'second'],
    ])
    for (const secret of [first.clientSecret, second.clientSecret, foreign.clientSecret]) {
      expect(res.text).not.toContain(secret)
    }
    expect(res.text).not.toContain(foreign.clientId)
    const keys = keysOf(res.body)
    expect(keys).not.toContain('secret')
    expect(keys).not.toContain('clientSecret')
  })

  it('an organization without clients lists an empty array', async () => {
    const org = await t.createOrganizationWithKeys()
    const res = await call(t, 'GET', '/v2/oauth-clients', org.owner)
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ status: 'success', data: [] })
  })

  it('each create issues a distinct client id and secret', async () => {
    const org = await t.createOrganizationWithKeys()
    const a = await t.createClient({ apiKey: org.owner })
    const b = await t.createClient({ apiKey: org.owner })
    expect(a.clientId).not.toBe(b.clientId)
    expect(a.clientSecret).not.toBe(b.clientSecret)
  })
})
