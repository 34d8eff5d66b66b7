import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { App } from '../src/app/compose.ts'
import { createApiKey } from '../src/app/manage-api-keys.ts'
import { recordConsent } from '../src/app/record-consent.ts'
import { buildServer, type ParleyServer } from '../src/http/build-server.ts'
import { DIALECTS } from './support/dialects.ts'
import { eventually } from './support/eventually.ts'
import { createTestApp } from './support/test-app.ts'

interface Summary {
  id: string
  status: string
  total: number
  accepted: number
  skipped: Record<string, number>
  problems: { row: number; to: string; reason: string }[]
  counts: Record<string, number>
  stopped?: number
}

for (const { dialect, skip } of DIALECTS) {
  describe(`broadcasts [${dialect}]`, { skip }, () => {
    let app: App
    let server: ParleyServer
    let key: string
    const auth = () => ({ authorization: `Bearer ${key}` })
    const optIn = (phone: string, program: string) =>
      recordConsent(app, {
        phone,
        program,
        status: 'opted_in',
        source: 'api',
        evidence: 'test',
        actor: 'test',
      })

    before(async () => {
      ;({ app } = await createTestApp({
        dialect,
        editConfig: (y) =>
          y
            .replace('deliveryDelayMs: 500', 'deliveryDelayMs: 1')
            // throughput is not what these tests look at: lift the long code's 1 segment/s
            .replace(
              'trunk: twilio-longcode\n    label: General enquiries long code',
              'trunk: twilio-longcode\n    label: General enquiries long code\n    segmentsPerSecond: 1000',
            ),
      }))
      await app.gateways.start()
      server = await buildServer(app)
      key = (await createApiKey(app, { name: 'crm', scopes: ['send'], test: false })).key
      for (const n of ['+12505550201', '+12505550202', '+12505550203', '+12505550204']) {
        await optIn(n, 'alerts')
        await optIn(n, 'general')
      }
    })
    after(async () => {
      await server.close()
      await app.gateways.stop()
      await app.close()
    })

    it('sends an emergency alert to consenting numbers at high priority from the short code, skipping the rest', async () => {
      const res = await server.inject({
        method: 'POST',
        url: '/v1/broadcasts',
        headers: auth(),
        payload: {
          program: 'alerts',
          template: 'emergency_alert',
          priority: 'high',
          personalisation: {
            message: 'Evacuation order for Zone 4.',
            url: 'https://alerts.example/z4',
          },
          recipients: [
            { to: '250-555-0201' },
            { to: '+12505550202', language: 'fr' },
            { to: '(250) 555-0201' }, // the same number again
            { to: '+12505550299' }, // never opted in
            { to: 'nonsense' },
          ],
        },
      })
      assert.equal(res.statusCode, 202, res.body)
      const summary = res.json<Summary>()
      assert.equal(summary.total, 5)
      assert.equal(summary.accepted, 2)
      assert.deepEqual(summary.skipped, { duplicate: 1, consent_required: 1, invalid_number: 1 })
      assert.deepEqual(
        summary.problems.map((p) => [p.row, p.reason]),
        [
          [3, 'duplicate'],
          [5, 'invalid_number'],
          [4, 'consent_required'],
        ],
      )

      await app.dispatcher.drain()
      await eventually(() => {
        const sent = app.gateways.sandbox?.phoneInbox('+12505550202') ?? []
        assert.match(sent.at(-1)?.body ?? '', /^ALERTE C\.-B\. : Evacuation order for Zone 4\./)
        assert.equal(sent.at(-1)?.peer, '55123')
      })
      const messages = await app.store.db
        .selectFrom('messages')
        .select(['priority', 'from_number'])
        .where('broadcast_id', '=', summary.id)
        .execute()
      assert.deepEqual(
        new Set(messages.map((m) => `${m.priority} ${m.from_number}`)),
        new Set(['high 55123']),
      )
    })

    it('takes a CSV upload whose extra columns personalise each text, and reports progress', async () => {
      const csv =
        'phone,language,date,time,office\r\n' +
        '+12505550203,en,Dec 1,10:30,Victoria\r\n' +
        '+12505550204,fr,1 déc.,10 h 30,"Victoria, bureau 2"\r\n'
      const res = await server.inject({
        method: 'POST',
        url: '/v1/broadcasts?program=general&template=appointment_reminder',
        headers: { ...auth(), 'content-type': 'text/csv' },
        payload: csv,
      })
      assert.equal(res.statusCode, 202, res.body)
      const summary = res.json<Summary>()
      assert.equal(summary.accepted, 2)
      assert.deepEqual(summary.counts, { queued: 2 })
      await app.dispatcher.drain()
      await eventually(() => {
        const fr = app.gateways.sandbox?.phoneInbox('+12505550204').at(-1)?.body ?? ''
        assert.match(fr, /rendez-vous le 1 déc\. à 10 h 30, Victoria, bureau 2\./)
      })
      const progress = (
        await server.inject({ url: `/v1/broadcasts/${summary.id}`, headers: auth() })
      ).json<Summary>()
      assert.equal((progress.counts.sent ?? 0) + (progress.counts.delivered ?? 0), 2)
    })

    it('refuses a malformed CSV with the row at fault', async () => {
      const res = await server.inject({
        method: 'POST',
        url: '/v1/broadcasts?program=general&template=case_update',
        headers: { ...auth(), 'content-type': 'text/csv' },
        payload: 'phone,caseNumber,status\n+12505550203,CS-1\n',
      })
      assert.equal(res.statusCode, 400)
      assert.deepEqual(
        res.json<{ error: { code: string; message: string } }>().error.code,
        'invalid_csv',
      )
      assert.match(
        res.json<{ error: { message: string } }>().error.message,
        /^row 2: expected 3 fields/,
      )
    })

    it('cancels the texts still waiting and reports how many were stopped', async () => {
      const res = await server.inject({
        method: 'POST',
        url: '/v1/broadcasts',
        headers: auth(),
        payload: {
          program: 'general',
          template: 'case_update',
          sendAt: new Date(Date.now() + 3_600_000).toISOString(),
          personalisation: { caseNumber: 'CS-9', status: 'open' },
          recipients: [{ to: '+12505550201' }, { to: '+12505550202' }],
        },
      })
      const { id } = res.json<Summary>()
      const cancelled = await server.inject({
        method: 'POST',
        url: `/v1/broadcasts/${id}/cancel`,
        headers: auth(),
      })
      assert.equal(cancelled.statusCode, 200)
      const body = cancelled.json<Summary>()
      assert.equal(body.stopped, 2)
      assert.equal(body.status, 'cancelled')
      assert.deepEqual(body.counts, { expired: 2 })
      const again = await server.inject({
        method: 'POST',
        url: `/v1/broadcasts/${id}/cancel`,
        headers: auth(),
      })
      assert.equal(again.statusCode, 409)
    })
  })
}
