import { describe, expect, it } from 'vitest'
import { OPERATOR_KEY } from '../helpers/http.js'
import { seriousViolations, signIn, useConsole } from '../helpers/browser/console-app.js'

/** Elements that stick out of the viewport, outside a horizontally scrolling box. */
const WIDER_THAN_VIEWPORT = `[...document.querySelectorAll('body *')]
  .filter((e) => !e.parentElement.closest('.table-wrap') && e.getBoundingClientRect().right > innerWidth + 1)
  .map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))`

describe('console: the operator-to-audit journey (browser)', () => {
  const c = useConsole()

  it('operator → organization → OWNER key (copied) → client → user → force refresh → revoked session → each in the audit log', async () => {
    const page = await c.page()
    await page.goto(`${c.origin()}/console/`)
    expect(await seriousViolations(page)).toEqual([])
    await signIn(page, c.origin(), OPERATOR_KEY)
    await expect.poll(() => page.getByTestId('identity').textContent()).toContain('Operator')
    expect(await page.evaluate('Object.keys(sessionStorage)')).toEqual(['tessera.console.key'])
    expect(await page.evaluate('document.cookie')).toBe('')

    await page.getByRole('heading', { name: 'All organizations' }).waitFor()
    await page.getByText('No organizations yet').waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await page.getByLabel('Organization name').fill('Acme Platform')
    await page.getByRole('button', { name: 'Create organization' }).click()
    const keyField = page.getByRole('textbox', { name: 'OWNER API key' })
    await keyField.waitFor()
    const ownerKey = await keyField.inputValue()
    expect(ownerKey).toMatch(/^tsr_ak_/)
    await page.getByRole('button', { name: 'Copy owner api key' }).click()
    await page.getByText('Copied').waitFor()
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(ownerKey)
    await page.getByRole('cell', { name: 'Acme Platform' }).waitFor()
    expect(await seriousViolations(page)).toEqual([])

    // the key is not shown again: leaving the screen and coming back lists the organization only
    await page.getByRole('link', { name: 'Acme Platform' }).click()
    await page.getByRole('heading', { name: 'Acme Platform: API keys' }).waitFor()
    await page.getByRole('cell', { name: 'OWNER', exact: true }).waitFor()
    await page.getByRole('link', { name: 'Organizations' }).first().click()
    await page.getByRole('cell', { name: 'Acme Platform' }).waitFor()
    expect(await page.locator('input[readonly]').count()).toBe(0)

    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.getByText('Signed out: the key is forgotten.').waitFor()
    expect(await page.evaluate('sessionStorage.length')).toBe(0)

    await page.getByLabel('Key').fill(ownerKey)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByTestId('role').filter({ hasText: 'OWNER' }).waitFor()
    await expect.poll(() => page.getByTestId('identity').textContent()).toContain('Acme Platform')
    await page.getByRole('heading', { name: 'OAuth clients' }).waitFor()
    await page.getByText('No OAuth clients yet').waitFor()
    expect(new URL(page.url()).pathname).toBe('/console/clients')
    expect(await seriousViolations(page)).toEqual([])

    // a client, its secret shown once
    await page.getByRole('link', { name: 'New client' }).click()
    await page.getByLabel('Client name').fill('Booking widget')
    await page
      .getByLabel('Redirect URIs')
      .fill('https://app.example.com\nhttps://staging.example.com')
    await page.getByLabel('Profile: read').check()
    await page.getByLabel('Bookings: write').check()
    expect(await seriousViolations(page)).toEqual([])
    await page.getByRole('button', { name: 'Create client' }).click()
    const secret = await page.getByRole('textbox', { name: 'Client secret' }).inputValue()
    expect(secret.length).toBeGreaterThan(20)
    await page.getByRole('link', { name: 'Open the client' }).click()
    await page.getByRole('heading', { name: 'Booking widget' }).waitFor()
    await page.getByText('PROFILE_READ').waitFor()
    expect(await page.content()).not.toContain(secret)
    const clientId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!)
    const stored = await c.t.request({
      method: 'GET',
      url: `/v2/oauth-clients/${clientId}`,
      headers: { authorization: `Bearer ${ownerKey}` },
    })
    expect(stored.body.data).toMatchObject({
      name: 'Booking widget',
      redirectUris: ['https://app.example.com', 'https://staging.example.com'],
      permissions: ['BOOKING_WRITE', 'PROFILE_READ'],
    })
    expect(await seriousViolations(page)).toEqual([])

    // a managed user, force-refreshed, then its new session revoked
    await page.getByRole('link', { name: 'Managed users' }).click()
    await page.getByText('No managed users yet').waitFor()
    await page.getByText('Create a managed user').click()
    await page.getByLabel('Email', { exact: true }).fill('ada@example.com')
    await page.getByLabel('Name', { exact: true }).fill('Ada Lovelace')
    await page.getByRole('button', { name: 'Create user' }).click()
    await page.getByRole('heading', { name: 'Ada Lovelace' }).waitFor()
    await page.locator('dl.facts').getByText(`ada+${clientId}@example.com`).waitFor()
    const userId = Number(new URL(page.url()).pathname.split('/').pop())
    await page.getByRole('cell', { name: 'active', exact: true }).waitFor()
    expect(await seriousViolations(page)).toEqual([])

    await page.getByRole('button', { name: 'Force refresh' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Force refresh' }).click()
    await page.getByText('Force-refreshed: every earlier session is revoked').waitFor()
    await expect.poll(() => page.getByRole('cell', { name: 'active', exact: true }).count()).toBe(1)
    await expect.poll(() => page.getByRole('cell', { name: /^revoked/ }).count()).toBe(1)

    await page.getByRole('button', { name: 'Revoke', exact: true }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke session' }).click()
    await expect.poll(() => page.getByRole('cell', { name: /^revoked/ }).count()).toBe(2)
    const sessions = await c.t.request({
      method: 'GET',
      url: `/v2/oauth-clients/${clientId}/users/${userId}/sessions`,
      headers: { authorization: `Bearer ${ownerKey}` },
    })
    expect(sessions.body.data.map((s: { revoked: boolean }) => s.revoked)).toEqual([true, true])

    // each action is in the audit log of the client
    await page.getByRole('link', { name: 'Audit log' }).first().click()
    await page.getByRole('heading', { name: 'Audit log' }).waitFor()
    await page.getByLabel('Client', { exact: true }).selectOption(clientId)
    await page.getByRole('button', { name: 'Apply filters' }).click()
    for (const type of ['user.created', 'token.force_refreshed', 'token.revoked']) {
      await page.getByRole('cell', { name: type, exact: true }).first().waitFor()
    }
    await page.getByLabel('Event types').fill('token.force_refreshed')
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await expect.poll(() => page.getByRole('cell', { name: 'user.created' }).count()).toBe(0)
    await page.getByRole('cell', { name: 'token.force_refreshed' }).waitFor()
    await page.getByRole('button', { name: 'Verify chain' }).click()
    await page
      .getByTestId('chain-status')
      .filter({ hasText: /Verified: \d+ links in 1 chain, intact/ })
      .waitFor()
    expect(await seriousViolations(page)).toEqual([])

    // usable at 390 px: no screen is wider than the phone (tables scroll inside their box)
    await page.setViewportSize({ width: 390, height: 844 })
    for (const path of [
      '/clients',
      `/clients/${clientId}`,
      `/clients/${clientId}/users`,
      `/clients/${clientId}/users/${userId}`,
      `/audit?client=${clientId}`,
      '/webhooks',
    ]) {
      await page.goto(`${c.origin()}/console${path}`)
      await page.getByRole('heading', { level: 1 }).waitFor()
      expect(await page.evaluate(WIDER_THAN_VIEWPORT), path).toEqual([])
      expect(await page.evaluate('document.documentElement.scrollWidth'), path).toBe(390)
    }
  })

  it('refuses a wrong key with the API message and keeps nothing', async () => {
    const page = await c.page()
    await page.goto(`${c.origin()}/console/`)
    await page.getByLabel('Key').fill('not-the-operator-key')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('alert').filter({ hasText: 'Invalid operator key (401' }).waitFor()
    expect(await page.evaluate('sessionStorage.length')).toBe(0)
  })

  it('works from the keyboard: sign in with Tab and Enter, reach controls, cancel a confirmation with Escape', async () => {
    const org = await c.t.createOrganizationWithKeys()
    await c.t.createClient({ apiKey: org.owner, name: 'Keyboard client' })
    const page = await c.page()
    await page.goto(`${c.origin()}/console/`)
    await page.keyboard.press('Tab')
    expect(await page.evaluate('document.activeElement.getAttribute("name")')).toBe('key')
    await page.keyboard.type(org.owner)
    await page.keyboard.press('Enter')
    await page.getByRole('link', { name: 'Keyboard client' }).waitFor()
    // the skip link comes first, then the navigation
    await page.keyboard.press('Tab')
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Skip to content')
    await page.getByRole('link', { name: 'Keyboard client' }).focus()
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: 'Keyboard client' }).waitFor()
    await page.getByRole('button', { name: 'Delete client' }).focus()
    await page.keyboard.press('Enter')
    const dialog = page.getByRole('dialog')
    await dialog.getByText('0 managed users are deleted with it').waitFor()
    expect(await page.evaluate('document.activeElement.closest("dialog") !== null')).toBe(true)
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
    const still = await c.t.request({
      method: 'GET',
      url: '/v2/oauth-clients',
      headers: { authorization: `Bearer ${org.owner}` },
    })
    expect(still.body.data).toHaveLength(1)
  })

  it('keeps the session on reload within the tab and opens deep links', async () => {
    const page = await c.page()
    await signIn(page, c.origin(), OPERATOR_KEY)
    await page.goto(`${c.origin()}/console/organizations`)
    await page.getByRole('heading', { name: 'Organizations', exact: true }).waitFor()
    await page.goto(`${c.origin()}/console/no-such-screen`)
    await page.getByRole('heading', { name: 'Not found' }).waitFor()
  })
})
