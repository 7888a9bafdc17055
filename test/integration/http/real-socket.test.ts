import { request as httpRequest } from 'node:http'
import { connect, type AddressInfo } from 'node:net'
import { beforeAll, expect, test } from 'vitest'
import { describeApp } from '../../helpers/fixture.js'
import { UUID_V4 } from '../../helpers/expect-error.js'

interface RawResponse {
  status: number
  headers: Record<string, unknown>
  text: string
}

/** One request through Node's HTTP client (inject bypasses Node's parser and its limits). */
function send(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer },
) {
  return new Promise<RawResponse>((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (text += chunk))
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }))
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

/** Bytes straight onto a socket; resolves with everything the server wrote before closing. */
function rawExchange(port: number, bytes: string) {
  return new Promise<string>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes))
    let text = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => (text += chunk))
    socket.on('end', () => resolve(text))
    socket.on('close', () => resolve(text))
    socket.on('error', reject)
  })
}

describeApp(`refusals before routing, over a real socket`, (t) => {
  let port: number

  beforeAll(async () => {
    await t.app.listen({ host: '127.0.0.1', port: 0 })
    port = (t.app.server.address() as AddressInfo).port
  })

  test('headers over Node’s 16 KiB limit get a 431 envelope with a request id, echoing nothing', async () => {
    const res = await send(port, {
      path: '/v2/me',
      headers: { authorization: `Bearer ${'a'.repeat(20_000)}` },
    })
    expect(res.status).toBe(431)
    expect(res.headers['x-request-id']).toMatch(UUID_V4)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(JSON.parse(res.text)).toEqual({
      status: 'error',
      timestamp: expect.any(String),
      path: '/v2/me',
      error: {
        code: 'RequestHeaderFieldsTooLargeException',
        message: 'Request headers are too large',
      },
    })
    expect(res.text).not.toContain('aaaaaaaaaa')

    const health = await send(port, { path: '/health' })
    expect(health.status).toBe(200)
    expect(JSON.parse(health.text)).toEqual({ status: 'ok' })
  })

  test('a request that is not HTTP gets a 400 envelope with a request id', async () => {
    const text = await rawExchange(port, 'HELLO THERE\r\n\r\n')
    const [head, body] = text.split('\r\n\r\n')
    expect(head).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/)
    expect(head).toMatch(/\r\nX-Request-Id: [0-9a-f-]{36}\r\n/i)
    expect(JSON.parse(body!)).toEqual({
      status: 'error',
      timestamp: expect.any(String),
      path: '',
      error: { code: 'BadRequestException', message: 'Malformed HTTP request' },
    })
  })

  test('a body announced over 1 MiB gets a 413 envelope over the wire', async () => {
    const body = Buffer.from(JSON.stringify({ refreshToken: 'x'.repeat(1024 * 1024) }))
    const res = await send(port, {
      method: 'POST',
      path: '/v2/oauth/cxxxxxxxxxxxxxxxxxxxxxxxx/refresh',
      headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
      body,
    })
    expect(res.status).toBe(413)
    expect(res.headers['x-request-id']).toMatch(UUID_V4)
    expect(JSON.parse(res.text)).toMatchObject({
      status: 'error',
      path: '/v2/oauth/cxxxxxxxxxxxxxxxxxxxxxxxx/refresh',
      error: { code: 'PayloadTooLargeException' },
    })
  })
})
