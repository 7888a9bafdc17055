import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import { consoleDirectory } from '../../../src/http/console.js'
import { BACKENDS } from '../backends.js'
import { useApp } from '../fixture.js'
import type { TestApp, TestAppOptions } from '../test-app.js'
import { CHROMIUM_ARGS, findChromium } from './chromium.js'

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
)

/**
 * The browser suites run on one backend: PostgreSQL when TEST_DATABASE_URL is set (production's),
 * else the embedded one. What they test is the console; the API's backends have their own suites.
 */
const BROWSER_BACKEND = BACKENDS[BACKENDS.length - 1]!

export interface ConsoleHarness {
  /** The API behind the console, for setting up data and asserting stored state. */
  readonly t: TestApp
  /** `http://127.0.0.1:<port>` of the listening app. */
  readonly origin: () => string
  /** A fresh tab in its own context (its own sessionStorage), watched for errors and dialogs. */
  readonly page: (options?: { width?: number; height?: number }) => Promise<Page>
  /** alert/confirm/prompt dialogs any page of this test opened (a console never should). */
  readonly dialogs: string[]
  /** Console errors this test provokes on purpose (e.g. a CSP refusal), for this test only. */
  readonly allowConsoleErrors: (pattern: RegExp) => void
}

/**
 * One Tessera listening on a real port and one Chromium for the whole file; each test gets fresh
 * browser contexts. After each test: no page error, no console error (a CSP refusal is one), and
 * no JavaScript dialog.
 */
export function useConsole(options: TestAppOptions = {}): ConsoleHarness {
  const t = useApp(BROWSER_BACKEND, options)
  let browser: Browser | undefined
  let origin = ''
  const contexts: BrowserContext[] = []
  const problems: string[] = []
  const dialogs: string[] = []
  const allowed: RegExp[] = []

  beforeAll(async () => {
    if (!consoleDirectory()) {
      throw new Error('console/dist is missing: run `npm run build` (npm test does it first)')
    }
    const executablePath = findChromium()
    if (!executablePath) throw new Error('no Chromium: apt-get install chromium')
    origin = await t.app.listen({ host: '127.0.0.1', port: 0 })
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true })
  })
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close()
    const found = problems.splice(0)
    const opened = dialogs.splice(0)
    allowed.splice(0)
    expect(found, 'page errors or console errors').toEqual([])
    expect(opened, 'JavaScript dialogs').toEqual([])
  })
  afterAll(async () => {
    await browser?.close()
  })

  return {
    t,
    origin: () => origin,
    dialogs,
    allowConsoleErrors: (pattern) => allowed.push(pattern),
    page: async ({ width = 1280, height = 900 } = {}) => {
      if (!browser) throw new Error('the browser is not running')
      const context = await browser.newContext({ viewport: { width, height } })
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin })
      contexts.push(context)
      const page = await context.newPage()
      page.setDefaultTimeout(15_000)
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
      page.on('console', (message) => {
        const text = message.text()
        if (
          message.type() === 'error' &&
          !expectedConsoleError(text) &&
          !allowed.some((pattern) => pattern.test(text))
        ) {
          problems.push(`console error: ${text}`)
        }
      })
      page.on('dialog', (dialog) => {
        dialogs.push(`${dialog.type()}: ${dialog.message()}`)
        void dialog.dismiss()
      })
      return page
    },
  }
}

/** The browser logs every failed fetch; the suites provoke some (a refused MEMBER call). */
function expectedConsoleError(text: string): boolean {
  return /Failed to load resource: the server responded with a status of (4\d\d)/.test(text)
}

interface AxeResults {
  violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[]
}

/** Runs axe-core in the page; the serious and critical violations, as readable lines. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource)
  const results = await page.evaluate<AxeResults>(
    'axe.run(document, { resultTypes: ["violations"] })',
  )
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    )
}

/** Signs in through the form with `key`, and waits for the signed-in header. */
export async function signIn(page: Page, origin: string, key: string): Promise<void> {
  await page.goto(`${origin}/console/`)
  await page.getByLabel('Key').fill(key)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('button', { name: 'Sign out' }).waitFor()
}
