import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { App } from '../src/app/compose.ts'
import { createApiKey } from '../src/app/manage-api-keys.ts'
import { startFakeSmsc, type FakeSmsc } from '../src/gateways/smpp/testing/fake-smsc.ts'
import { buildServer, type ParleyServer } from '../src/http/build-server.ts'
import { apiClient, type ApiClient } from './support/api-client.ts'
import { DIALECTS } from './support/dialects.ts'
import { eventually } from './support/eventually.ts'
import { withSmpp } from './support/peer-config.ts'
import { createTestApp } from './support/test-app.ts'

const SYSTEM_ID = 'servicebc' // the example configuration's systemId
const PASSWORD = 'smpp-bind-secret'

const alert = (to: string, message: string, extra: Record<string, unknown> = {}) => ({
  to,
  template: 'emergency_alert',
  program: 'alerts',
  priority: 'high',
  personalisation: { message, url: 'https://alerts.gov.example/fire' },
  ...extra,
})

for (const { dialect, skip } of DIALECTS) {
  describe(`outbound alerts over a real SMPP bind [${dialect}]`, { skip }, () => {
    let smsc: FakeSmsc
    let app: App
    let server: ParleyServer
    let api: ApiClient
    let phones = 0
    const closers: (() => Promise<unknown>)[] = []

    before(async () => {
      // receipts on demand only, so a test decides when each one arrives
      smsc = await startFakeSmsc({ systemId: SYSTEM_ID, password: PASSWORD, receiptDelayMs: null })
      closers.push(() => smsc.close())
      ;({ app } = await createTestApp({
        dialect,
        env: { SMPP_SHORTCODE_PASSWORD: PASSWORD },
        editConfig: withSmpp(smsc.port),
        // one message per claim, so the order of claims is visible at the SMSC
        compose: { dispatcher: { batchSize: 1 } },
      }))
      closers.push(() => app.close())
      await app.gateways.start()
      closers.push(() => app.gateways.stop())
      assert.equal(smsc.boundSessions, 1, 'bound as transceiver at start')
      server = await buildServer(app)
      closers.push(() => server.close())
      api = apiClient(
        server,
        (await createApiKey(app, { name: 'alerts-console', scopes: ['send'], test: false })).key,
      )
    })
    after(async () => {
      // newest first: the server, then the trunks (a polite unbind), the store, the peers
      for (const close of closers.splice(0).reverse()) await close()
    })

    const optedIn = async () => {
      const to = `+1250555${String(400 + ++phones).padStart(4, '0')}`
      await api.optIn(to, 'alerts')
      return to
    }
    const submitsTo = (to: string) => smsc.submits.filter((s) => s.destAddr === to.slice(1))
    const statusOf = async (id: string) => (await api.message(id)).status

    it('sends an alert from the short code 55123 as one submit_sm, and its receipt marks it delivered', async () => {
      const to = await optedIn()
      const accepted = await api.send(
        alert(to, 'Wildfire evacuation order for Zone 3. Leave now by Highway 97 north.'),
      )
      assert.equal(accepted.encoding, 'gsm7')
      assert.equal(await app.dispatcher.drain(), 1)
      const message = await api.message(accepted.id)
      assert.equal(message.status, 'sent')
      assert.equal(message.trunk, 'smpp-shortcode')
      const [submit, ...more] = submitsTo(to)
      assert.ok(submit)
      assert.equal(more.length, 0)
      assert.deepEqual(
        {
          source: [submit.sourceAddr, submit.sourceTon],
          dest: [submit.destAddr, submit.destTon, submit.destNpi],
          dataCoding: submit.dataCoding,
          esmClass: submit.esmClass,
          registeredDelivery: submit.registeredDelivery,
          text: submit.text,
        },
        {
          source: ['55123', 3], // short code: TON 3, network specific
          dest: [to.slice(1), 1, 1], // international, ISDN, without '+'
          dataCoding: 0, // GSM 03.38 (src/gateways/README.md, SMPP encoding)
          esmClass: 0,
          registeredDelivery: 1,
          text: 'BC ALERT: Wildfire evacuation order for Zone 3. Leave now by Highway 97 north. More: https://alerts.gov.example/fire',
        },
      )
      assert.equal(message.body, submit.text)
      // the SMSC answers in hex and receipts in decimal (REFERENCE.md, SMPP): still matched
      smsc.sendReceiptFor(submit, 'DELIVRD')
      await api.settled(accepted.id, 'delivered')
      assert.deepEqual(
        (await api.message(accepted.id)).history.map((h) => h.status),
        ['queued', 'sent', 'delivered'],
      )
    })

    it('sends a French alert with a character outside GSM-7 as UCS-2 (data_coding 8), accents intact', async () => {
      const to = await optedIn()
      const accepted = await api.send(
        alert(to, 'Évacuation : fermez portes et fenêtres.', { language: 'fr' }),
      )
      assert.equal(accepted.encoding, 'ucs2')
      assert.equal(accepted.segments, 2, '94 characters: two 67-character UCS-2 parts')
      await app.dispatcher.drain()
      const parts = submitsTo(to)
      assert.deepEqual(
        parts.map((p) => p.dataCoding),
        [8, 8],
      )
      assert.equal(
        parts.map((p) => p.text).join(''),
        'ALERTE C.-B. : Évacuation : fermez portes et fenêtres. Plus : https://alerts.gov.example/fire',
      )
    })

    it('sends a long alert as concatenated parts and marks it delivered only when every part is', async () => {
      const to = await optedIn()
      const long = [
        'Wildfire evacuation order for Zones 3, 4 and 5 of the Okanagan.',
        'Leave now by Highway 97 north; Highway 33 is closed at Beaverdell.',
        'Reception centre: Kelowna Curling Club, 551 Recreation Ave, open all night.',
        'Bring medication, documents and pets. Check on neighbours who may need help.',
        'Do not return until the order is lifted.',
      ].join(' ')
      const accepted = await api.send(alert(to, long))
      assert.equal(accepted.segments, 3, 'over 306 GSM-7 characters: three 153-character parts')
      assert.equal(await app.dispatcher.drain(), 1)
      const parts = submitsTo(to)
      assert.equal(parts.length, 3)
      const ref = parts[0]?.udh[0]?.[2]
      parts.forEach((part, i) => {
        assert.equal(part.esmClass, 0x40, 'UDH indicator')
        assert.deepEqual([...(part.udh[0] ?? [])], [0x00, 0x03, ref, 3, i + 1])
        assert.equal(part.sourceAddr, '55123')
      })
      assert.equal(parts.map((p) => p.text).join(''), (await api.message(accepted.id)).body)

      // receipts come back in any order; the text is delivered once the last one is in
      for (const part of [parts[2], parts[0]]) {
        assert.ok(part)
        smsc.sendReceiptFor(part, 'DELIVRD')
        await eventually(async () => {
          const row = await app.store.db
            .selectFrom('carrier_refs')
            .select('status')
            .where('carrier_id', '=', part.messageId ?? '')
            .executeTakeFirstOrThrow()
          assert.equal(row.status, 'delivered')
        })
        assert.equal(await statusOf(accepted.id), 'sent', 'a part is still on its way')
      }
      assert.ok(parts[1])
      smsc.sendReceiptFor(parts[1], 'DELIVRD')
      await api.settled(accepted.id, 'delivered')
    })

    it('marks a long alert undelivered when one part’s receipt says UNDELIV', async () => {
      const to = await optedIn()
      const accepted = await api.send(alert(to, 'Boil water advisory. '.repeat(9).trim()))
      assert.equal(accepted.segments, 2)
      await app.dispatcher.drain()
      const [first, second] = submitsTo(to)
      assert.ok(first && second)
      smsc.sendReceiptFor(first, 'DELIVRD')
      smsc.sendReceiptFor(second, 'UNDELIV')
      await api.settled(accepted.id, 'undelivered')
    })

    it('dispatches a high-priority alert before normal messages that were due earlier', async () => {
      const normal = [await optedIn(), await optedIn(), await optedIn()]
      for (const to of normal)
        await api.send(alert(to, 'Planned outage tonight.', { priority: 'normal' }))
      const urgent = await optedIn()
      await api.send(alert(urgent, 'Tsunami warning. Move to high ground now.'))
      const before = smsc.submits.length

      assert.equal(await app.dispatcher.drain(), 1)
      assert.equal(smsc.submits[before]?.destAddr, urgent.slice(1), 'the high lane goes first')
      while ((await app.dispatcher.drain()) > 0);
      assert.deepEqual(
        smsc.submits.slice(before).map((s) => `+${s.destAddr}`),
        [urgent, ...normal],
        'then the normal lane, oldest first',
      )
    })
  })
}
