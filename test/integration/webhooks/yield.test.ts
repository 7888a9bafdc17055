import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest'
import { describeApp } from '../../helpers/fixture.js'
import { Receiver } from '../../helpers/receiver.js'
import { createWebhook, deliveryLog, LOOPBACK_ENV } from './support.js'

/**
 * Deliveries yield to requests (docs/webhooks.md): while the process is saturated, a worker takes
 * new deliveries only when its poll timer looks, one batch of its free slots at a time, instead
 * of refilling as attempts finish. The load sensor is the test's, so "saturated" is a fact of the
 * test rather than of the machine running it.
 */
describeApp('webhooks: delivery yields to a saturated process', { env: LOOPBACK_ENV }, (t) => {
  let receiver: Receiver
  beforeAll(async () => {
    receiver = await Receiver.start()
  })
  afterAll(() => receiver?.close())
  afterEach(() => receiver.reset())

  /** Twelve due deliveries on one webhook, made through the API. */
  async function twelveDue() {
    const client = await t.createClient()
    const webhook = await createWebhook(t, client, {
      subscriberUrl: receiver.url,
      triggers: ['USER_CREATED'],
    })
    for (let i = 0; i < 12; i++) await t.createUser(client)
    const delivered = async () =>
      (await deliveryLog(t, client, webhook.id)).filter((d) => d.status === 'delivered').length
    return { delivered }
  }

  it('while saturated, one look starts one batch, and finished attempts take no more', async () => {
    const { delivered } = await twelveDue()
    const worker = t.tessera.events.worker.sibling({ concurrency: 4, load: { busy: () => true } })
    worker.kick()
    await receiver.received(4)
    // the four outcomes are stored, so their attempts have ended: a refill would have started
    await vi.waitFor(async () => expect(await delivered()).toBe(4))
    await worker.stop()
    expect(receiver.requests).toHaveLength(4)
    expect(worker.yielding).toBe(true)
    // held back, not lost: the next looks deliver the rest
    await t.tessera.events.worker.drain()
    expect(await delivered()).toBe(12)
    expect(receiver.requests).toHaveLength(12)
  })

  it('at ease, one look delivers everything due, refilling as attempts finish', async () => {
    const { delivered } = await twelveDue()
    const worker = t.tessera.events.worker.sibling({ concurrency: 4, load: { busy: () => false } })
    worker.kick()
    await receiver.received(12)
    await vi.waitFor(async () => expect(await delivered()).toBe(12))
    await worker.stop()
    expect(receiver.requests).toHaveLength(12)
    expect(worker.yielding).toBe(false)
  })
})
