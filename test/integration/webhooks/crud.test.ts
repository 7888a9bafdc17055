import { beforeAll, expect, it } from 'vitest'
import { expectError, expectFieldError } from '../../helpers/expect-error.js'
import { describeApp } from '../../helpers/fixture.js'
import { OPERATOR } from '../../helpers/http.js'
import { INVALID_SECRET, MANAGE_ROLES } from '../oauth-clients/support.js'

const ONLY_CLIENT_ID =
  "ApiAuthStrategy - Only 'x-cal-client-id' header provided. Please also provide 'x-cal-secret-key' header or Auth bearer token as 'Authentication' header"
// public addresses: nothing is resolved, nothing is delivered (no worker runs here)
const URL_A = 'https://1.1.1.1/hooks/a'
const URL_B = 'https://1.0.0.1/hooks/b'

type Client = { clientId: string; clientSecret: string }

/**
 * Cal.com's webhook API (`/v2/oauth-clients/{clientId}/webhooks`) answers like Cal.com: envelopes,
 * status codes, guard messages; plus the organization and operator levels, and the SSRF rules
 * with the default configuration (private networks refused).
 */
describeApp("webhooks: Cal.com's CRUD and Tessera's levels", (t) => {
  let org: Awaited<ReturnType<typeof t.createOrganizationWithKeys>>
  let client: Client
  let other: Client
  const base = (c: Client) => `/v2/oauth-clients/${c.clientId}/webhooks`
  const asClient = (
    c: Client,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
  ) =>
    t.request({
      method,
      url,
      headers: { 'x-cal-secret-key': c.clientSecret },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    })
  const asKey = (
    key: string,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
  ) =>
    t.request({
      method,
      url,
      headers: { authorization: `Bearer ${key}` },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    })

  beforeAll(async () => {
    org = await t.createOrganizationWithKeys()
    client = await t.createClient({ apiKey: org.owner })
    other = await t.createClient()
  })

  it('creates (201), reads, lists, updates and deletes in Cal.com envelopes, the secret shown once', async () => {
    const created = await asClient(client, 'POST', base(client), {
      subscriberUrl: URL_A,
      active: true,
      triggers: ['TOKEN_FORCE_REFRESHED', 'USER_DELETED'],
      payloadTemplate: '{"event":"{{triggerEvent}}","user":"{{userId}}"}',
    })
    expect(created.status).toBe(201)
    expect(created.body).toEqual({
      status: 'success',
      data: {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        subscriberUrl: URL_A,
        active: true,
        triggers: ['TOKEN_FORCE_REFRESHED', 'USER_DELETED'],
        payloadTemplate: '{"event":"{{triggerEvent}}","user":"{{userId}}"}',
        oAuthClientId: client.clientId,
        secret: expect.stringMatching(/^whsec_/),
        disabledReason: null,
        previousSecretExpiresAt: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      },
    })
    const { id, secret } = created.body.data
    const shown = { ...created.body.data }
    delete shown.secret

    const read = await asClient(client, 'GET', `${base(client)}/${id}`)
    expect(read.status).toBe(200)
    expect(read.body).toEqual({ status: 'success', data: shown })
    expect(read.text).not.toContain(secret)

    const list = await asClient(client, 'GET', base(client))
    expect(list.status).toBe(200)
    expect(list.body).toEqual({ status: 'success', data: [shown] })

    const updated = await asClient(client, 'PATCH', `${base(client)}/${id}`, { active: false })
    expect(updated.status).toBe(200)
    expect(updated.body.data).toMatchObject({ id, active: false, triggers: shown.triggers })
    expect(updated.body.data.secret).toBeUndefined()

    const deleted = await asClient(client, 'DELETE', `${base(client)}/${id}`)
    expect(deleted.status).toBe(200)
    expect(deleted.body).toEqual({
      status: 'success',
      data: { ...shown, active: false, updatedAt: expect.any(String) },
    })
    expectError(
      await asClient(client, 'GET', `${base(client)}/${id}`),
      404,
      'NotFoundException',
      `Webhook (${id}) not found`,
    )
    const stored = await t.tessera.ctx.database.db
      .selectFrom('event_endpoints')
      .select('id')
      .where('id', '=', id)
      .execute()
    expect(stored).toEqual([])
  })

  it('answers 401 without the client secret or with a wrong one, in the error envelope', async () => {
    const res = await t.request({ method: 'GET', url: base(client) })
    expectError(res, 401, 'UnauthorizedException', { message: ONLY_CLIENT_ID, path: base(client) })
    const wrong = await t.request({
      method: 'POST',
      url: base(client),
      headers: { 'x-cal-secret-key': other.clientSecret },
      payload: { subscriberUrl: URL_A, active: true, triggers: ['USER_CREATED'] },
    })
    expectError(wrong, 401, 'UnauthorizedException', INVALID_SECRET)
    expect(
      await t.tessera.ctx.database.db
        .selectFrom('event_endpoints')
        .select('id')
        .where('client_id', '=', client.clientId)
        .execute(),
    ).toEqual([])
  })

  it("refuses another client's webhook (403), a missing one (404), and a second one on the same URL (409)", async () => {
    const mine = await asClient(client, 'POST', base(client), {
      subscriberUrl: URL_B,
      active: true,
      triggers: ['USER_CREATED'],
    })
    const theirs = await asClient(other, 'POST', base(other), {
      subscriberUrl: URL_B,
      active: true,
      triggers: ['USER_CREATED'],
    })
    expect([mine.status, theirs.status]).toEqual([201, 201])
    for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
      expectError(
        await asClient(
          client,
          method,
          `${base(client)}/${theirs.body.data.id}`,
          method === 'PATCH' ? { active: false } : undefined,
        ),
        403,
        'ForbiddenException',
        'IsOAuthClientWebhookGuard - Webhook does not belong to this oAuthClient',
      )
    }
    expectError(
      await asClient(client, 'GET', `${base(client)}/90284`),
      404,
      'NotFoundException',
      'Webhook (90284) not found',
    )
    expectError(
      await asClient(client, 'POST', base(client), {
        subscriberUrl: URL_B,
        active: false,
        triggers: ['USER_DELETED'],
      }),
      409,
      'ConflictException',
      'Webhook with this subscriber url already exists for this oAuth client',
    )
    // theirs is untouched
    const still = await asClient(other, 'GET', `${base(other)}/${theirs.body.data.id}`)
    expect(still.body.data.active).toBe(true)
  })

  it("refuses Cal.com's booking triggers (Tessera has no bookings), unknown ones, and ones a client never sees", async () => {
    const booking = await asClient(client, 'POST', base(client), {
      subscriberUrl: 'https://1.1.1.1/booking',
      active: true,
      triggers: ['USER_CREATED', 'BOOKING_CREATED'],
    })
    expectFieldError(booking, 'triggers')
    expect(booking.body.error.message).toMatch(
      /^triggers: BOOKING_CREATED is a Cal.com booking trigger, and Tessera has no bookings/,
    )
    const unknown = await asClient(client, 'POST', base(client), {
      subscriberUrl: 'https://1.1.1.1/x',
      active: true,
      triggers: ['NOT_A_THING'],
    })
    expectFieldError(unknown, 'triggers')
    expect(unknown.body.error.message).toContain(
      'NOT_A_THING is not a Tessera trigger. Valid here: CLIENT_UPDATED',
    )
    const unreachable = await asClient(client, 'POST', base(client), {
      subscriberUrl: 'https://1.1.1.1/x',
      active: true,
      triggers: ['API_KEY_CREATED'],
    })
    expectFieldError(unreachable, 'triggers')
    expect(unreachable.body.error.message).toContain(
      'API_KEY_CREATED never reaches a client-level webhook',
    )
    const template = await asClient(client, 'POST', base(client), {
      subscriberUrl: 'https://1.1.1.1/x',
      active: true,
      triggers: ['USER_CREATED'],
      payloadTemplate: '{{#if userId}}yes{{/if}}',
    })
    expectFieldError(template, 'payloadTemplate')
    const missing = await asClient(client, 'POST', base(client), {
      subscriberUrl: 'https://1.1.1.1/x',
      triggers: ['USER_CREATED'],
    })
    expectFieldError(missing, 'active')
  })

  it('refuses subscriber URLs on private, loopback, link-local and metadata addresses by default', async () => {
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'http://localhost/hook',
      'http://10.1.2.3/hook',
      'http://192.168.1.1/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://[fd00:ec2::254]/hook',
      'http://100.100.100.200/hook',
    ]) {
      const res = await asClient(client, 'POST', base(client), {
        subscriberUrl: url,
        active: true,
        triggers: ['USER_CREATED'],
      })
      expectFieldError(res, 'subscriberUrl')
      expect(res.body.error.message).toMatch(
        /a private, loopback, link-local or metadata address, which Tessera does not send events to/,
      )
    }
    const scheme = await asClient(client, 'POST', base(client), {
      subscriberUrl: 'ftp://1.1.1.1/x',
      active: true,
      triggers: ['USER_CREATED'],
    })
    expectFieldError(scheme, 'subscriberUrl')
    expect(scheme.body.error.message).toBe('subscriberUrl must be an http or https URL')
    // and an update may not move an existing webhook there either
    const ok = await asClient(client, 'POST', base(client), {
      subscriberUrl: 'https://1.1.1.1/ok',
      active: true,
      triggers: ['USER_CREATED'],
    })
    const moved = await asClient(client, 'PATCH', `${base(client)}/${ok.body.data.id}`, {
      subscriberUrl: 'http://127.0.0.1/x',
    })
    expectFieldError(moved, 'subscriberUrl')
  })

  it("lets the organization's API keys manage the client's webhooks: any role reads, OWNER and ADMIN write", async () => {
    const created = await asKey(org.owner, 'POST', base(client), {
      subscriberUrl: 'https://1.1.1.1/by-key',
      active: true,
      triggers: ['USER_CREATED'],
    })
    expect(created.status).toBe(201)
    expect(created.body.data.oAuthClientId).toBe(client.clientId)
    const list = await asKey(org.member, 'GET', base(client))
    expect(list.status).toBe(200)
    expect(list.body.data.map((w: { id: string }) => w.id)).toContain(created.body.data.id)
    expectError(
      await asKey(org.member, 'PATCH', `${base(client)}/${created.body.data.id}`, {
        active: false,
      }),
      403,
      'ForbiddenException',
      MANAGE_ROLES,
    )
    const paged = await asKey(org.admin, 'GET', `${base(client)}?skip=1&take=1`)
    expect(paged.body.data).toHaveLength(1)
    expect(paged.body.data[0].id).toBe(list.body.data[1].id)
  })

  it("deletes all of a client's webhooks with a sentence, as Cal.com does, and only that client's", async () => {
    const c = await t.createClient({ apiKey: org.owner })
    for (const url of ['https://1.1.1.1/1', 'https://1.1.1.1/2']) {
      expect(
        (
          await asClient(c, 'POST', base(c), {
            subscriberUrl: url,
            active: true,
            triggers: ['USER_CREATED'],
          })
        ).status,
      ).toBe(201)
    }
    const before = (await asClient(other, 'GET', base(other))).body.data.length
    const res = await asClient(c, 'DELETE', base(c))
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ status: 'success', data: '2 webhooks deleted' })
    expect((await asClient(c, 'GET', base(c))).body.data).toEqual([])
    expect((await asClient(other, 'GET', base(other))).body.data).toHaveLength(before)
  })

  it('offers organization-level webhooks to its API keys and operator-level ones to the operator', async () => {
    const orgUrl = `/v2/organizations/${org.id}/webhooks`
    const created = await asKey(org.admin, 'POST', orgUrl, {
      subscriberUrl: 'https://1.1.1.1/org',
      active: true,
      triggers: ['API_KEY_CREATED', 'USER_CREATED'],
    })
    expect(created.status).toBe(201)
    expect(created.body.data).toMatchObject({
      organizationId: org.id,
      triggers: ['API_KEY_CREATED', 'USER_CREATED'],
    })
    expect(created.body.data.oAuthClientId).toBeUndefined()
    const foreign = await t.createOrganizationWithKeys()
    expectError(await asKey(foreign.owner, 'GET', orgUrl), 403, 'ForbiddenException')
    expectError(
      await asKey(
        foreign.owner,
        'GET',
        `/v2/organizations/${foreign.id}/webhooks/${created.body.data.id}`,
      ),
      403,
      'ForbiddenException',
      'Webhook does not belong to this organization',
    )
    expectError(await t.request({ method: 'GET', url: orgUrl }), 401, 'UnauthorizedException')

    const operator = await t.request({
      method: 'POST',
      url: '/v2/admin/webhooks',
      headers: OPERATOR,
      payload: {
        subscriberUrl: 'https://1.1.1.1/operator',
        active: true,
        triggers: ['ORGANIZATION_CREATED', 'SIGNING_KEY_ROTATED'],
      },
    })
    expect(operator.status).toBe(201)
    expect(operator.body.data).toMatchObject({
      triggers: ['ORGANIZATION_CREATED', 'SIGNING_KEY_ROTATED'],
    })
    expect(operator.body.data.organizationId).toBeUndefined()
    expectError(await asKey(org.owner, 'GET', '/v2/admin/webhooks'), 401, 'UnauthorizedException')
    // an organization cannot subscribe to another's creation
    const refused = await asKey(org.owner, 'POST', orgUrl, {
      subscriberUrl: 'https://1.1.1.1/o2',
      active: true,
      triggers: ['ORGANIZATION_CREATED'],
    })
    expectFieldError(refused, 'triggers')
  })
})
