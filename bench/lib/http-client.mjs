// @ts-check
// A keep-alive HTTP client for loopback targets: the load generator's and the probes' only way to
// send requests (no fetch: its per-request overhead would be measured as the server's).

/** @import { HttpRequest, HttpResponse } from '../types.js' */

import { Agent, request } from 'node:http'

/**
 * The URL, if it names a loopback http:// server; throws otherwise (load goes nowhere else).
 * @param {string} baseUrl
 */
function assertLoopback(baseUrl) {
  const u = new URL(baseUrl)
  const host = u.hostname.replace(/^\[|\]$/g, '')
  const loopback = host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host)
  if (!loopback)
    throw new Error(`refusing to send load to ${u.hostname}: only loopback targets are allowed`)
  if (u.protocol !== 'http:')
    throw new Error(`only http:// targets are supported, not ${u.protocol}`)
  return u
}

/** An error with the `code` the load generator counts errors by (`timeout` or a socket code). */
class RequestError extends Error {
  /**
   * @param {string} message
   * @param {string} code
   */
  constructor(message, code) {
    super(message)
    this.code = code
  }
}

/** A keep-alive HTTP client for one base URL. */
export class Client {
  /**
   * @param {string} baseUrl
   * @param {{ maxSockets?: number }} [options]
   */
  constructor(baseUrl, { maxSockets = 8 } = {}) {
    const u = assertLoopback(baseUrl)
    this.host = u.hostname.replace(/^\[|\]$/g, '')
    this.port = Number(u.port || 80)
    this.agent = new Agent({
      keepAlive: true,
      maxSockets,
      maxFreeSockets: maxSockets,
      scheduling: 'fifo',
    })
  }

  /**
   * One request. Resolves `{ status, text, headers }` or rejects with an Error whose `code` is
   * 'timeout' or the socket error code.
   * @param {HttpRequest} request
   * @param {number} [timeoutMs]
   * @returns {Promise<HttpResponse>}
   */
  send({ method, path, headers = {}, body }, timeoutMs = 10_000) {
    return new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(body)
      const h = payload ? { ...headers, 'content-length': payload.length } : headers
      const req = request({
        host: this.host,
        port: this.port,
        method,
        path,
        headers: h,
        agent: this.agent,
      })
      const timer = setTimeout(() => {
        req.destroy(new RequestError(`no complete response within ${timeoutMs} ms`, 'timeout'))
      }, timeoutMs)
      req.on('error', (e) => {
        clearTimeout(timer)
        reject(e)
      })
      req.on('response', (res) => {
        /** @type {Buffer[]} */
        const chunks = []
        res.on('data', (/** @type {Buffer} */ c) => chunks.push(c))
        res.on('error', (e) => {
          clearTimeout(timer)
          reject(e)
        })
        res.on('end', () => {
          clearTimeout(timer)
          resolve({
            status: res.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
            headers: res.headers,
          })
        })
      })
      req.end(payload)
    })
  }

  /**
   * `send()`, with the body parsed as JSON when it is JSON (`json: undefined` otherwise).
   * @param {HttpRequest} request
   * @param {number} [timeoutMs]
   * @returns {Promise<HttpResponse & { json: any }>}
   */
  async sendJson(request, timeoutMs) {
    const r = await this.send(request, timeoutMs)
    let json
    try {
      json = JSON.parse(r.text)
    } catch {
      json = undefined
    }
    return { ...r, json }
  }

  close() {
    this.agent.destroy()
  }
}
