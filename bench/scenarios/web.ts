import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { addTestUser, TEST_PASSWORD } from '../../test/support/people.ts'
import { browserSkip, buildWebAppOnce, startWebRig } from '../../test/support/browser.ts'
import type { Figures, Scenario } from '../scenario.ts'

const SIGN_INS = 15

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN
}

/** Bytes of the built app as shipped: every JS and CSS file, raw and gzip -9. */
function bundleSizes(webRoot: string): Figures {
  const assets = join(webRoot, 'assets')
  let raw = 0
  let gzip = 0
  for (const name of readdirSync(assets).filter((n) => /\.(js|css)$/.test(n))) {
    const bytes = readFileSync(join(assets, name))
    raw += bytes.length
    gzip += gzipSync(bytes, { level: 9 }).length
  }
  return {
    'bundle JS+CSS kB': +(raw / 1024).toFixed(1),
    'bundle gzip kB': +(gzip / 1024).toFixed(1),
  }
}

/**
 * The web app as an agent meets it: the built bundle's size, and the time from pressing
 * "Sign in" to a usable desk (status selector enabled, conversation list shown) in headless
 * Chromium against an in-process Parley on SQLite, over loopback. Each sign-in is a fresh
 * browser context (cold cache for the API, warm for the app's files, as after a first visit).
 */
export const webScenario: Scenario = {
  name: 'web',
  description: 'web app bundle size (gzip) and sign-in → usable desk in headless Chromium',
  async run() {
    if (browserSkip) {
      console.log(browserSkip)
      return {}
    }
    const rig = await startWebRig()
    const figures: Figures = {}
    try {
      Object.assign(figures, bundleSizes(await buildWebAppOnce()))
      const agent = await addTestUser(rig.app)
      const timings: number[] = []
      for (let i = 0; i < SIGN_INS + 2; i++) {
        const context = await rig.browser.newContext({
          viewport: { width: 1280, height: 800 },
          baseURL: rig.baseUrl,
        })
        const page = await context.newPage()
        await page.goto('/')
        await page.getByLabel('Username').fill(agent.username)
        await page.getByLabel('Password').fill(TEST_PASSWORD)
        const started = performance.now()
        await page.getByRole('button', { name: 'Sign in' }).click()
        await page.locator('[data-desk-ready="true"]').waitFor()
        const elapsed = performance.now() - started
        if (i >= 2) timings.push(elapsed) // the first two warm the server's JIT
        await context.close()
      }
      timings.sort((a, b) => a - b)
      figures['sign-in → usable desk p50 ms'] = +percentile(timings, 50).toFixed(1)
      figures['sign-in → usable desk p95 ms'] = +percentile(timings, 95).toFixed(1)
      figures['sign-ins measured'] = timings.length
    } finally {
      await rig.close()
    }
    console.table(figures)
    return figures
  },
}
