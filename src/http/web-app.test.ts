import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { createTestApp } from '../../test/support/test-app.ts'
import type { App } from '../app/compose.ts'
import { buildServer, type ParleyServer } from './build-server.ts'

/** A stand-in build: what vite writes, reduced to an index and one hashed asset. */
function fakeBuild(): string {
  const root = mkdtempSync(join(tmpdir(), 'parley-webroot-'))
  mkdirSync(join(root, 'assets'))
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Parley app</title>')
  writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1)')
  return root
}

const html = { accept: 'text/html,application/xhtml+xml' }

describe('web app serving', () => {
  let app: App
  let server: ParleyServer
  let unbuilt: ParleyServer

  before(async () => {
    ;({ app } = await createTestApp())
    server = await buildServer(app, { webRoot: fakeBuild() })
    unbuilt = await buildServer(app, { webRoot: join(tmpdir(), 'parley-no-such-build') })
  })
  after(async () => {
    await server.close()
    await unbuilt.close()
    await app.close()
  })

  it('answers any screen path a browser navigates to with the app, under a strict CSP', async () => {
    for (const url of ['/', '/desk', '/admin/templates', '/queues/SBC_HD_SMS_BCEID']) {
      const res = await server.inject({ url, headers: html })
      assert.equal(res.statusCode, 200, url)
      assert.match(res.body, /Parley app/)
      assert.equal(res.headers['cache-control'], 'no-cache')
      assert.match(String(res.headers['content-security-policy']), /default-src 'self'/)
      assert.match(String(res.headers['content-security-policy']), /frame-ancestors 'none'/)
    }
  })

  it('serves hashed assets cacheable for a year', async () => {
    const res = await server.inject('/assets/index-abc123.js')
    assert.equal(res.statusCode, 200)
    assert.match(String(res.headers['cache-control']), /max-age=31536000, immutable/)
  })

  it('keeps API, webhook and missing-asset misses as JSON errors, even for a browser', async () => {
    for (const url of ['/v1/nothing-here', '/webhooks/nope', '/assets/missing.js']) {
      const res = await server.inject({ url, headers: url.startsWith('/assets') ? {} : html })
      assert.equal(res.statusCode, 404, url)
      assert.equal(res.json<{ error: { code: string } }>().error.code, 'not_found')
    }
    const post = await server.inject({ method: 'POST', url: '/desk', headers: html })
    assert.equal(post.statusCode, 404)
  })

  it('says how to build the app when it has not been built, and the API still works', async () => {
    const res = await unbuilt.inject({ url: '/desk', headers: html })
    assert.equal(res.statusCode, 503)
    assert.match(res.body, /npm run build:web/)
    assert.equal((await unbuilt.inject('/healthz')).statusCode, 200)
  })
})
