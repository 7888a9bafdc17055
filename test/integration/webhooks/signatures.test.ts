import { createHmac, timingSafeEqual } from 'node:crypto'
import { Webhook, WebhookVerificationError } from 'standardwebhooks'
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest'
import { describeApp } from '../../helpers/fixture.js'
import { Receiver, type ReceivedRequest } from '../../helpers/receiver.js'
import { createWebhook, forceRefresh, LOOPBACK_ENV } from './support.js'

/** What a Cal.com receiver does: hex HMAC-SHA256 of the raw body with the secret string. */
function calcomSignatureValid(secret: string, request: ReceivedRequest): boolean {
  const expected = Buffer.from(createHmac('sha256', secret).update(request.body).digest('hex'))
  const given = Buffer.from(String(request.headers['x-cal-signature-256']))
  return given.length === expected.length && timingSafeEqual(given, expected)
}

const headersOf = (r: ReceivedRequest) => r.headers as Record<string, string>

describeApp('webhooks: both signatures on every delivery', { env: LOOPBACK_ENV }, (t) => {
  let receiver: Receiver

  beforeAll(async () => {
    receiver = await Receiver.start()
  })
  afterAll(() => receiver?.close())
  afterEach(() => {
    vi.useRealTimers()
    receiver.reset()
  })

  it('is accepted by the standardwebhooks verifier and by a hex HMAC check, with the generated secret', async () => {
    const client = await t.createClient()
    const webhook = await createWebhook(t, client, {
      subscriberUrl: `${receiver.url}/hooks/tessera`,
      triggers: ['USER_CREATED', 'TOKEN_FORCE_REFRESHED'],
    })
    expect(webhook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    const user = await t.createUser(client)
    expect((await forceRefresh(t, client, user.user.id)).status).toBe(200)
    await t.tessera.events.worker.drain()

    const [created, forced] = await receiver.received(2)
    const verifier = new Webhook(webhook.secret)
    for (const request of [created!, forced!]) {
      expect(request.method).toBe('POST')
      expect(request.path).toBe('/hooks/tessera')
      expect(request.headers['content-type']).toBe('application/json')
      expect(request.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/)
      expect(verifier.verify(request.body, headersOf(request))).toEqual(JSON.parse(request.body))
      expect(calcomSignatureValid(webhook.secret, request)).toBe(true)
    }
    // Cal.com's body: {triggerEvent, createdAt, payload}, the payload being the audit event
    expect(JSON.parse(created!.body)).toEqual({
      triggerEvent: 'USER_CREATED',
      createdAt: expect.any(String),
      payload: {
        id: expect.any(Number),
        organizationId: expect.any(Number),
        occurredAt: JSON.parse(created!.body).createdAt,
        type: 'user.created',
        actor: `client:${client.clientId}`,
        clientId: client.clientId,
        userId: user.user.id,
        familyId: null,
        data: {},
      },
    })
    expect(JSON.parse(forced!.body)).toMatchObject({
      triggerEvent: 'TOKEN_FORCE_REFRESHED',
      payload: {
        type: 'token.force_refreshed',
        userId: user.user.id,
        data: { revokedFamilies: [expect.any(String)] },
      },
    })
    // the same event as the audit API shows it
    const audit = await t.request({
      method: 'GET',
      url: `/v2/oauth-clients/${client.clientId}/events?types=user.created`,
      headers: { 'x-cal-secret-key': client.clientSecret },
    })
    const auditEvent = { ...audit.body.data.events[0] }
    for (const field of ['sealed', 'chainSeq', 'hash']) delete auditEvent[field]
    expect(JSON.parse(created!.body).payload).toEqual(auditEvent)
  })

  it('is refused by both checks when the body is tampered with, and by the verifier when replayed later', async () => {
    const client = await t.createClient()
    const webhook = await createWebhook(t, client, {
      subscriberUrl: receiver.url,
      triggers: ['USER_CREATED'],
    })
    await t.createUser(client)
    await t.tessera.events.worker.drain()
    const [request] = await receiver.received(1)
    const verifier = new Webhook(webhook.secret)
    const tampered = { ...request!, body: request!.body.replace('USER_CREATED', 'USER_DELETED') }
    expect(tampered.body).not.toBe(request!.body)
    expect(() => verifier.verify(tampered.body, headersOf(tampered))).toThrow(
      WebhookVerificationError,
    )
    expect(calcomSignatureValid(webhook.secret, tampered)).toBe(false)
    // a captured delivery replayed six minutes later is outside the 5-minute tolerance
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(Date.now() + 6 * 60_000)
    expect(() => verifier.verify(request!.body, headersOf(request!))).toThrow(
      'Message timestamp too old',
    )
    vi.useRealTimers()
    expect(verifier.verify(request!.body, headersOf(request!))).toMatchObject({
      triggerEvent: 'USER_CREATED',
    })
  })

  it('signs with a secret the caller chose, raw for Standard Webhooks and as a string for Cal.com', async () => {
    const client = await t.createClient()
    const secret = 'my-old-calcom-secret'
    const webhook = await createWebhook(t, client, {
      subscriberUrl: receiver.url,
      triggers: ['user.created'],
      secret,
    })
    expect(webhook.secret).toBe(secret)
    expect(webhook.triggers).toEqual(['USER_CREATED'])
    await t.createUser(client)
    await t.tessera.events.worker.drain()
    const [request] = await receiver.received(1)
    expect(calcomSignatureValid(secret, request!)).toBe(true)
    const raw = new Webhook(secret, { format: 'raw' })
    expect(raw.verify(request!.body, headersOf(request!))).toMatchObject({
      triggerEvent: 'USER_CREATED',
    })
    const asBase64 = new Webhook(Buffer.from(secret).toString('base64'))
    expect(asBase64.verify(request!.body, headersOf(request!))).toMatchObject({
      triggerEvent: 'USER_CREATED',
    })
  })

  it('carries a signature by each secret while a rotated one is in its grace period', async () => {
    const client = await t.createClient()
    const webhook = await createWebhook(t, client, {
      subscriberUrl: receiver.url,
      triggers: ['USER_CREATED'],
    })
    const rotated = await t.request({
      method: 'POST',
      url: `/v2/oauth-clients/${client.clientId}/webhooks/${webhook.id}/secret`,
      headers: { 'x-cal-secret-key': client.clientSecret },
    })
    expect(rotated.status).toBe(200)
    const newSecret = rotated.body.data.secret as string
    expect(newSecret).toMatch(/^whsec_/)
    expect(newSecret).not.toBe(webhook.secret)
    expect(Date.parse(rotated.body.data.previousSecretExpiresAt)).toBeGreaterThan(
      Date.now() + 23 * 3_600_000,
    )

    await t.createUser(client)
    await t.tessera.events.worker.drain()
    const [request] = await receiver.received(1)
    expect(String(request!.headers['webhook-signature']).split(' ')).toHaveLength(2)
    for (const secret of [newSecret, webhook.secret]) {
      expect(new Webhook(secret).verify(request!.body, headersOf(request!))).toMatchObject({
        triggerEvent: 'USER_CREATED',
      })
    }
    // Cal.com receivers hold one secret: the header follows the new one
    expect(calcomSignatureValid(newSecret, request!)).toBe(true)
    expect(calcomSignatureValid(webhook.secret, request!)).toBe(false)

    // the secret is never shown again
    const read = await t.request({
      method: 'GET',
      url: `/v2/oauth-clients/${client.clientId}/webhooks/${webhook.id}`,
      headers: { 'x-cal-secret-key': client.clientSecret },
    })
    expect(read.text).not.toContain(newSecret)
    expect(read.body.data.secret).toBeUndefined()
  })

  it('stores the secret encrypted, never in the clear', async () => {
    const client = await t.createClient()
    const webhook = await createWebhook(t, client, {
      subscriberUrl: receiver.url,
      triggers: ['USER_CREATED'],
    })
    const row = await t.tessera.ctx.database.db
      .selectFrom('event_endpoints')
      .select(['secret'])
      .where('id', '=', webhook.id)
      .executeTakeFirstOrThrow()
    const stored = Buffer.from(row.secret!)
    expect(stored.includes(Buffer.from(webhook.secret))).toBe(false)
    expect(stored.includes(Buffer.from(webhook.secret.slice(6), 'base64'))).toBe(false)
  })
})
