import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { App } from '../src/app/compose.ts'
import { createApiKey } from '../src/app/manage-api-keys.ts'
import { buildServer, type ParleyServer } from '../src/http/build-server.ts'
import { DIALECTS } from './support/dialects.ts'
import { eventually } from './support/eventually.ts'
import { createTestApp } from './support/test-app.ts'

const fastSandbox = (yaml: string) =>
  yaml.replace('deliveryDelayMs: 500', 'deliveryDelayMs: 5').replace(
    /(- key: acknowledgement)/,
    `- key: draft_notice
    category: notification
    status: draft
    owner: test
    en: { body: 'Draft ((x))' }
  $1`,
  )

const caseUpdate = (to: string, extra: Record<string, unknown> = {}) => ({
  to,
  template: 'case_update',
  program: 'general',
  personalisation: { caseNumber: 'CS-123456', status: 'approved' },
  ...extra,
})

for (const { dialect, skip } of DIALECTS) {
  describe(`outbound API [${dialect}]`, { skip }, () => {
    let app: App
    let server: ParleyServer
    let send: string
    let readOnly: string
    let test: string

    const post = (body: unknown, key = send, headers: Record<string, string> = {}) =>
      server.inject({
        method: 'POST',
        url: '/v1/messages',
        headers: { authorization: `Bearer ${key}`, ...headers },
        payload: body as object,
      })
    const get = (url: string, key = send) =>
      server.inject({ url, headers: { authorization: `Bearer ${key}` } })
    const optIn = (phone: string, program = 'general') =>
      server.inject({
        method: 'PUT',
        url: `/v1/consents/${encodeURIComponent(phone)}`,
        headers: { authorization: `Bearer ${send}` },
        payload: { program, status: 'opted_in', evidence: 'signed form 2026-11-01' },
      })
    const statusOf = async (id: string) =>
      (await get(`/v1/messages/${id}`)).json<{ status: string }>().status

    before(async () => {
      ;({ app } = await createTestApp({ dialect, editConfig: fastSandbox }))
      await app.gateways.start()
      server = await buildServer(app)
      send = (await createApiKey(app, { name: 'crm', scopes: ['send'], test: false })).key
      readOnly = (await createApiKey(app, { name: 'reports', scopes: ['read'], test: false })).key
      test = (await createApiKey(app, { name: 'crm-test', scopes: ['send'], test: true })).key
    })
    after(async () => {
      await server.close()
      await app.gateways.stop()
      await app.close()
    })

    it('refuses requests without a valid key or the right scope', async () => {
      assert.equal(
        (await server.inject({ method: 'POST', url: '/v1/messages', payload: {} })).statusCode,
        401,
      )
      assert.equal(
        (await post(caseUpdate('+12505550100'), 'pk_live_000000000000_' + 'x'.repeat(43)))
          .statusCode,
        401,
      )
      const forbidden = await post(caseUpdate('+12505550100'), readOnly)
      assert.equal(forbidden.statusCode, 403)
      assert.equal(forbidden.json<{ error: { code: string } }>().error.code, 'forbidden')
    })

    it('accepts an opted-in number, sends it through the sandbox and records delivery', async () => {
      const to = '+12505550111'
      assert.equal((await optIn('250-555-0111')).statusCode, 200)
      const res = await post(caseUpdate('(250) 555-0111', { reference: 'case-1' }))
      assert.equal(res.statusCode, 202, res.body)
      const body = res.json<{
        id: string
        to: string
        from: string
        segments: number
        encoding: string
        template: unknown
        status: string
      }>()
      assert.deepEqual(
        {
          to: body.to,
          from: body.from,
          segments: body.segments,
          encoding: body.encoding,
          template: body.template,
          status: body.status,
        },
        {
          to,
          from: '+12505550100',
          segments: 1,
          encoding: 'gsm7',
          template: { key: 'case_update', version: 1 },
          status: 'queued',
        },
      )
      await app.dispatcher.drain()
      await eventually(async () => assert.equal(await statusOf(body.id), 'delivered'))
      const full = (await get(`/v1/messages/${body.id}`)).json<{
        history: { status: string }[]
        trunk: string
      }>()
      assert.deepEqual(
        full.history.map((h) => h.status),
        ['queued', 'sent', 'delivered'],
      )
      assert.equal(full.trunk, 'sandbox')
      const phone = app.gateways.sandbox?.phoneInbox(to) ?? []
      assert.match(phone.at(-1)?.body ?? '', /your request CS-123456 has been updated: approved/)
    })

    const refusals: {
      name: string
      body: Record<string, unknown>
      status: number
      code: string
    }[] = [
      {
        name: 'an unparseable number',
        body: caseUpdate('not a phone'),
        status: 422,
        code: 'invalid_number',
      },
      {
        name: 'a destination outside CA/US',
        body: caseUpdate('+447911123456'),
        status: 422,
        code: 'destination_not_allowed',
      },
      {
        name: 'an unknown template',
        body: { ...caseUpdate('+12505550111'), template: 'nope' },
        status: 422,
        code: 'template_not_found',
      },
      {
        name: 'a draft template',
        body: {
          ...caseUpdate('+12505550111'),
          template: 'draft_notice',
          personalisation: { x: '1' },
        },
        status: 422,
        code: 'template_not_approved',
      },
      {
        name: 'a missing placeholder value',
        body: { ...caseUpdate('+12505550111'), personalisation: { caseNumber: 'CS-1' } },
        status: 422,
        code: 'missing_personalisation',
      },
      {
        name: 'an unknown program',
        body: { ...caseUpdate('+12505550111'), program: 'nope' },
        status: 422,
        code: 'program_not_found',
      },
      {
        name: 'a body that breaks the schema',
        body: { to: 5 },
        status: 400,
        code: 'invalid_request',
      },
    ]
    for (const { name, body, status, code } of refusals) {
      it(`refuses ${name} with ${code}`, async () => {
        const res = await post(body)
        assert.equal(res.statusCode, status, res.body)
        assert.equal(res.json<{ error: { code: string } }>().error.code, code)
      })
    }

    it('refuses a number without consent, queues nothing, and records the attempt', async () => {
      const res = await post(caseUpdate('+12505550112'))
      assert.equal(res.statusCode, 422)
      const error = res.json<{ error: { code: string; details: { messageId: string } } }>().error
      assert.equal(error.code, 'consent_required')
      assert.equal(await statusOf(error.details.messageId), 'blocked')
      assert.equal(await app.dispatcher.drain(), 0)
    })

    it('blocks at send time a number that opted out after acceptance', async () => {
      await optIn('+12505550113')
      const id = (await post(caseUpdate('+12505550113'))).json<{ id: string }>().id
      await server.inject({
        method: 'PUT',
        url: '/v1/consents/+12505550113',
        headers: { authorization: `Bearer ${send}` },
        payload: { program: 'general', status: 'opted_out', source: 'keyword' },
      })
      await app.dispatcher.drain()
      assert.equal(await statusOf(id), 'blocked')
      assert.equal(app.gateways.sandbox?.phoneInbox('+12505550113').length, 0)
    })

    it('answers a repeated Idempotency-Key with the first response, and refuses it for another body', async () => {
      await optIn('+12505550114')
      const headers = { 'idempotency-key': 'crm-req-1' }
      const first = await post(caseUpdate('+12505550114'), send, headers)
      const again = await post(caseUpdate('+12505550114'), send, headers)
      assert.equal(first.statusCode, 202)
      assert.equal(again.statusCode, 202)
      assert.equal(again.json<{ id: string }>().id, first.json<{ id: string }>().id)
      assert.equal(again.headers['idempotent-replayed'], 'true')
      const other = await post(
        caseUpdate('+12505550114', { reference: 'different' }),
        send,
        headers,
      )
      assert.equal(other.statusCode, 422)
      assert.equal(other.json<{ error: { code: string } }>().error.code, 'idempotency_key_reused')
    })

    it('caps identical texts to one recipient at 20 an hour', async () => {
      await optIn('+12505550115')
      for (let i = 0; i < 20; i++)
        assert.equal((await post(caseUpdate('+12505550115'))).statusCode, 202)
      const res = await post(caseUpdate('+12505550115'))
      assert.equal(res.statusCode, 429)
      assert.equal(res.json<{ error: { code: string } }>().error.code, 'recipient_rate_limited')
      const different = await post(
        caseUpdate('+12505550115', { personalisation: { caseNumber: 'CS-2', status: 'closed' } }),
      )
      assert.equal(different.statusCode, 202, 'a different text is still allowed')
    })

    it('marks a test key’s messages and sends them through the sandbox', async () => {
      await optIn('+12505550116')
      const res = await post(caseUpdate('+12505550116'), test)
      assert.equal(res.json<{ test: boolean }>().test, true)
    })

    it('lists messages with filters and pages, and a send-only key sees only its own', async () => {
      const mine = await get('/v1/messages?reference=case-1')
      assert.equal(mine.json<{ messages: unknown[] }>().messages.length, 1)
      const page = (await get('/v1/messages?limit=2', readOnly)).json<{
        messages: { id: string }[]
        next: string
      }>()
      assert.equal(page.messages.length, 2)
      const nextPage = (await get(`/v1/messages?limit=2&before=${page.next}`, readOnly)).json<{
        messages: { id: string }[]
      }>()
      assert.ok(nextPage.messages.every((m) => m.id < page.next))
      const testKeyView = (await get('/v1/messages?limit=100', test)).json<{
        messages: { test: boolean }[]
      }>()
      assert.ok(testKeyView.messages.length > 0 && testKeyView.messages.every((m) => m.test))
      assert.equal(
        (await get('/v1/messages?status=blocked', readOnly)).json<{ messages: unknown[] }>()
          .messages.length,
        2,
      )
    })

    it('keeps consent history with evidence and requires evidence for an API opt-in', async () => {
      const missing = await server.inject({
        method: 'PUT',
        url: '/v1/consents/+12505550117',
        headers: { authorization: `Bearer ${send}` },
        payload: { program: 'general', status: 'opted_in' },
      })
      assert.equal(missing.statusCode, 400)
      assert.equal(missing.json<{ error: { code: string } }>().error.code, 'invalid_consent')
      await optIn('+12505550117', 'surveys')
      const view = (await get('/v1/consents/2505550117', readOnly)).json<{
        consents: { program: string; status: string }[]
        events: { evidence: string; actor: string }[]
      }>()
      assert.equal(view.consents.find((c) => c.program === 'surveys')?.status, 'opted_in')
      assert.equal(view.consents.find((c) => c.program === 'general')?.status, 'unknown')
      assert.deepEqual(
        view.events.map((e) => [e.evidence, e.actor]),
        [['signed form 2026-11-01', 'apikey:crm']],
      )
    })
  })
}
