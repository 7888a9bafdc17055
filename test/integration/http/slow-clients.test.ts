import { connect, type AddressInfo } from 'node:net'
import { beforeAll, expect, test } from 'vitest'
import { describeApp } from '../../helpers/fixture.js'
import { OPERATOR_KEY } from '../../helpers/http.js'

/**
 * Opens a connection, writes `bytes` and nothing more; resolves with everything the server wrote
 * before it closed the connection (the test fails by timing out if it never does).
 */
function stallAfter(port: number, bytes: string) {
  return new Promise<string>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes))
    let text = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => (text += chunk))
    socket.on('close', () => resolve(text))
    socket.on('error', reject)
  })
}

describeApp(
  'slow clients over a real socket',
  { env: { TESSERA_HTTP_HEADERS_TIMEOUT_SECONDS: '1', TESSERA_HTTP_BODY_TIMEOUT_SECONDS: '2' } },
  (t) => {
    let port: number
    beforeAll(async () => {
      await t.app.listen({ host: '127.0.0.1', port: 0 })
      port = (t.app.server.address() as AddressInfo).port
    })

    test('headers that never finish arriving get 408 and the connection is closed', async () => {
      const text = await stallAfter(port, 'GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ')
      expect(text).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/)
      expect(text).toMatch(/\r\nConnection: close\r\n/i)
      expect(JSON.parse(text.split('\r\n\r\n')[1]!)).toMatchObject({
        status: 'error',
        error: { code: 'RequestTimeoutException' },
      })
    })

    test('a body that never finishes arriving gets 408 and the connection is closed', async () => {
      const text = await stallAfter(
        port,
        'POST /v2/admin/organizations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
          `Authorization: Bearer ${OPERATOR_KEY}\r\n` +
          'Content-Length: 100\r\n\r\n{"name":',
      )
      expect(text).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/)
      expect(text).toMatch(/\r\nConnection: close\r\n/i)
    })

    test('other clients are served meanwhile', async () => {
      const stalled = stallAfter(port, 'GET /health HTTP/1.1\r\nHost: x\r\n')
      const res = await fetch(`http://127.0.0.1:${port}/health`)
      expect(res.status).toBe(200)
      expect(await stalled).toMatch(/^HTTP\/1\.1 408 /)
    })
  },
)
