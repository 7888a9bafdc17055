// `npm run console:measure`: the console's size (gzip, as served to a browser that accepts it) and
// its time to first render on localhost (cold loads in Debian's Chromium), printed as a table.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { launchChromium, startTessera } from './tessera.mjs'

const RUNS = 10
const dist = fileURLToPath(new URL('../../console/dist', import.meta.url))

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

function sizes() {
  const files = readdirSync(join(dist, 'assets')).map((name) => join('assets', name))
  files.push('index.html')
  const rows = files.map((file) => {
    const bytes = readFileSync(join(dist, file))
    return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length }
  })
  const js = rows.filter((r) => r.file.endsWith('.js'))
  return { rows, jsGzip: js.reduce((n, r) => n + r.gzip, 0) }
}

async function firstRender(baseUrl) {
  const browser = await launchChromium()
  const results = []
  try {
    for (let i = 0; i < RUNS; i++) {
      // a new context per run: nothing cached, a cold load each time
      const context = await browser.newContext()
      const page = await context.newPage()
      await page.goto(`${baseUrl}/console/`)
      await page.getByRole('heading', { name: 'Tessera console' }).waitFor()
      const timing = await page.evaluate(`(() => {
        const nav = performance.getEntriesByType('navigation')[0]
        const fcp = performance.getEntriesByName('first-contentful-paint')[0]
        const rendered = performance.getEntriesByName('console:rendered')[0]
        return { ttfb: nav.responseStart, fcp: fcp ? fcp.startTime : null, rendered: rendered ? rendered.startTime : null }
      })()`)
      results.push(timing)
      await context.close()
    }
  } finally {
    await browser.close()
  }
  return results
}

const { rows, jsGzip } = sizes()
const server = await startTessera()
let timings
try {
  timings = await firstRender(server.baseUrl)
} finally {
  await server.stop()
}

console.log('| file | size | gzip |\n| --- | --- | --- |')
for (const r of rows) console.log(`| \`${r.file}\` | ${kib(r.raw)} | ${kib(r.gzip)} |`)
console.log(
  `\nJavaScript, gzip: ${kib(jsGzip)} (target ≤ 150 KiB) ${jsGzip <= 150 * 1024 ? 'OK' : 'OVER'}`,
)
const rendered = median(timings.map((t) => t.rendered))
const fcp = median(timings.map((t) => t.fcp ?? Infinity))
console.log(
  `First render on localhost, median of ${RUNS} cold loads: app rendered ${rendered.toFixed(0)} ms, first contentful paint ${fcp.toFixed(0)} ms, first byte ${median(timings.map((t) => t.ttfb)).toFixed(0)} ms (target ≤ 1000 ms) ${rendered <= 1000 ? 'OK' : 'OVER'}`,
)
if (jsGzip > 150 * 1024 || rendered > 1000) process.exitCode = 1
