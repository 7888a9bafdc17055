import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OPERATOR_KEY } from '../helpers/http.js'
import { Receiver } from '../helpers/receiver.js'
import { seriousViolations, signIn, useConsole } from '../helpers/browser/console-app.js'

describe('console: webhooks, signing keys, instance audit, health (browser)', () => {
  // the receiver listens on loopback, which deliveries refuse unless the operator allows it
  const c = useConsole({ env: { TESSERA_WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' } })
  let receiver: Receiver
  beforeAll(async () => {
    receiver = await Receiver.start()
  })
  afterAll(() => receiver?.close())

  it('an OWNER adds an endpoint (secret once), pings it, reads the log, redelivers, pauses and deletes it', async () => {
    const org = await c.t.createOrganization('Hooks Org')
    const page = await c.page()
    await signIn(page, c.origin(), org.apiKey)
    await page.getByRole('link', { name: 'Webhooks' }).click()
    await page.getByText('No endpoints yet.').waitFor()
    await page.getByText('Add an endpoint').click()
    await page.getByLabel('Endpoint URL').fill(`${receiver.url}/hook`)
    await page.getByLabel('USER_CREATED').check()
    expect(await seriousViolations(page)).toEqual([])
    await page.getByRole('button', { name: 'Add endpoint' }).click()
    const secret = await page.getByRole('textbox', { name: 'Signing secret' }).inputValue()
    expect(secret).toMatch(/^whsec_/)
    await page.getByRole('link', { name: `${receiver.url}/hook` }).click()
    await page.getByTestId('webhook-state').filter({ hasText: 'active' }).waitFor()
    expect(await page.content()).not.toContain(secret)

    await page.getByRole('button', { name: 'Send test ping' }).click()
    await page.getByText('Test ping queued').waitFor()
    await page.getByRole('cell', { name: /^pending/ }).waitFor()
    await c.t.tessera.events.worker.drain()
    expect(receiver.requests.map((r) => r.path)).toEqual(['/hook'])
    await page.getByRole('button', { name: 'Refresh log' }).click()
    await page.getByRole('cell', { name: /^delivered/ }).waitFor()
    await page.getByRole('cell', { name: /^HTTP 200 in \d+ ms$/ }).waitFor()
    expect(await seriousViolations(page)).toEqual([])

    const redelivered = page.waitForResponse((r) => r.url().endsWith('/redeliver'))
    await page.getByRole('button', { name: 'Redeliver' }).click()
    expect((await redelivered).status()).toBe(202)
    await c.t.tessera.events.worker.drain()
    expect(receiver.requests).toHaveLength(2)
    expect(receiver.requests[1]!.headers['webhook-id']).toBe(
      receiver.requests[0]!.headers['webhook-id'],
    )

    await page.getByRole('button', { name: 'Pause' }).click()
    await page.getByTestId('webhook-state').filter({ hasText: 'paused' }).waitFor()
    await page.getByRole('button', { name: 'Delete endpoint' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Delete endpoint' }).click()
    await page.getByText('No endpoints yet.').waitFor()
  })

  it('the operator rotates the signing key, reads and verifies the instance audit, and sees health', async () => {
    const page = await c.page()
    await signIn(page, c.origin(), OPERATOR_KEY)
    await page.getByRole('link', { name: 'Signing keys' }).click()
    await page.getByRole('cell', { name: 'active (signs new tokens)' }).waitFor()
    const before = await page.locator('tbody tr').count()
    expect(await seriousViolations(page)).toEqual([])
    await page.getByRole('button', { name: 'Rotate signing key' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Rotate' }).click()
    await page.getByText(/New signing key .+ is active/).waitFor()
    await expect.poll(() => page.locator('tbody tr').count()).toBe(before + 1)
    expect(await page.getByRole('cell', { name: 'active (signs new tokens)' }).count()).toBe(1)
    await page
      .getByRole('cell', { name: 'retired (verifies the tokens it signed)' })
      .first()
      .waitFor()

    await page.getByRole('link', { name: 'Audit log' }).click()
    await page.getByRole('cell', { name: 'signing_key.rotated', exact: true }).first().waitFor()
    await page.getByLabel('Event types').fill('organization.created')
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await expect.poll(() => page.getByRole('cell', { name: 'signing_key.rotated' }).count()).toBe(0)
    await page.getByRole('cell', { name: 'organization.created' }).first().waitFor()
    await page.getByRole('button', { name: 'Verify chain' }).click()
    await page
      .getByTestId('chain-status')
      .filter({ hasText: /Verified: \d+ links in \d+ chains?, intact/ })
      .waitFor()
    expect(await seriousViolations(page)).toEqual([])

    await page.getByRole('link', { name: 'Webhooks' }).click()
    await page.getByText('No endpoints yet.').waitFor()
    expect(await seriousViolations(page)).toEqual([])

    const { client, user } = await c.t.createClientWithUser()
    expect((await c.t.refresh(client, user.refreshToken)).status).toBe(200)
    await page.getByRole('link', { name: 'Health' }).click()
    const counters = page.getByTestId('counters')
    await counters.getByText('Rate-limit refusals').waitFor()
    expect(await counters.locator('dt:text-is("Refreshes") + dd').textContent()).toBe('1')
    expect(await counters.locator('dt:text-is("Rotated") + dd').textContent()).toBe('1')
    expect(await counters.locator('dt:text-is("Replays detected") + dd').textContent()).toBe('0')
    await page.getByRole('heading', { name: 'Readiness' }).waitFor()
    expect(await seriousViolations(page)).toEqual([])
  })
})
