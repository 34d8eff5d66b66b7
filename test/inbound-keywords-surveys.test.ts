import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { App } from '../src/app/compose.ts'
import { createApiKey } from '../src/app/manage-api-keys.ts'
import { lookUpConsent, recordConsent } from '../src/app/record-consent.ts'
import { receiveInbound } from '../src/app/receive-inbound.ts'
import { buildServer, type ParleyServer } from '../src/http/build-server.ts'
import { DIALECTS } from './support/dialects.ts'
import { eventually } from './support/eventually.ts'
import { createTestApp } from './support/test-app.ts'

const SANDBOX_NUMBER = '+12505550199' // the sandbox program's sender in the example
const SURVEY_NUMBER = '+12505550100'

for (const { dialect, skip } of DIALECTS) {
  describe(`inbound keywords and survey replies [${dialect}]`, { skip }, () => {
    let app: App
    let server: ParleyServer
    let key: string
    let offset = 0
    const clock = { now: () => Date.now() + offset }

    const text = (from: string, body: string, to = SANDBOX_NUMBER) =>
      app.gateways.sandbox?.simulateInbound({ from, to, body })
    const lastReceived = (phone: string) =>
      app.gateways.sandbox?.phoneInbox(phone).at(-1)?.body ?? ''
    const consentOf = async (phone: string, program: string) => {
      const found = await lookUpConsent(app, phone)
      assert.ok(found.ok)
      return found.consents.find((c) => c.program === program)?.status
    }
    const settle = async () => {
      for (let i = 0; i < 3; i++) await app.dispatcher.drain()
    }

    before(async () => {
      ;({ app } = await createTestApp({
        dialect,
        compose: { clock },
        editConfig: (y) =>
          y
            .replace('deliveryDelayMs: 500', 'deliveryDelayMs: 1')
            .replace(
              'label: General enquiries long code',
              'label: General enquiries long code\n    segmentsPerSecond: 1000',
            ),
      }))
      await app.gateways.start()
      server = await buildServer(app)
      key = (await createApiKey(app, { name: 'crm', scopes: ['send'], test: false })).key
    })
    after(async () => {
      await server.close()
      await app.gateways.stop()
      await app.close()
    })

    it('STOP opts out at once and confirms, even for a number never subscribed', async () => {
      await recordConsent(app, {
        phone: '+12505550401',
        program: 'sandbox',
        status: 'opted_in',
        source: 'web',
        evidence: 'form',
        actor: 'test',
      })
      text('+12505550401', 'Stop.')
      text('+12505550402', 'STOP')
      await eventually(async () =>
        assert.equal(await consentOf('+12505550401', 'sandbox'), 'opted_out'),
      )
      await eventually(async () =>
        assert.equal(await consentOf('+12505550402', 'sandbox'), 'opted_out'),
      )
      await settle()
      await eventually(() => {
        assert.match(lastReceived('+12505550401'), /unsubscribed|opted out|no more/i)
        assert.match(lastReceived('+12505550402'), /unsubscribed|opted out|no more/i)
      })
      const found = await lookUpConsent(app, '+12505550401')
      assert.ok(found.ok)
      const [latest] = found.events
      assert.equal(latest?.source, 'keyword')
      assert.match(latest.evidence ?? '', /"Stop\."/)
    })

    it('ARRET is answered in French, HELP with the program name and support number', async () => {
      text('+12505550403', 'Arrêt')
      text('+12505550404', 'HELP')
      await eventually(async () =>
        assert.equal(await consentOf('+12505550403', 'sandbox'), 'opted_out'),
      )
      await eventually(async () => {
        await settle()
        assert.notEqual(lastReceived('+12505550403'), '')
        assert.match(lastReceived('+12505550404'), /Parley Sandbox/)
      })
      assert.doesNotMatch(lastReceived('+12505550403'), /\b(you|your)\b/i, 'the reply is in French')
      assert.match(lastReceived('+12505550404'), /1-800-555-0199/)
    })

    it('START opts back in and confirms', async () => {
      text('+12505550402', 'start')
      await eventually(async () =>
        assert.equal(await consentOf('+12505550402', 'sandbox'), 'opted_in'),
      )
    })

    it('ignores a carrier repeating the same message id', async () => {
      const sms = {
        carrierId: 'SMdup1',
        from: '+12505550405',
        to: SANDBOX_NUMBER,
        body: 'hello',
        receivedAt: clock.now(),
      }
      const deps = {
        config: app.config,
        store: app.store,
        clock,
        random: app.random,
        logger: app.logger,
        wake: () => undefined,
      }
      assert.equal((await receiveInbound(deps, 'sandbox', sms)).kind, 'conversation')
      assert.equal((await receiveInbound(deps, 'sandbox', sms)).kind, 'duplicate')
      const stored = await app.store.db
        .selectFrom('messages')
        .select('id')
        .where('from_number', '=', '+12505550405')
        .execute()
      assert.equal(stored.length, 1)
    })

    it('records a survey rating, and opens a follow-up conversation for words or a low rating', async () => {
      const send = async (to: string) => {
        await recordConsent(app, {
          phone: to,
          program: 'surveys',
          status: 'opted_in',
          source: 'web',
          evidence: 'visit',
          actor: 'test',
        })
        const res = await server.inject({
          method: 'POST',
          url: '/v1/messages',
          headers: { authorization: `Bearer ${key}` },
          payload: { to, template: 'satisfaction_survey', program: 'surveys', personalisation: {} },
        })
        assert.equal(res.statusCode, 202, res.body)
      }
      await send('+12505550406')
      await send('+12505550407')
      await send('+12505550408')
      text('+12505550406', '5', SURVEY_NUMBER)
      text('+12505550407', 'The wait was far too long', SURVEY_NUMBER)
      text('+12505550408', '1', SURVEY_NUMBER)
      await eventually(async () => {
        const answered = await app.store.db
          .selectFrom('survey_sessions')
          .select(['phone', 'rating', 'response', 'conversation_id'])
          .where('answered_at', 'is not', null)
          .orderBy('phone')
          .execute()
        assert.deepEqual(
          answered.map((a) => [a.phone, a.rating, a.conversation_id !== null]),
          [
            ['+12505550406', 5, false],
            ['+12505550407', null, true],
            ['+12505550408', 1, true],
          ],
        )
      })
      const conversations = await app.store.db
        .selectFrom('conversations')
        .select(['queue_id', 'status', 'customer_number'])
        .where('category', '=', 'survey')
        .execute()
      assert.deepEqual(
        new Set(conversations.map((c) => `${c.queue_id} ${c.status}`)),
        new Set(['SBC_HD_SMS_SURVEY waiting']),
      )
      const events = await app.store.db.selectFrom('conversation_events').select('type').execute()
      assert.ok(events.filter((e) => e.type === 'queued').length >= 2)
    })

    it('does not take a reply after the survey window as an answer', async () => {
      await recordConsent(app, {
        phone: '+12505550409',
        program: 'surveys',
        status: 'opted_in',
        source: 'web',
        evidence: 'visit',
        actor: 'test',
      })
      await server.inject({
        method: 'POST',
        url: '/v1/messages',
        headers: { authorization: `Bearer ${key}` },
        payload: {
          to: '+12505550409',
          template: 'satisfaction_survey',
          program: 'surveys',
          personalisation: {},
        },
      })
      offset += 25 * 3_600_000 // the example's window is 24 hours
      const deps = {
        config: app.config,
        store: app.store,
        clock,
        random: app.random,
        logger: app.logger,
        wake: () => undefined,
      }
      const outcome = await receiveInbound(deps, 'sandbox', {
        carrierId: 'late-1',
        from: '+12505550409',
        to: SURVEY_NUMBER,
        body: '4',
        receivedAt: clock.now(),
      })
      assert.equal(outcome.kind, 'conversation')
    })
  })
}
