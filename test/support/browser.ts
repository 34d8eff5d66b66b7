import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { build } from 'vite'
import type { App } from '../../src/app/compose.ts'
import { buildServer, type ParleyServer } from '../../src/http/build-server.ts'
import { createTestApp, type TestAppOptions } from './test-app.ts'

/** Debian's chromium package (.ci/run installs it); playwright never downloads a browser. */
export const CHROMIUM = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium'

const missing = `${CHROMIUM} not found (apt-get install chromium): browser tests SKIPPED`
if (!existsSync(CHROMIUM) && process.env.CI)
  throw new Error(`CI must run browser tests: ${missing}`)

/** Why browser tests are skipped here, or false when they run. */
export const browserSkip: string | false = existsSync(CHROMIUM) ? false : missing

let built: Promise<string> | undefined

/** Builds the web app once per test process into a private folder (vite.config.ts). */
export function buildWebAppOnce(): Promise<string> {
  built ??= (async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'parley-web-'))
    await build({
      configFile: join(import.meta.dirname, '../../vite.config.ts'),
      logLevel: 'error',
      build: { outDir, emptyOutDir: true, sourcemap: false },
    })
    return outDir
  })()
  return built
}

/** Headless Debian Chromium with the flags this closed network needs. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  })
}

export interface WebRig {
  app: App
  server: ParleyServer
  browser: Browser
  baseUrl: string
  close(): Promise<void>
}

/**
 * A Parley app (test configuration, throwaway store) serving the freshly built web app on a
 * loopback port, and a browser to drive it.
 * @example const rig = await startWebRig({ dialect: 'sqlite' }); const page = await rig.browser.newPage()
 */
export async function startWebRig(options: TestAppOptions = {}): Promise<WebRig> {
  const webRoot = await buildWebAppOnce()
  const { app } = await createTestApp(options)
  await app.start()
  const server = await buildServer(app, { webRoot })
  const baseUrl = await server.listen({ host: '127.0.0.1', port: 0 })
  const browser = await launchChromium()
  return {
    app,
    server,
    browser,
    baseUrl,
    async close() {
      await browser.close()
      await server.close()
      await app.close()
    },
  }
}

/**
 * Opens the app in a new page at 1280×800 and signs in through the form.
 * @example const page = await signInAs(rig, 'agent0001', TEST_PASSWORD)
 */
export async function signInAs(
  rig: WebRig,
  username: string,
  password: string,
  viewport = { width: 1280, height: 800 },
): Promise<Page> {
  const context = await rig.browser.newContext({ viewport, baseURL: rig.baseUrl })
  const page = await context.newPage()
  await page.goto('/')
  await page.getByLabel('Username').fill(username)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('button', { name: 'Sign out' }).waitFor()
  return page
}
