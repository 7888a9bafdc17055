import { describe, expect, it } from 'vitest'
import { OPERATOR_KEY } from '../helpers/http.js'
import { seriousViolations, signIn, useConsole } from '../helpers/browser/console-app.js'

describe('console: sign-in and organizations (browser)', () => {
  const c = useConsole()

  it('operator creates an organization, copies its OWNER key once, and signs in with it', async () => {
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
  })

  it('refuses a wrong key with the API message and keeps nothing', async () => {
    const page = await c.page()
    await page.goto(`${c.origin()}/console/`)
    await page.getByLabel('Key').fill('not-the-operator-key')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('alert').filter({ hasText: 'Invalid operator key (401' }).waitFor()
    expect(await page.evaluate('sessionStorage.length')).toBe(0)
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
