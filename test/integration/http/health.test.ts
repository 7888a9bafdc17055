import { expect, test } from 'vitest'
import { describeApp } from '../../helpers/fixture.js'
import { UUID_V4 } from '../../helpers/expect-error.js'

describeApp(`/health`, (t) => {
  test('answers 200 {"status":"ok"} as JSON, without credentials', async () => {
    const res = await t.request({ method: 'GET', url: '/health' })
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(res.text).toBe('{"status":"ok"}')
    expect(res.headers['x-request-id']).toMatch(UUID_V4)
    // no credential was checked, so there is no rate-limit state to report
    expect(res.headers['ratelimit-limit']).toBeUndefined()
  })

  test('ignores a query string and stray credentials', async () => {
    const res = await t.request({
      method: 'GET',
      url: '/health?verbose=1&__proto__=x',
      headers: { authorization: 'Bearer garbage', 'x-cal-secret-key': 'garbage' },
    })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ status: 'ok' })
  })

  test('answers HEAD with 200 and no body', async () => {
    const res = await t.request({ method: 'HEAD', url: '/health' })
    expect(res.status).toBe(200)
    expect(res.text).toBe('')
  })

  test('stays 200 under 200 concurrent requests', async () => {
    const results = await Promise.all(
      Array.from({ length: 200 }, () => t.request({ method: 'GET', url: '/health' })),
    )
    expect(results.map((r) => r.status)).toEqual(Array(200).fill(200))
    expect(new Set(results.map((r) => r.headers['x-request-id'])).size).toBe(200)
  })
})
