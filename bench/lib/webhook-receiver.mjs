// @ts-check
// A webhook receiver for the benchmark: loopback, in this process, answering 204 at once. It
// counts deliveries and keeps each one's latency from its event (the payload's `createdAt`, set by
// Tessera on this machine's clock) to its arrival.

import { createServer } from 'node:http'

/**
 * @typedef {object} WebhookReceiver
 * @property {string} url
 * @property {() => number} count deliveries so far
 * @property {() => number[]} take latencies (ms) since the last call
 * @property {(n: number, timeoutMs: number) => Promise<void>} waitFor resolves at `n` deliveries in total
 * @property {() => Promise<void>} close
 */

/** @returns {Promise<WebhookReceiver>} */
export async function startWebhookReceiver() {
  let count = 0
  /** @type {number[]} */
  let latencies = []
  /** @type {{ n: number, resolve: () => void }[]} */
  let waiters = []
  const server = createServer((req, res) => {
    /** @type {Buffer[]} */
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      const arrived = Date.now()
      try {
        latencies.push(
          arrived - Date.parse(JSON.parse(Buffer.concat(chunks).toString('utf8')).createdAt),
        )
      } catch {
        latencies.push(Number.NaN)
      }
      count++
      res.writeHead(204).end()
      waiters = waiters.filter((w) => (count >= w.n ? (w.resolve(), false) : true))
    })
  })
  server.keepAliveTimeout = 60_000
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    count: () => count,
    take() {
      const out = latencies
      latencies = []
      return out
    },
    waitFor(n, timeoutMs) {
      if (count >= n) return Promise.resolve()
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(`the receiver got ${count} of ${n} deliveries within ${timeoutMs} ms`),
            ),
          timeoutMs,
        )
        waiters.push({ n, resolve: () => (clearTimeout(timer), resolve()) })
      })
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
