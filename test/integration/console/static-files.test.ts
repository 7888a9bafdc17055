import { readdirSync } from 'node:fs'
import { expect, it } from 'vitest'
import { consoleDirectory } from '../../../src/http/console.js'
import { expectError } from '../../helpers/expect-error.js'
import { describeApp } from '../../helpers/fixture.js'

const CSP = /default-src 'self'.*script-src 'self'.*frame-ancestors 'none'/

describeApp('GET /console (the built console, served by the server)', (t) => {
  const asset = () => {
    const dir = consoleDirectory()
    if (!dir) throw new Error('console/dist is missing: run `npm run build`')
    const js = readdirSync(`${dir}/assets`).find((f) => f.endsWith('.js'))
    if (!js) throw new Error('no JavaScript asset in console/dist/assets')
    return `/console/assets/${js}`
  }

  it('answers index.html uncached, with a strict CSP and no framing or referrer', async () => {
    for (const url of ['/console', '/console/']) {
      const res = await t.request({ method: 'GET', url })
      expect(res.status).toBe(200)
      expect(res.headers['content-type']).toMatch(/^text\/html/)
      expect(res.headers['cache-control']).toBe('no-cache')
      expect(res.headers['content-security-policy']).toMatch(CSP)
      expect(res.headers['content-security-policy']).not.toMatch(/unsafe-inline|unsafe-eval/)
      expect(res.headers['x-frame-options']).toBe('DENY')
      expect(res.headers['referrer-policy']).toBe('no-referrer')
      expect(res.text).toContain('<div id="app">')
      // no inline script: every <script> has a src
      expect(res.text.match(/<script(?![^>]*\bsrc=)[^>]*>/g)).toBeNull()
    }
  })

  it('answers any other console path with the app (routed in the browser)', async () => {
    const res = await t.request({ method: 'GET', url: '/console/clients/abc/users/12' })
    expect(res.status).toBe(200)
    expect(res.headers['cache-control']).toBe('no-cache')
    expect(res.headers['content-security-policy']).toMatch(CSP)
    expect(res.text).toContain('<div id="app">')
  })

  it('caches hashed assets for a year, immutably, with the same headers', async () => {
    const res = await t.request({ method: 'GET', url: asset() })
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toMatch(/javascript/)
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(res.headers['content-security-policy']).toMatch(CSP)
    expect(res.headers['x-content-type-options']).toBe('nosniff')
  })

  it('answers a missing asset with 404 in the error envelope, never the app', async () => {
    const res = await t.request({ method: 'GET', url: '/console/assets/index-deadbeef.js' })
    expectError(
      res,
      404,
      'NotFoundException',
      'No console asset at /console/assets/index-deadbeef.js',
    )
    expect(res.headers['content-security-policy']).toMatch(CSP)
  })

  it('leaves the API without the console headers', async () => {
    const res = await t.request({ method: 'GET', url: '/health' })
    expect(res.status).toBe(200)
    expect(res.headers['content-security-policy']).toBeUndefined()
  })

  it('keeps the console out of the OpenAPI document', async () => {
    const res = await t.request({ method: 'GET', url: '/v2/docs/openapi.json' })
    expect(res.status).toBe(200)
    expect(Object.keys(res.body.paths).filter((p) => p.startsWith('/console'))).toEqual([])
  })
})
