import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { claimDue } from '../../../src/domain/events/delivery.repository.js'
import { describeApp } from '../../helpers/fixture.js'
import { Receiver } from '../../helpers/receiver.js'
import { createWebhook, deliveryLog, LOOPBACK_ENV } from './support.js'

const SECOND = 1_000
const MINUTE = 60 * SECOND

/**
 * What happens after an attempt, on the default Standard Webhooks schedule, with a clock the
 * tests move instead of waiting: retries with one webhook-id, Retry-After, 410, leases.
 */
describeApp('webhooks: retries and leases', { clock: true, env: LOOPBACK_ENV }, (t) => {
  let receiver: Receiver
  const drain = () => t.tessera.events.worker.drain()
  const webhookGet = (client: { clientId: string; clientSecret: string }, id: string) =>
    t.request({
      method: 'GET',
      url: `/v2/oauth-clients/${client.clientId}/webhooks/${id}`,
      headers: { 'x-cal-secret-key': client.clientSecret },
    })

  beforeAll(async () => {
    receiver = await Receiver.start()
  })
  afterAll(() => receiver?.close())
  afterEach(() => receiver.reset())

  it('retries a receiver that fails twice: three requests, one webhook-id, then delivered', async () => {
    const client = await t.createClient()
    const webhook = await createWebhook(t, client, {
      subscriberUrl: receiver.url,
      triggers: ['USER_CREATED'],
    })
    receiver.answer({ status: 500, body: 'boom' }, { status: 502 }, { status: 204 })
    await t.createUser(client)
    await drain()
    expect(receiver.requests).toHaveLength(1)
    let [delivery] = await deliveryLog(t, client, webhook.id)
    expect(delivery).toMatchObject({ status: 'pending', outcome: 'retrying', attempts: 1 })
    // the first retry is due 5 s (±20%) after the failure: not before 4 s, by 6 s
    const retryIn = Date.parse(delivery!.nextAttemptAt!) - t.clock()
    expect(retryIn).toBeGreaterThanOrEqual(4 * SECOND)
    expect(retryIn).toBeLessThanOrEqual(6 * SECOND)
    t.clock.advance(retryIn - 1)
    await drain()
    expect(receiver.requests).toHaveLength(1)
    t.clock.advance(1)
    await drain()
    expect(receiver.requests).toHaveLength(2)
    ;[delivery] = await deliveryLog(t, client, webhook.id)
    // then 5 min (±20%)
    t.clock.advance(6 * MINUTE)
    await drain()
    const requests = await receiver.received(3)
    expect(new Set(requests.map((r) => r.headers['webhook-id'])).size).toBe(1)
    expect(new Set(requests.map((r) => r.body)).size).toBe(1)
    expect(new Set(requests.map((r) => r.headers['webhook-timestamp'])).size).toBe(3)

    ;[delivery] = await deliveryLog(t, client, webhook.id)
    expect(delivery).toMatchObject({
      status: 'delivered',
      outcome: 'delivered',
      attempts: 3,
      nextAttemptAt: null,
      messageId: requests[0]!.headers['webhook-id'],
      triggerEvent: 'USER_CREATED',
    })
    expect(delivery!.attemptLog.map((a) => [a.attempt, a.succeeded, a.responseCode])).toEqual([
      [1, false, 500],
      [2, false, 502],
      [3, true, 204],
    ])
    expect(delivery!.attemptLog[0]!.responseBody).toBe('boom')
  })

  it('honours Retry-After on 429 and 503, exactly (no jitter), in seconds or as a date', async () => {
    const client = await t.createClient()
    const webhook = await createWebhook(t, client, {
      subscriberUrl: receiver.url,
      triggers: ['USER_CREATED'],
    })
    receiver.answer(
      { status: 429, headers: { 'retry-after': '120' } },
      { status: 503, headers: { 'retry-after': new Date(t.clock() + 10 * MINUTE).toUTCString() } },
      { status: 200 },
    )
    await t.createUser(client)
    await drain()
    let [delivery] = await deliveryLog(t, client, webhook.id)
    expect(Date.parse(delivery!.nextAttemptAt!) - t.clock()).toBe(120 * SECOND)
    t.clock.advance(119 * SECOND)
    await drain()
    expect(receiver.requests).toHaveLength(1)
    t.clock.advance(SECOND)
    await drain()
    expect(receiver.requests).toHaveLength(2)
    ;[delivery] = await deliveryLog(t, client, webhook.id)
    // the date named 10 minutes after the first attempt; 2 minutes have passed since
    const wait = Date.parse(delivery!.nextAttemptAt!) - t.clock()
    expect(wait).toBeGreaterThan(7 * MINUTE)
    expect(wait).toBeLessThanOrEqual(8 * MINUTE)
    t.clock.advance(wait)
    await drain()
    expect(receiver.requests).toHaveLength(3)
    ;[delivery] = await deliveryLog(t, client, webhook.id)
    expect(delivery!.status).toBe('delivered')
  })

  it('disables the endpoint on 410 Gone, says so in the audit log, and sends it nothing more', async () => {
    const client = await t.createClient()
    const webhook = await createWebhook(t, client, {
      subscriberUrl: receiver.url,
      triggers: ['USER_CREATED', 'USER_DELETED'],
    })
    receiver.answer({ status: 410 })
    const user = await t.createUser(client)
    await drain()
    expect(receiver.requests).toHaveLength(1)
    const read = await webhookGet(client, webhook.id)
    expect(read.body.data).toMatchObject({
      active: false,
      disabledReason: 'the receiver answered 410 Gone',
    })
    const [delivery] = await deliveryLog(t, client, webhook.id)
    expect(delivery).toMatchObject({ status: 'failed', outcome: 'gone' })

    const events = await t.request({
      method: 'GET',
      url: `/v2/oauth-clients/${client.clientId}/events?types=webhook.disabled`,
      headers: { 'x-cal-secret-key': client.clientSecret },
    })
    expect(events.body.data.events).toEqual([
      expect.objectContaining({
        type: 'webhook.disabled',
        actor: 'system',
        clientId: client.clientId,
        data: {
          webhookId: webhook.id,
          reason: 'gone',
          lastResponseCode: 410,
          endedDeliveries: 0,
        },
      }),
    ])

    await t.request({
      method: 'DELETE',
      url: `/v2/oauth-clients/${client.clientId}/users/${user.user.id}`,
      headers: { 'x-cal-secret-key': client.clientSecret },
    })
    await drain()
    expect(receiver.requests).toHaveLength(1)
    expect(await deliveryLog(t, client, webhook.id)).toHaveLength(1)
  })

  it('fails a delivery after the whole schedule (10 attempts, about 3 days) and disables an endpoint that never succeeded', async () => {
    const client = await t.createClient()
    const webhook = await createWebhook(t, client, {
      subscriberUrl: receiver.url,
      triggers: ['USER_CREATED'],
    })
    receiver.answer({ status: 500 })
    const start = t.clock()
    await t.createUser(client)
    await drain()
    for (let attempt = 2; attempt <= 10; attempt++) {
      const [pending] = await deliveryLog(t, client, webhook.id)
      expect(pending).toMatchObject({ status: 'pending', attempts: attempt - 1 })
      t.clock.set(Date.parse(pending!.nextAttemptAt!))
      await drain()
    }
    expect(receiver.requests).toHaveLength(10)
    const elapsedHours = (t.clock() - start) / 3_600_000
    expect(elapsedHours).toBeGreaterThan(0.8 * 76)
    expect(elapsedHours).toBeLessThan(1.2 * 76)
    const [delivery] = await deliveryLog(t, client, webhook.id)
    expect(delivery).toMatchObject({
      status: 'failed',
      outcome: 'exhausted',
      attempts: 10,
      nextAttemptAt: null,
    })
    const read = await webhookGet(client, webhook.id)
    expect(read.body.data).toMatchObject({
      active: false,
      disabledReason: 'every attempt failed for the whole retry schedule',
    })
    const events = await t.request({
      method: 'GET',
      url: `/v2/oauth-clients/${client.clientId}/events?types=webhook.disabled`,
      headers: { 'x-cal-secret-key': client.clientSecret },
    })
    expect(events.body.data.events[0].data).toMatchObject({
      webhookId: webhook.id,
      reason: 'failing',
      lastResponseCode: 500,
    })
  })

  it('keeps an endpoint on when a delivery exhausts its schedule but others succeeded meanwhile', async () => {
    const client = await t.createClient()
    const webhook = await createWebhook(t, client, {
      subscriberUrl: receiver.url,
      triggers: ['USER_CREATED'],
    })
    const poisoned = await t.createUser(client)
    // this receiver refuses one user's message forever and takes every other one
    receiver.answer((request) =>
      JSON.parse(request.body).payload.userId === poisoned.user.id
        ? { status: 500 }
        : { status: 200 },
    )
    await drain()
    await t.createUser(client)
    await drain()
    for (;;) {
      const pending = (await deliveryLog(t, client, webhook.id)).find((d) => d.status === 'pending')
      if (!pending) break
      t.clock.set(Date.parse(pending.nextAttemptAt!))
      await drain()
    }
    const log = await deliveryLog(t, client, webhook.id)
    expect(log.map((d) => [d.status, d.outcome, d.attempts]).sort()).toEqual([
      ['delivered', 'delivered', 1],
      ['failed', 'exhausted', 10],
    ])
    expect((await webhookGet(client, webhook.id)).body.data).toMatchObject({
      active: true,
      disabledReason: null,
    })
  })

  it('lets another worker take over a delivery whose lease ran out (its process died mid-attempt)', async () => {
    const client = await t.createClient()
    const webhook = await createWebhook(t, client, {
      subscriberUrl: receiver.url,
      triggers: ['USER_CREATED'],
    })
    await t.createUser(client)
    // a process claims the delivery and dies before recording anything
    const dead = await claimDue(
      t.tessera.ctx.database.db,
      crypto.randomUUID(),
      t.clock(),
      t.clock() + 45 * SECOND,
      10,
    )
    expect(dead.map((d) => d.endpointId)).toEqual([webhook.id])
    await drain()
    expect(receiver.requests).toHaveLength(0)
    t.clock.advance(45 * SECOND)
    await drain()
    const [request] = await receiver.received(1)
    expect(request!.headers['webhook-id']).toBe(`msg_${dead[0]!.id.replace(/-/g, '')}`)
    const [delivery] = await deliveryLog(t, client, webhook.id)
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 1 })
  })

  it('gives each attempt to one of two workers sharing the database', async () => {
    const client = await t.createClient()
    await createWebhook(t, client, { subscriberUrl: receiver.url, triggers: ['USER_CREATED'] })
    for (let i = 0; i < 40; i++) await t.createUser(client)
    const other = t.tessera.events.worker.sibling()
    await Promise.all([drain(), other.drain(), drain(), other.drain()])
    await receiver.received(40)
    const ids = receiver.requests.map((r) => r.headers['webhook-id'])
    expect(ids).toHaveLength(40)
    expect(new Set(ids).size).toBe(40)
  })
})
