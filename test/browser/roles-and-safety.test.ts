import { sql } from 'kysely'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { bearer } from '../helpers/http.js'
import { seriousViolations, signIn, useConsole } from '../helpers/browser/console-app.js'

const XSS = '<img src=x onerror=alert(1)>'

describe('console: MEMBER keys, hostile values, headers, 10,000 users (browser)', () => {
  const c = useConsole()

  it('a MEMBER key sees the clients, has no controls to change them, and the API refuses a forced change', async () => {
    const org = await c.t.createOrganizationWithKeys()
    const client = await c.t.createClient({ apiKey: org.owner, name: 'Read me' })
    const page = await c.page()
    await signIn(page, c.origin(), org.member)
    await page.getByTestId('role').filter({ hasText: 'MEMBER' }).waitFor()
    await page.getByText('read-only').waitFor()
    await page.getByRole('link', { name: 'Read me' }).click()
    await page.getByText(client.clientId).first().waitFor()
    await page.getByText('PROFILE_READ').waitFor()
    expect(await seriousViolations(page)).toEqual([])
    for (const name of ['Edit', 'Delete client', 'Rotate secret', 'End grace now']) {
      expect(await page.getByRole('button', { name }).count(), name).toBe(0)
    }
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: 'OAuth clients' })
      .click()
    await page.getByRole('link', { name: 'Read me' }).waitFor()
    expect(await page.getByRole('link', { name: 'New client' }).count()).toBe(0)

    // screens a MEMBER may not use say so, in the API's words
    await page.goto(`${c.origin()}/console/clients/${client.clientId}/users`)
    await page
      .getByRole('alert')
      .filter({
        hasText: 'OrganizationRolesGuard - User must have one of the roles: ADMIN, OWNER.',
      })
      .waitFor()
    await page.goto(`${c.origin()}/console/clients/new`)
    await page.getByRole('heading', { name: 'Read-only key' }).waitFor()

    // forced from the page with the stored key, the API still refuses
    const forced = await page.evaluate(
      `fetch('/v2/oauth-clients/${client.clientId}', { method: 'DELETE', headers: { authorization: 'Bearer ' + sessionStorage.getItem('tessera.console.key') } }).then((r) => r.status)`,
    )
    expect(forced).toBe(403)
    const still = await c.t.request({
      method: 'GET',
      url: `/v2/oauth-clients/${client.clientId}`,
      headers: bearer(org.owner),
    })
    expect(still.status).toBe(200)
  })

  it('renders hostile names as text: no element, no dialog', async () => {
    const client = await c.t.createClient({ name: XSS })
    const created = await c.t.createUser(client, { name: XSS })
    const page = await c.page()
    await signIn(page, c.origin(), client.apiKey)
    await page.getByRole('link', { name: XSS }).waitFor()
    await page.getByRole('link', { name: XSS }).click()
    await page.getByRole('heading', { name: XSS }).waitFor()
    await page.goto(`${c.origin()}/console/clients/${client.clientId}/users`)
    await page.getByRole('cell', { name: XSS }).waitFor()
    await page.goto(`${c.origin()}/console/clients/${client.clientId}/users/${created.user.id}`)
    await page.getByRole('heading', { name: XSS }).waitFor()
    expect(await page.locator('img').count()).toBe(0)
    expect(await page.evaluate('window.__xss')).toBeUndefined()
    // the afterEach hook fails the test on any dialog (alert) or page error
  })

  it('serves the console with CSP, no framing and no referrer; an injected inline script does not run', async () => {
    const page = await c.page()
    const response = await page.goto(`${c.origin()}/console/`)
    const headers = response!.headers()
    expect(headers['content-security-policy']).toContain("default-src 'self'")
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(headers['content-security-policy']).not.toContain('unsafe-inline')
    expect(headers['x-frame-options']).toBe('DENY')
    expect(headers['referrer-policy']).toBe('no-referrer')
    await page.getByLabel('Key').waitFor()
    c.allowConsoleErrors(/Content Security Policy/)
    const violations: string[] = []
    page.on('console', (m) => {
      if (m.text().includes('Content Security Policy')) violations.push(m.text())
    })
    await page.evaluate(`(() => {
      const s = document.createElement('script')
      s.textContent = 'window.__inline = true'
      document.body.appendChild(s)
    })()`)
    await expect.poll(() => violations.length).toBeGreaterThan(0)
    expect(await page.evaluate('window.__inline')).toBeUndefined()
  })

  it('pages and searches 10,000 users without loading them all', async () => {
    const client = await c.t.createClient({ name: 'Big platform' })
    const org = await c.t.db
      .selectFrom('oauth_clients')
      .select('organization_id')
      .where('id', '=', client.clientId)
      .executeTakeFirstOrThrow()
    // seeded in one statement: 10,000 rows through the API would take most of the suite's budget
    await sql`INSERT INTO managed_users (client_id, organization_id, email, name)
      SELECT ${client.clientId}, ${org.organization_id},
             'user-' || lpad(n::text, 5, '0') || '+' || ${client.clientId} || '@example.com',
             'User ' || lpad(n::text, 5, '0')
      FROM generate_series(1, 10000) AS n`.execute(c.t.db)

    const page = await c.page({ width: 390, height: 844 })
    const pages: number[] = []
    page.on('response', async (response) => {
      if (response.url().includes('/users/search')) {
        const body = (await response.json()) as { data: { users: unknown[] } }
        pages.push(body.data.users.length)
      }
    })
    await signIn(page, c.origin(), client.apiKey)
    await page.goto(`${c.origin()}/console/clients/${client.clientId}/users`)
    const range = page.getByTestId('page-range')
    await range.filter({ hasText: '1–50 of 10,000 users' }).waitFor()
    expect(await rows(page)).toBe(50)
    expect(await seriousViolations(page)).toEqual([])
    await page.getByRole('button', { name: 'Next page' }).click()
    await range.filter({ hasText: '51–100 of 10,000 users' }).waitFor()
    await page.getByRole('cell', { name: 'User 00051' }).waitFor()

    await page.getByLabel('Search by email or name').fill('user 0777')
    await range.filter({ hasText: '1–10 of 10 users' }).waitFor()
    await page.getByRole('cell', { name: 'User 07770' }).waitFor()
    expect(await rows(page)).toBe(10)
    await page.getByLabel('Search by email or name').fill('user-09999')
    await range.filter({ hasText: '1–1 of 1 users' }).waitFor()
    await page.getByLabel('Search by email or name').fill('nobody-by-that-name')
    await page.getByText('No managed user matches “nobody-by-that-name”.').waitFor()

    expect(pages.length).toBeGreaterThanOrEqual(4)
    expect(Math.max(...pages)).toBeLessThanOrEqual(50)
    // usable at 390 px: nothing wider than the viewport but the table's own scroller
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390)
  })
})

const rows = (page: Page) => page.locator('tbody tr').count()
