import { expect, it } from 'vitest'
import { expectError, expectFieldError } from '../../helpers/expect-error.js'
import { describeApp } from '../../helpers/fixture.js'
import { bearer, OPERATOR, secretKey } from '../../helpers/http.js'

describeApp(
  'console support: user search, secret state, organization chain, audit filters',
  (t) => {
    it('searches users by part of the email or the name, any case, with the total', async () => {
      const client = await t.createClient()
      await t.createUser(client, { email: 'alice@example.com', name: 'Alice Liddell' })
      await t.createUser(client, { email: 'bob@example.com', name: 'Robert 100%_\\' })
      await t.createUser(client, { email: 'carol@example.org', name: 'Carol ALICEson' })
      const search = (query: string) =>
        t.request({
          method: 'GET',
          url: `/v2/oauth-clients/${client.clientId}/users/search?${query}`,
          headers: bearer(client.apiKey),
        })

      const alice = await search('q=aLiCe')
      expect(alice.status).toBe(200)
      expect(alice.body.data.total).toBe(2)
      expect(alice.body.data.users.map((u: { name: string }) => u.name)).toEqual([
        'Alice Liddell',
        'Carol ALICEson',
      ])
      expect((await search('q=example.org')).body.data.total).toBe(1)
      // LIKE wildcards typed by the user match themselves
      expect((await search('q=%25_')).body.data.users.map((u: { name: string }) => u.name)).toEqual(
        ['Robert 100%_\\'],
      )
      expect((await search('q=_')).body.data.total).toBe(1)

      const page = await search('limit=2&offset=1')
      expect(page.body.data.total).toBe(3)
      expect(page.body.data.users.map((u: { name: string }) => u.name)).toEqual([
        'Robert 100%_\\',
        'Carol ALICEson',
      ])
      // the client secret works too, as on the list
      const bySecret = await t.request({
        method: 'GET',
        url: `/v2/oauth-clients/${client.clientId}/users/search?q=bob`,
        headers: secretKey(client),
      })
      expect(bySecret.body.data.total).toBe(1)
    })

    it('refuses bad paging with 400 and a MEMBER key with 403, like the list', async () => {
      const org = await t.createOrganizationWithKeys()
      const client = await t.createClient({ apiKey: org.owner })
      expectFieldError(
        await t.request({
          method: 'GET',
          url: `/v2/oauth-clients/${client.clientId}/users/search?limit=0`,
          headers: bearer(org.owner),
        }),
        'limit',
      )
      expectError(
        await t.request({
          method: 'GET',
          url: `/v2/oauth-clients/${client.clientId}/users/search`,
          headers: bearer(org.member),
        }),
        403,
        'ForbiddenException',
        'OrganizationRolesGuard - User must have one of the roles: ADMIN, OWNER.',
      )
    })

    it('tells when the previous secret stops working, to any role, never a secret', async () => {
      const org = await t.createOrganizationWithKeys()
      const client = await t.createClient({ apiKey: org.owner })
      const url = `/v2/oauth-clients/${client.clientId}/secret`
      const state = () => t.request({ method: 'GET', url, headers: bearer(org.member) })
      expect((await state()).body).toEqual({
        status: 'success',
        data: { previousSecretExpiresAt: null },
      })
      const rotated = await t.request({ method: 'POST', url, headers: bearer(org.owner) })
      expect(rotated.status).toBe(200)
      const during = await state()
      expect(during.body.data.previousSecretExpiresAt).toBe(
        rotated.body.data.previousSecretExpiresAt,
      )
      expect(during.text).not.toContain(rotated.body.data.clientSecret)
      await t.request({ method: 'DELETE', url: `${url}/previous`, headers: bearer(org.owner) })
      expect((await state()).body.data.previousSecretExpiresAt).toBeNull()
      const other = await t.createOrganization()
      expectError(
        await t.request({ method: 'GET', url, headers: bearer(other.apiKey) }),
        403,
        'ForbiddenException',
      )
    })

    it("verifies an organization's chain for its OWNER/ADMIN keys only", async () => {
      const org = await t.createOrganizationWithKeys()
      await t.createClient({ apiKey: org.owner })
      const url = `/v2/organizations/${org.id}/audit/verify`
      const res = await t.request({ method: 'POST', url, headers: bearer(org.admin) })
      expect(res.status).toBe(200)
      expect(res.body.data).toMatchObject({ ok: true, problem: null, unsealedEvents: 0 })
      expect(res.body.data.chains).toEqual([expect.objectContaining({ chainId: org.id })])
      expect(res.body.data.chains[0].links).toBeGreaterThanOrEqual(3)
      expectError(
        await t.request({ method: 'POST', url, headers: bearer(org.member) }),
        403,
        'ForbiddenException',
      )
      const other = await t.createOrganization()
      expectError(
        await t.request({ method: 'POST', url, headers: bearer(other.apiKey) }),
        403,
        'ForbiddenException',
        `This API key belongs to organization ${other.id}, not ${org.id}`,
      )
    })

    it('filters audit events by user and time, on the client and operator listings', async () => {
      const client = await t.createClient()
      const first = await t.createUser(client)
      const second = await t.createUser(client)
      const events = (base: string, query: string, headers: Record<string, string>) =>
        t.request({ method: 'GET', url: `${base}?${query}`, headers })
      const clientBase = `/v2/oauth-clients/${client.clientId}/events`
      const forUser = await events(clientBase, `userId=${second.user.id}`, bearer(client.apiKey))
      expect(forUser.status).toBe(200)
      expect(forUser.body.data.events.length).toBeGreaterThan(0)
      expect(
        forUser.body.data.events.every((e: { userId: number }) => e.userId === second.user.id),
      ).toBe(true)

      const all = await events('/v2/admin/audit', `clientId=${client.clientId}`, OPERATOR)
      const firstUserEvent = all.body.data.events.find(
        (e: { userId: number }) => e.userId === first.user.id,
      )
      const at = firstUserEvent.occurredAt as string
      const until = await events(
        '/v2/admin/audit',
        `clientId=${client.clientId}&until=${encodeURIComponent(at)}`,
        OPERATOR,
      )
      expect(until.body.data.events.every((e: { occurredAt: string }) => e.occurredAt < at)).toBe(
        true,
      )
      const since = await events(
        '/v2/admin/audit',
        `clientId=${client.clientId}&since=${encodeURIComponent(at)}`,
        OPERATOR,
      )
      expect(since.body.data.events.every((e: { occurredAt: string }) => e.occurredAt >= at)).toBe(
        true,
      )
      expect(since.body.data.events.length + until.body.data.events.length).toBe(
        all.body.data.events.length,
      )
      expectFieldError(await events('/v2/admin/audit', 'since=yesterday', OPERATOR), 'since')
      expectFieldError(await events(clientBase, 'userId=abc', bearer(client.apiKey)), 'userId')
    })
  },
)
