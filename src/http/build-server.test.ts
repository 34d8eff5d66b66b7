import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createTestApp } from '../../test/support/test-app.ts'
import type { App } from '../app/compose.ts'
import { buildServer, type ParleyServer } from './build-server.ts'

describe('HTTP server', () => {
  let app: App
  let server: ParleyServer
  let logLines: string[]

  before(async () => {
    ;({ app, logLines } = await createTestApp())
    server = await buildServer(app)
  })
  after(async () => {
    await server.close()
    await app.close()
  })

  it('answers /healthz while the process is up', async () => {
    const res = await server.inject('/healthz')
    assert.equal(res.statusCode, 200)
    assert.deepEqual(res.json(), { status: 'ok' })
  })

  it('answers /readyz with the database and migration checks', async () => {
    const res = await server.inject('/readyz')
    assert.equal(res.statusCode, 200)
    const body = res.json<{ status: string; migrations: { pending: string[] } }>()
    assert.equal(body.status, 'ready')
    assert.deepEqual(body.migrations.pending, [])
  })

  it('serves Prometheus metrics with process defaults and request timings', async () => {
    await server.inject('/healthz')
    const res = await server.inject('/metrics')
    assert.equal(res.statusCode, 200)
    assert.match(res.headers['content-type'] as string, /^text\/plain/)
    assert.match(res.body, /parley_process_resident_memory_bytes/)
    assert.match(
      res.body,
      /parley_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\}/,
    )
  })

  it('publishes OpenAPI 3 at /openapi.json and a browsable UI at /docs', async () => {
    const spec = (await server.inject('/openapi.json')).json<{
      openapi: string
      paths: Record<string, unknown>
    }>()
    assert.match(spec.openapi, /^3\./)
    assert.ok('/readyz' in spec.paths)
    const ui = await server.inject('/docs/')
    assert.equal(ui.statusCode, 200)
    assert.match(ui.body, /swagger/i)
  })

  it('answers unknown routes with a stable error code and the request id', async () => {
    const res = await server.inject({ url: '/v1/nothing', headers: { 'x-request-id': 'crm-42' } })
    assert.equal(res.statusCode, 404)
    assert.equal(res.headers['x-request-id'], 'crm-42')
    assert.deepEqual(res.json(), {
      error: { code: 'not_found', message: 'no route for GET /v1/nothing', requestId: 'crm-42' },
    })
  })

  it('refuses a field a closed schema does not know, rather than dropping it', async () => {
    const res = await server.inject({
      method: 'POST',
      url: '/v1/sessions',
      payload: { username: 'ana', password: 'a long enough password', remember: true },
    })
    assert.equal(res.statusCode, 400)
    const body = res.json<{ error: { code: string; details: { problem: string }[] } }>()
    assert.equal(body.error.code, 'invalid_request')
    assert.match(JSON.stringify(body.error.details), /additional properties/)
  })

  it('replaces an unsafe request id with its own', async () => {
    const res = await server.inject({
      url: '/healthz',
      headers: { 'x-request-id': 'bad id\nwith newline' },
    })
    assert.match(res.headers['x-request-id'] as string, /^[0-9a-f-]{36}$/)
  })

  it('logs JSON lines with request ids and no credentials', async () => {
    await server.inject({
      url: '/healthz',
      headers: { authorization: 'Bearer pk_live_topsecret', 'x-request-id': 'req-log-1' },
    })
    const lines = logLines.filter((l) => l.includes('req-log-1'))
    assert.ok(lines.length > 0)
    for (const line of lines) JSON.parse(line)
    assert.ok(!lines.join('').includes('topsecret'))
  })

  it('reports not ready (503) when the database is gone', async () => {
    const { app: broken } = await createTestApp()
    const brokenServer = await buildServer(broken)
    await broken.store.close()
    const res = await brokenServer.inject('/readyz')
    assert.equal(res.statusCode, 503)
    assert.equal(res.json<{ status: string; database: { ok: boolean } }>().database.ok, false)
    await brokenServer.close()
  })
})
