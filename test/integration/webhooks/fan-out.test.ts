import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { describeApp } from '../../helpers/fixture.js'
import { OPERATOR } from '../../helpers/http.js'
import { Receiver, type ReceivedRequest } from '../../helpers/receiver.js'
import { createWebhook, deliveryLog, LOOPBACK_ENV } from './support.js'

const operator = OPERATOR
const bodies = (requests: readonly ReceivedRequest[]) => requests.map((r) => JSON.parse(r.body))

/**
 * Which events reach which subscription, whichever path recorded them (the batched refresh
 * statement included); templates; test pings and redelivery.
 */
describeApp('webhooks: what reaches whom', { env: LOOPBACK_ENV }, (t) => {
  let receiver: Receiver
  const drain = () => t.tessera.events.worker.drain()
  /** Requests that arrived on one path of the receiver. */
  const on = (path: string) => receiver.requests.filter((r) => r.path === path)

  beforeAll(async () => {
    receiver = await Receiver.start()
  })
  afterAll(() => receiver?.close())
  afterEach(() => receiver.reset())

  it('creates the deliveries of refreshes in the batched rotation statement, in its transaction', async () => {
    const client = await t.createClient()
    const webhook = await createWebhook(t, client, {
      subscriberUrl: `${receiver.url}/refreshes`,
      triggers: ['TOKEN_REFRESHED'],
    })
    const users = await Promise.all(Array.from({ length: 6 }, () => t.createUser(client)))
    const refreshed = await Promise.all(users.map((u) => t.refresh(client, u.refreshToken)))
    expect(refreshed.map((r) => r.status)).toEqual(Array(6).fill(200))
    // before any worker ran, each refresh event has its delivery
    const { db } = t.tessera.ctx.database
    const events = await db
      .selectFrom('audit_events')
      .select('id')
      .where('client_id', '=', client.clientId)
      .where('type', '=', 'token.refreshed')
      .execute()
    const deliveries = await db
      .selectFrom('event_deliveries')
      .select(['event_id', 'status'])
      .where('endpoint_id', '=', webhook.id)
      .execute()
    expect(events).toHaveLength(6)
    expect(deliveries.map((d) => Number(d.event_id)).sort()).toEqual(
      events.map((e) => Number(e.id)).sort(),
    )
    expect(deliveries.every((d) => d.status === 'pending')).toBe(true)

    await drain()
    const received = bodies(await receiver.received(6))
    expect(received.map((b) => b.triggerEvent)).toEqual(Array(6).fill('TOKEN_REFRESHED'))
    expect(received.map((b) => b.payload.userId).sort()).toEqual(users.map((u) => u.user.id).sort())
    expect(received.every((b) => b.payload.data.generation === 1)).toBe(true)
  })

  it("sends a client's events to its own webhooks and to its organization's, never to a neighbour's", async () => {
    const org = await t.createOrganization()
    const mine = await t.createClient({ apiKey: org.apiKey })
    const neighbour = await t.createClient({ apiKey: org.apiKey })
    await createWebhook(t, mine, {
      subscriberUrl: `${receiver.url}/mine`,
      triggers: ['USER_CREATED'],
    })
    await createWebhook(t, neighbour, {
      subscriberUrl: `${receiver.url}/neighbour`,
      triggers: ['USER_CREATED'],
    })
    const orgHook = await t.request({
      method: 'POST',
      url: `/v2/organizations/${org.id}/webhooks`,
      headers: { authorization: `Bearer ${org.apiKey}` },
      payload: {
        subscriberUrl: `${receiver.url}/org`,
        active: true,
        triggers: ['USER_CREATED', 'API_KEY_CREATED'],
      },
    })
    expect(orgHook.status).toBe(201)
    const user = await t.createUser(mine)
    const key = await t.createApiKey(org.id, 'MEMBER')
    await drain()
    await receiver.received(3)
    expect(bodies(on('/mine')).map((b) => [b.triggerEvent, b.payload.userId])).toEqual([
      ['USER_CREATED', user.user.id],
    ])
    expect(on('/neighbour')).toEqual([])
    expect(
      bodies(on('/org'))
        .map((b) => b.triggerEvent)
        .sort(),
    ).toEqual(['API_KEY_CREATED', 'USER_CREATED'])
    expect(
      bodies(on('/org')).find((b) => b.triggerEvent === 'API_KEY_CREATED').payload.data,
    ).toMatchObject({ keyId: key.id })
  })

  it("sends the operator every organization's events, and a signing-key rotation to whoever asked for it", async () => {
    const client = await t.createClient()
    const opHook = await t.request({
      method: 'POST',
      url: '/v2/admin/webhooks',
      headers: operator,
      payload: {
        subscriberUrl: `${receiver.url}/operator`,
        active: true,
        triggers: ['ORGANIZATION_CREATED', 'SIGNING_KEY_ROTATED'],
      },
    })
    expect(opHook.status).toBe(201)
    try {
      await createWebhook(t, client, {
        subscriberUrl: `${receiver.url}/client`,
        triggers: ['SIGNING_KEY_ROTATED'],
      })
      const org = await t.createOrganization()
      const rotated = await t.request({
        method: 'POST',
        url: '/v2/admin/signing-keys/rotate',
        headers: operator,
      })
      expect(rotated.status).toBe(200)
      await drain()
      await receiver.received(3)
      const toOperator = bodies(on('/operator'))
      expect(toOperator.map((b) => b.triggerEvent).sort()).toEqual([
        'ORGANIZATION_CREATED',
        'SIGNING_KEY_ROTATED',
      ])
      expect(
        toOperator.find((b) => b.triggerEvent === 'ORGANIZATION_CREATED').payload.organizationId,
      ).toBe(org.id)
      expect(bodies(on('/client'))).toEqual([
        expect.objectContaining({
          triggerEvent: 'SIGNING_KEY_ROTATED',
          payload: expect.objectContaining({
            organizationId: null,
            data: expect.objectContaining({ kid: expect.any(String) }),
          }),
        }),
      ])
    } finally {
      await t.request({
        method: 'DELETE',
        url: `/v2/admin/webhooks/${opHook.body.data.id}`,
        headers: operator,
      })
    }
  })

  it('renders payloadTemplate: JSON templates as JSON (values keep their type), others form-encoded', async () => {
    const client = await t.createClient()
    await createWebhook(t, client, {
      subscriberUrl: `${receiver.url}/json`,
      triggers: ['USER_CREATED'],
      payloadTemplate:
        '{"text":"{{triggerEvent}} for user {{userId}}","user":"{{userId}}","data":"{{data}}","proto":"{{constructor}}"}',
    })
    await createWebhook(t, client, {
      subscriberUrl: `${receiver.url}/form`,
      triggers: ['USER_CREATED'],
      payloadTemplate: 'event={{triggerEvent}}&actor={{actor}}&at={{createdAt}}',
    })
    const user = await t.createUser(client)
    await drain()
    await receiver.received(2)
    const [json] = on('/json')
    expect(json!.headers['content-type']).toBe('application/json')
    expect(JSON.parse(json!.body)).toEqual({
      text: `USER_CREATED for user ${user.user.id}`,
      user: user.user.id,
      data: {},
      proto: null,
    })
    const [form] = on('/form')
    expect(form!.headers['content-type']).toBe('application/x-www-form-urlencoded')
    const fields = new URLSearchParams(form!.body)
    expect(fields.get('event')).toBe('USER_CREATED')
    expect(fields.get('actor')).toBe(`client:${client.clientId}`)
    expect(Date.parse(fields.get('at')!)).not.toBeNaN()
    expect([...fields.keys()]).toEqual(['event', 'actor', 'at'])
  })

  it('sends a test ping at once, to an inactive webhook too, and logs it; nothing else reaches an inactive one', async () => {
    const client = await t.createClient()
    const webhook = await createWebhook(t, client, {
      subscriberUrl: `${receiver.url}/ping`,
      triggers: ['USER_CREATED'],
      active: false,
    })
    await t.createUser(client)
    const ping = await t.request({
      method: 'POST',
      url: `/v2/oauth-clients/${client.clientId}/webhooks/${webhook.id}/ping`,
      headers: { 'x-cal-secret-key': client.clientSecret },
    })
    expect(ping.status).toBe(202)
    expect(ping.body.data).toMatchObject({
      kind: 'ping',
      triggerEvent: 'PING',
      status: 'pending',
      attempts: 0,
    })
    await drain()
    const [request] = await receiver.received(1)
    expect(JSON.parse(request!.body)).toEqual({
      triggerEvent: 'PING',
      createdAt: expect.any(String),
      payload: { webhookId: webhook.id, message: 'Test delivery from Tessera' },
    })
    expect(receiver.requests).toHaveLength(1)
    const log = await deliveryLog(t, client, webhook.id)
    expect(log).toEqual([
      expect.objectContaining({ id: ping.body.data.id, status: 'delivered', attempts: 1 }),
    ])
    expect(log[0]!.attemptLog[0]).toMatchObject({
      attempt: 1,
      succeeded: true,
      responseCode: 200,
      responseBody: 'ok',
    })
  })

  it('redelivers a delivered message on request, with the same webhook-id', async () => {
    const client = await t.createClient()
    const webhook = await createWebhook(t, client, {
      subscriberUrl: `${receiver.url}/again`,
      triggers: ['USER_CREATED'],
    })
    await t.createUser(client)
    await drain()
    const [first] = await receiver.received(1)
    const [delivery] = await deliveryLog(t, client, webhook.id)
    const url = `/v2/oauth-clients/${client.clientId}/webhooks/${webhook.id}/deliveries/${delivery!.id}`
    const again = await t.request({
      method: 'POST',
      url: `${url}/redeliver`,
      headers: { 'x-cal-secret-key': client.clientSecret },
    })
    expect(again.status).toBe(202)
    expect(again.body.data).toMatchObject({
      id: delivery!.id,
      status: 'pending',
      outcome: 'redelivery',
    })
    await drain()
    const [, second] = await receiver.received(2)
    expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id'])
    expect(second!.body).toBe(first!.body)
    const one = await t.request({
      method: 'GET',
      url,
      headers: { 'x-cal-secret-key': client.clientSecret },
    })
    expect(one.body.data).toMatchObject({ status: 'delivered', attempts: 2 })
    expect(one.body.data.attemptLog.map((a: { attempt: number }) => a.attempt)).toEqual([1, 2])
    const missing = await t.request({
      method: 'POST',
      url: `/v2/oauth-clients/${client.clientId}/webhooks/${webhook.id}/deliveries/${crypto.randomUUID()}/redeliver`,
      headers: { 'x-cal-secret-key': client.clientSecret },
    })
    expect(missing.status).toBe(404)
  })
})
