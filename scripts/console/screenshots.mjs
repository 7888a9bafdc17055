// `npm run console:screenshots`: every console screen, from a real browser on a throwaway Tessera
// with sample data, written to docs/console/*.jpg (referenced by docs/console.md).
import { mkdirSync } from 'node:fs'
import { createServer } from 'node:http'
import { fileURLToPath } from 'node:url'
import { launchChromium, OPERATOR_KEY, startTessera } from './tessera.mjs'

const out = fileURLToPath(new URL('../../docs/console/', import.meta.url))
mkdirSync(out, { recursive: true })

// a webhook receiver on loopback, so the delivery log shows real answers
const receiver = createServer((_req, res) => res.writeHead(200).end('ok'))
await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve))
const hookUrl = `http://127.0.0.1:${receiver.address().port}/tessera-events`

const server = await startTessera({ TESSERA_WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' })
const browser = await launchChromium()
try {
  const api = async (method, path, key, body) => {
    const res = await fetch(`${server.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    })
    const json = await res.json()
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`)
    return json.data
  }
  // sample data, through the API
  const org = await api('POST', '/v2/admin/organizations', OPERATOR_KEY, { name: 'Acme Platform' })
  await api('POST', '/v2/admin/organizations', OPERATOR_KEY, { name: 'Globex Scheduling' })
  await api('POST', `/v2/admin/organizations/${org.id}/api-keys`, OPERATOR_KEY, {
    role: 'MEMBER',
    name: 'support dashboard',
  })
  const client = await api('POST', '/v2/oauth-clients', org.apiKey, {
    name: 'Booking widget',
    redirectUris: ['https://app.acme.example', 'https://staging.acme.example'],
    permissions: ['BOOKING_READ', 'BOOKING_WRITE', 'PROFILE_READ', 'PROFILE_WRITE'],
  })
  await api('POST', '/v2/oauth-clients', org.apiKey, {
    name: 'Mobile app',
    redirectUris: [],
    permissions: ['*'],
  })
  const names = [
    'Ada Lovelace',
    'Grace Hopper',
    'Alan Turing',
    'Katherine Johnson',
    'Edsger Dijkstra',
  ]
  let first
  for (let i = 0; i < 120; i++) {
    const name = `${names[i % names.length]} ${Math.floor(i / names.length) + 1}`
    const created = await api('POST', `/v2/oauth-clients/${client.clientId}/users`, org.apiKey, {
      email: `${name.toLowerCase().replace(/\s+/g, '.')}@acme.example`,
      name,
      timeZone: 'Europe/London',
    })
    first ??= created
  }
  const userPath = `/v2/oauth-clients/${client.clientId}/users/${first.user.id}`
  await api('POST', `${userPath}/force-refresh`, org.apiKey)
  await api('POST', `${userPath}/force-refresh`, org.apiKey)
  await api('POST', `/v2/oauth-clients/${client.clientId}/secret`, org.apiKey)
  const hook = await api('POST', `/v2/organizations/${org.id}/webhooks`, org.apiKey, {
    subscriberUrl: hookUrl,
    active: true,
    triggers: ['TOKEN_FORCE_REFRESHED', 'USER_CREATED'],
  })
  await api('POST', `/v2/organizations/${org.id}/webhooks/${hook.id}/ping`, org.apiKey)
  await api('POST', `${userPath}/force-refresh`, org.apiKey)

  const shoot = async (page, name) => {
    await page.screenshot({ path: `${out}${name}.jpg`, type: 'jpeg', quality: 70 })
    console.log(`docs/console/${name}.jpg`)
  }
  const signIn = async (page, key) => {
    await page.goto(`${server.baseUrl}/console/`)
    await page.getByLabel('Key').fill(key)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('button', { name: 'Sign out' }).waitFor()
  }
  const visit = async (page, path, ready) => {
    await page.goto(`${server.baseUrl}/console${path}`)
    await ready(page)
  }

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  await page.goto(`${server.baseUrl}/console/`)
  await page.getByLabel('Key').waitFor()
  await shoot(page, 'sign-in')

  await signIn(page, OPERATOR_KEY)
  await page.getByLabel('Organization name').fill('Initech')
  await page.getByRole('button', { name: 'Create organization' }).click()
  await page.getByRole('textbox', { name: 'OWNER API key' }).waitFor()
  await shoot(page, 'organizations')
  await visit(page, `/organizations/${org.id}`, (p) =>
    p.getByRole('cell', { name: 'MEMBER' }).waitFor(),
  )
  await shoot(page, 'organization-api-keys')
  await visit(page, '/signing-keys', (p) => p.getByRole('cell', { name: /^active/ }).waitFor())
  await shoot(page, 'signing-keys')
  await visit(page, '/audit', (p) =>
    p.getByRole('cell', { name: 'token.force_refreshed' }).first().waitFor(),
  )
  await page.getByRole('button', { name: 'Verify chain' }).click()
  await page.getByText(/Verified:/).waitFor()
  await shoot(page, 'instance-audit')
  await visit(page, '/health', (p) => p.getByTestId('counters').waitFor())
  await shoot(page, 'health')

  await page.getByRole('button', { name: 'Sign out' }).click()
  await signIn(page, org.apiKey)
  await page.getByRole('link', { name: 'Booking widget' }).waitFor()
  await shoot(page, 'clients')
  await visit(page, '/clients/new', (p) => p.getByLabel('Client name').waitFor())
  await page.getByLabel('Client name').fill('Partner portal')
  await page.getByLabel('Profile: read').check()
  await shoot(page, 'client-new')
  await visit(page, `/clients/${client.clientId}`, (p) => p.getByTestId('grace').waitFor())
  await shoot(page, 'client')
  await visit(page, `/clients/${client.clientId}/users`, (p) =>
    p.getByTestId('page-range').waitFor(),
  )
  await shoot(page, 'users')
  await page.getByLabel('Search by email or name').fill('grace')
  await page.getByTestId('page-range').filter({ hasText: 'of 24 users' }).waitFor()
  await shoot(page, 'users-search')
  await visit(page, `/clients/${client.clientId}/users/${first.user.id}`, (p) =>
    p.getByRole('heading', { name: 'Sessions' }).waitFor(),
  )
  await page.getByRole('cell', { name: 'active', exact: true }).waitFor()
  await shoot(page, 'user')
  await visit(page, `/audit?client=${client.clientId}`, (p) =>
    p.getByRole('cell', { name: 'token.force_refreshed' }).first().waitFor(),
  )
  await shoot(page, 'audit')
  await visit(page, '/webhooks', (p) => p.getByRole('link', { name: hookUrl }).waitFor())
  await shoot(page, 'webhooks')
  await visit(page, `/webhooks/${hook.id}`, (p) =>
    p
      .getByRole('cell', { name: /^delivered/ })
      .first()
      .waitFor(),
  )
  await shoot(page, 'webhook')

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } })
  const small = await phone.newPage()
  await signIn(small, org.apiKey)
  await visit(small, `/clients/${client.clientId}/users`, (p) =>
    p.getByTestId('page-range').waitFor(),
  )
  await shoot(small, 'users-390px')
} finally {
  await browser.close()
  await server.stop()
  receiver.close()
}
