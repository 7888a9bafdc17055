import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BACKENDS } from './helpers/backends.js'
import { startTestApp, type TestApp } from './helpers/test-app.js'

for (const backend of BACKENDS) {
  describe(`walkthrough [${backend}]`, () => {
    let t: TestApp
    beforeAll(async () => {
      t = await startTestApp(backend)
    })
    afterAll(() => t?.close())

    it('runs operator → client → user → me → refresh → force-refresh', async () => {
      const client = await t.createClient()
      const created = await t.createUser(client, { email: 'alice@example.com' })
      expect(created.user.email).toBe(`alice+${client.clientId}@example.com`)
      const me = await t.me(created.accessToken)
      expect(me.status).toBe(200)
      expect(me.body.data.id).toBe(created.user.id)
      const refreshed = await t.refresh(client, created.refreshToken)
      expect(refreshed.status).toBe(200)
      const again = await t.refresh(client, refreshed.body.data.refreshToken)
      expect(again.status).toBe(200)
    })
  })
}
