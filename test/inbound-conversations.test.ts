import assert from 'node:assert/strict'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import type { App } from '../src/app/compose.ts'
import { lookUpCrm } from '../src/app/look-up-crm.ts'
import { lookUpConsent } from '../src/app/record-consent.ts'
import { receiveInbound, type InboundOutcome } from '../src/app/receive-inbound.ts'
import { saveContact } from '../src/app/save-contact.ts'
import { DIALECTS } from './support/dialects.ts'
import { eventually } from './support/eventually.ts'
import { createTestApp } from './support/test-app.ts'

const BCEID_NUMBER = '+12505550101' // the bceid program's sender in the example
const HOUR = 3_600_000
const CRM_TIMEOUT_MS = 1000
const CRM_KNOWN = '+12505550601'
const CRM_SLOW = '+12505550602'
const CRM_BROKEN = '+12505550603'

/** A CRM stand-in: one known citizen, one answer too slow to wait for, one server error. */
async function startCrm(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const phone = new URL(req.url ?? '/', 'http://crm').searchParams.get('phone')
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    }
    if (phone === CRM_KNOWN) json(200, { name: 'Jane Doe', caseNumber: 'CS-123456' })
    else if (phone === CRM_SLOW)
      setTimeout(() => json(200, { name: 'Too Late' }), 3 * CRM_TIMEOUT_MS)
    else if (phone === CRM_BROKEN) json(500, { error: 'database down' })
    else if (phone === '+12505550604') json(200, [1, 2])
    else json(404, { error: 'not found' })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { server, url: `http://127.0.0.1:${port}/lookup` }
}

for (const { dialect, skip } of DIALECTS) {
  describe(`inbound conversations [${dialect}]`, { skip }, () => {
    let app: App
    let logLines: string[]
    let crm: { server: Server; url: string }
    let offset = 0
    let carrierIds = 0
    const clock = { now: () => Date.now() + offset }

    const text = async (from: string, body: string, to = BCEID_NUMBER): Promise<InboundOutcome> =>
      receiveInbound(
        {
          config: app.config,
          store: app.store,
          clock,
          random: app.random,
          logger: app.logger,
          wake: () => undefined,
        },
        'sandbox',
        { carrierId: `conv-${++carrierIds}`, from, to, body, receivedAt: clock.now() },
      )
    const conversationOf = async (from: string, body: string, to = BCEID_NUMBER) => {
      const outcome = await text(from, body, to)
      assert.equal(outcome.kind, 'conversation')
      return outcome
    }
    const row = (id: string) =>
      app.store.db
        .selectFrom('conversations')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    const events = (id: string) =>
      app.store.db
        .selectFrom('conversation_events')
        .selectAll()
        .where('conversation_id', '=', id)
        .orderBy('occurred_at')
        .orderBy('id')
        .execute()
    const inbound = (from: string) =>
      app.store.db
        .selectFrom('messages')
        .selectAll()
        .where('from_number', '=', from)
        .where('direction', '=', 'inbound')
        .orderBy('id')
        .execute()
    const received = (phone: string, peer = BCEID_NUMBER) =>
      (app.gateways.sandbox?.phoneInbox(phone) ?? [])
        .filter((m) => m.peer === peer)
        .map((m) => m.body)
    const settle = async () => {
      for (let i = 0; i < 3; i++) await app.dispatcher.drain()
    }

    before(async () => {
      crm = await startCrm()
      ;({ app, logLines } = await createTestApp({
        dialect,
        compose: { clock },
        editConfig: (y) =>
          y
            .replace('deliveryDelayMs: 500', 'deliveryDelayMs: 1')
            .replace(
              'label: BCeID support long code',
              'label: BCeID support long code\n    segmentsPerSecond: 1000',
            ) + `\ncrm:\n  lookupUrl: ${crm.url}\n  timeoutMs: ${CRM_TIMEOUT_MS}\n`,
      }))
      await app.gateways.start()
    })
    after(async () => {
      await app.gateways.stop()
      await app.close()
      crm.server.closeAllConnections()
      await new Promise((resolve) => crm.server.close(resolve))
    })

    it('opens a conversation in SBC_HD_SMS_BCEID with the bceid skill, the user id captured and masked at rest, and acknowledges it', async () => {
      const from = '+12505550501'
      const outcome = await conversationOf(from, 'My BCeID password is locked, user id: jdoe99')
      assert.ok(outcome.opened)
      assert.equal(outcome.queue, 'SBC_HD_SMS_BCEID')
      assert.deepEqual(outcome.skills, ['bceid'])
      assert.equal(outcome.flagged, false)

      const conversation = await row(outcome.conversationId)
      assert.equal(conversation.status, 'waiting')
      assert.equal(conversation.category, 'bceid')
      assert.equal(conversation.customer_number, from)
      assert.equal(conversation.our_number, BCEID_NUMBER)
      assert.deepEqual(JSON.parse(conversation.attributes), { bceidUser: 'jdoe99' })

      const [message] = await inbound(from)
      assert.equal(message?.body, 'My BCeID password is locked, user id: [user id]')
      assert.equal(message.conversation_id, outcome.conversationId)

      const recorded = await events(outcome.conversationId)
      assert.deepEqual(
        recorded.map((e) => e.type),
        ['created', 'queued', 'message_in', 'message_out'],
      )
      const queued = recorded.find((e) => e.type === 'queued')
      assert.equal(queued?.queue_id, 'SBC_HD_SMS_BCEID')
      assert.equal(queued.skill, 'bceid')
      assert.equal(queued.number, BCEID_NUMBER)
      assert.ok(recorded.every((e) => e.occurred_at > 0 && !(e.data ?? '').includes('jdoe99')))
      assert.deepEqual(JSON.parse(recorded[2]?.data ?? '{}'), {
        messageId: message.id,
        masked: ['bceid-user'],
      })

      await settle()
      await eventually(() =>
        assert.deepEqual(received(from), [
          'Service BC: we received your message. An agent will reply shortly (Mon-Fri 7:30-17:00).',
        ]),
      )
    })

    it('threads a text into the open conversation while its last activity is within 72 hours, then opens a new one', async () => {
      const from = '+12505550502'
      const first = await conversationOf(from, 'BCeID question')
      offset += 71 * HOUR
      const second = await conversationOf(from, 'my username: jdoe77')
      assert.equal(second.opened, false)
      assert.equal(second.conversationId, first.conversationId)
      // a later text's capture is kept too, and masked
      assert.deepEqual(JSON.parse((await row(first.conversationId)).attributes), {
        bceidUser: 'jdoe77',
      })
      assert.equal((await inbound(from))[1]?.body, 'my username: [user id]')

      offset += 71 * HOUR // 142 h since it opened, 71 h since the last text: still the same
      const third = await conversationOf(from, 'still locked')
      assert.equal(third.conversationId, first.conversationId)

      offset += 73 * HOUR
      const fourth = await conversationOf(from, 'hello again')
      assert.ok(fourth.opened)
      assert.notEqual(fourth.conversationId, first.conversationId)
      assert.deepEqual(fourth.expired, [first.conversationId])
      const old = await row(first.conversationId)
      assert.equal(old.close_reason, 'timeout')
      assert.notEqual(old.closed_at, null)
      // REFERENCE.md: closed before an agent accepted it = abandoned
      assert.equal((await events(first.conversationId)).at(-1)?.type, 'abandoned')
      const texts = (await events(first.conversationId)).filter((e) => e.type === 'message_in')
      assert.equal(texts.length, 3)

      await settle()
      await eventually(() => assert.equal(received(from).length, 2, 'one acknowledgement each'))
    })

    it('opens one conversation for two texts arriving together', async () => {
      const from = '+12505550503'
      const [a, b] = await Promise.all([
        conversationOf(from, 'BCeID locked'),
        conversationOf(from, 'I cannot sign in'),
      ])
      assert.equal(a.conversationId, b.conversationId)
      assert.deepEqual([a.opened, b.opened].sort(), [false, true])
    })

    it('flags "please stop texting me" for an agent, without an acknowledgement or an opt-out', async () => {
      const from = '+12505550504'
      const outcome = await conversationOf(from, 'please stop texting me')
      assert.equal(outcome.intent, 'possible_opt_out')
      assert.ok(outcome.opened)
      assert.equal(outcome.flagged, true)
      assert.equal((await row(outcome.conversationId)).flagged, 1)
      assert.equal(outcome.acknowledgementId, undefined)

      const joined = await conversationOf('+12505550505', 'BCeID locked')
      await conversationOf('+12505550505', 'ok stop it now, I am done')
      assert.equal((await row(joined.conversationId)).flagged, 1, 'a later text flags it too')

      await settle()
      assert.deepEqual(received(from), [])
      const consent = await lookUpConsent(app, from)
      assert.ok(consent.ok)
      assert.deepEqual(consent.events, [], 'an agent decides whether it is an opt-out')
    })

    it('STOP closes the open conversation as opted_out and blocks its queued acknowledgement', async () => {
      const from = '+12505550506'
      const opened = await conversationOf(from, 'BCeID locked out')
      const elsewhere = await conversationOf(from, 'hello', '+12505550199')
      const stop = await text(from, 'STOP')
      assert.equal(stop.kind, 'keyword')
      assert.deepEqual(stop.closed, [{ id: opened.conversationId, event: 'abandoned' }])
      const closed = await row(opened.conversationId)
      assert.equal(closed.status, 'closed')
      assert.equal(closed.close_reason, 'opted_out')
      const last = (await events(opened.conversationId)).at(-1)
      assert.equal(last?.type, 'abandoned')
      assert.deepEqual(JSON.parse(last.data ?? '{}'), { reason: 'opted_out' })
      assert.equal(
        (await row(elsewhere.conversationId)).closed_at,
        null,
        'other programs stay open',
      )

      assert.ok(opened.opened && opened.acknowledgementId)
      const ack = await app.store.db
        .selectFrom('messages')
        .select(['status', 'error_code'])
        .where('id', '=', opened.acknowledgementId)
        .executeTakeFirstOrThrow()
      assert.deepEqual(ack, { status: 'blocked', error_code: 'opted_out' })
      await settle()
      await eventually(() => assert.equal(received(from).length, 1))
      assert.match(received(from)[0] ?? '', /unsubscribed|opted out|no more/i)

      // writing again opens a new conversation, but nothing automatic goes to an opted-out number
      const again = await conversationOf(from, 'BCeID question')
      assert.ok(again.opened)
      assert.notEqual(again.conversationId, opened.conversationId)
      assert.equal(again.acknowledgementId, undefined)
    })

    it('STOP ends a conversation an agent had accepted, leaving the wrap-up to them', async () => {
      const from = '+12505550507'
      const opened = await conversationOf(from, 'BCeID locked')
      await app.store.db
        .updateTable('conversations')
        .set({ status: 'accepted', accepted_at: clock.now() })
        .where('id', '=', opened.conversationId)
        .execute()
      const stop = await text(from, 'stop')
      assert.ok(stop.kind === 'keyword')
      assert.deepEqual(stop.closed, [{ id: opened.conversationId, event: 'ended' }])
      const ended = await row(opened.conversationId)
      assert.equal(ended.status, 'ended')
      assert.equal(ended.close_reason, 'opted_out')
      assert.notEqual(ended.ended_at, null)
    })

    it('masks a SIN and a credit card number at rest', async () => {
      const from = '+12505550508'
      const outcome = await conversationOf(
        from,
        'My SIN is 046 454 286 and my card is 4111 1111 1111 1111',
      )
      const [message] = await inbound(from)
      assert.equal(message?.body, 'My SIN is [SIN] and my card is [card]')
      const conversation = await row(outcome.conversationId)
      const data = (await events(outcome.conversationId)).map((e) => e.data)
      const stored = JSON.stringify([conversation.attributes, data])
      assert.ok(!stored.includes('046 454 286') && !stored.includes('4111 1111 1111 1111'))
    })

    it('acknowledges in French when the citizen writes French or the contact prefers it', async () => {
      await conversationOf('+12505550509', 'Bonjour, mon mot de passe BCeID est bloqué')
      await saveContact(
        { config: app.config, store: app.store, clock, random: app.random },
        { phone: '+12505550510', language: 'fr' },
      )
      await conversationOf('+12505550510', 'BCeID locked')
      await settle()
      await eventually(() => {
        assert.match(received('+12505550509')[0] ?? '', /nous avons reçu votre message/)
        assert.match(received('+12505550510')[0] ?? '', /nous avons reçu votre message/)
      })
    })

    it('stores CRM screen-pop data once the conversation is queued', async () => {
      const outcome = await conversationOf(CRM_KNOWN, 'BCeID locked')
      await eventually(async () =>
        assert.deepEqual(JSON.parse((await row(outcome.conversationId)).attributes), {
          crm: { name: 'Jane Doe', caseNumber: 'CS-123456' },
        }),
      )
    })

    it('never waits for a slow CRM, and logs a failed lookup without the number', async () => {
      const slow = await conversationOf(CRM_SLOW, 'BCeID locked')
      // routed while the lookup is still out: it has neither answered nor timed out yet
      assert.ok(
        !logLines.some((l) => l.includes('CRM lookup failed') && l.includes(slow.conversationId)),
      )
      assert.equal((await row(slow.conversationId)).status, 'waiting')
      const broken = await conversationOf(CRM_BROKEN, 'BCeID locked')
      await eventually(() => {
        const failures = logLines.filter((l) => l.includes('CRM lookup failed'))
        assert.ok(failures.some((l) => l.includes(slow.conversationId) && l.includes('"timeout"')))
        assert.ok(
          failures.some((l) => l.includes(broken.conversationId) && l.includes('"status":500')),
        )
        assert.ok(failures.every((l) => !l.includes('5550602') && !l.includes('5550603')))
      }, 3 * CRM_TIMEOUT_MS)
      assert.equal((await row(slow.conversationId)).attributes, '{}')
      assert.equal((await row(broken.conversationId)).attributes, '{}')
    })

    it('takes only a JSON object from the CRM', async () => {
      const config = { lookupUrl: crm.url, timeoutMs: CRM_TIMEOUT_MS }
      assert.deepEqual(await lookUpCrm(config, '+12505550604'), {
        ok: false,
        reason: 'not_json_object',
      })
      assert.deepEqual(await lookUpCrm(config, '+12505550699'), {
        ok: false,
        reason: 'http_status',
        status: 404,
      })
      assert.deepEqual(
        await lookUpCrm({ lookupUrl: 'http://127.0.0.1:1/lookup', timeoutMs: 500 }, CRM_KNOWN),
        { ok: false, reason: 'unreachable' },
      )
    })
  })
}
