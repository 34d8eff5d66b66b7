import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
// The official library's own signing, so our check is held to what Twilio really sends.
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js'
import type { App } from '../src/app/compose.ts'
import { buildServer, type ParleyServer } from '../src/http/build-server.ts'
import { stageInboundTexts } from '../src/store/inbound-texts.ts'
import { DIALECTS } from './support/dialects.ts'
import { eventually } from './support/eventually.ts'
import { replacing } from './support/parley-process.ts'
import { editsOf, withPublicUrl, withTwilio } from './support/peer-config.ts'
import { createTestApp } from './support/test-app.ts'

const AUTH_TOKEN = 'twilio-test-auth-token-0123456789'
const PUBLIC_URL = 'https://parley.gov.example'
const INBOUND_PATH = '/webhooks/twilio/twilio-longcode/inbound'
const BCEID_NUMBER = '+12505550101' // the bceid program's long code, on twilio-longcode
const MAX_PENDING = 20

/**
 * The inbound intake (decision 0009) through the real webhook: a text is answered 200 only
 * once it is stored, a text that could not be stored gets 503 with Retry-After, and every
 * stored text is processed, each customer's in order.
 */
for (const { dialect, skip } of DIALECTS) {
  describe(`inbound intake [${dialect}]`, { skip }, () => {
    let app: App
    let server: ParleyServer
    let sids = 0
    let phones = 0

    before(async () => {
      ;({ app } = await createTestApp({
        dialect,
        env: { TWILIO_AUTH_TOKEN: AUTH_TOKEN },
        // nothing is sent (no dispatcher), so Twilio's REST API is never called
        editConfig: editsOf(
          withPublicUrl(PUBLIC_URL),
          withTwilio('http://127.0.0.1:9'),
          replacing('maxPending: 5000', `maxPending: ${MAX_PENDING}`),
        ),
      }))
      await app.gateways.start()
      server = await buildServer(app)
    })
    after(async () => {
      await server.close()
      await app.gateways.stop()
      await app.close()
    })

    const phone = () => `+1250555${String(6000 + ++phones)}`
    const incoming = (
      from: string,
      body: string,
      sid = `SM${String(++sids).padStart(32, '0')}`,
    ) => ({
      AccountSid: 'AC00000000000000000000000000000000',
      MessageSid: sid,
      From: from,
      To: BCEID_NUMBER,
      Body: body,
      NumSegments: '1',
    })
    const webhook = (params: Record<string, string>) =>
      server.inject({
        method: 'POST',
        url: INBOUND_PATH,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': getExpectedTwilioSignature(
            AUTH_TOKEN,
            PUBLIC_URL + INBOUND_PATH,
            params,
          ),
        },
        payload: new URLSearchParams(params).toString(),
      })
    /** Stored inbound texts by MessageSid (processed ones: stage 1's rows are deleted then). */
    const storedSids = async () =>
      (
        await app.store.db
          .selectFrom('carrier_refs as r')
          .innerJoin('messages as m', 'm.id', 'r.message_id')
          .select('r.carrier_id')
          .where('r.trunk', '=', 'twilio-longcode')
          .where('m.direction', '=', 'inbound')
          .execute()
      ).map((r) => r.carrier_id)
    const waiting = async () =>
      Number(
        (
          await app.store.db
            .selectFrom('inbound_texts')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    const conversationsOf = (from: string) =>
      app.store.db
        .selectFrom('conversations')
        .selectAll()
        .where('customer_number', '=', from)
        .orderBy('opened_at')
        .orderBy('id')
        .execute()
    /** The bodies filed under a conversation, in the order its message_in events were stored. */
    const transcript = async (conversationId: string) => {
      const events = await app.store.db
        .selectFrom('conversation_events')
        .select('data')
        .where('conversation_id', '=', conversationId)
        .where('type', '=', 'message_in')
        .orderBy('occurred_at')
        .orderBy('id')
        .execute()
      const ids = events.map((e) => (JSON.parse(e.data ?? '{}') as { messageId: string }).messageId)
      const bodies = new Map(
        (
          await app.store.db
            .selectFrom('messages')
            .select(['id', 'body'])
            .where('id', 'in', ids)
            .execute()
        ).map((m) => [m.id, m.body]),
      )
      return ids.map((id) => bodies.get(id))
    }

    it('under a flood past maxPending, every text answered 200 is stored and processed, every other one got 503 with Retry-After', async () => {
      const sent = Array.from({ length: 10 * MAX_PENDING }, () =>
        incoming(phone(), 'BCEID I am locked out'),
      )
      const answers = await Promise.all(sent.map((params) => webhook(params)))
      const accepted = sent
        .filter((_, i) => answers[i]?.statusCode === 200)
        .map((p) => p.MessageSid)
      const refused = answers.filter((a) => a.statusCode === 503)
      assert.equal(accepted.length + refused.length, sent.length, 'only 200s and 503s')
      assert.ok(refused.length > 0, 'the flood went past maxPending')
      assert.ok(accepted.length >= MAX_PENDING, 'the queue was used to its bound')
      for (const answer of refused) {
        assert.equal(answer.headers['retry-after'], '1')
        assert.equal(answer.json<{ error: { code: string } }>().error.code, 'inbound_busy')
      }

      await eventually(async () => assert.equal(await waiting(), 0), 10_000)
      const stored = new Set(await storedSids())
      assert.deepEqual(
        accepted.filter((sid) => !stored.has(sid)),
        [],
        'no text acknowledged is lost',
      )
      const refusedSids = sent.filter((_, i) => answers[i]?.statusCode === 503)
      assert.deepEqual(
        refusedSids.filter((p) => stored.has(p.MessageSid)),
        [],
        'a refused text is not stored: Twilio offers it again',
      )
      for (const params of sent.filter((_, i) => answers[i]?.statusCode === 200).slice(0, 3)) {
        assert.equal((await conversationsOf(params.From)).length, 1, 'and processed')
      }
    })

    it('answers 503 inbound_unavailable when the text cannot be stored, and 200 once it can', async () => {
      const params = incoming(phone(), 'BCEID question')
      await sql`alter table inbound_texts rename to inbound_texts_away`.execute(app.store.db)
      let answer
      try {
        answer = await webhook(params)
      } finally {
        await sql`alter table inbound_texts_away rename to inbound_texts`.execute(app.store.db)
      }
      assert.equal(answer.statusCode, 503)
      assert.equal(answer.headers['retry-after'], '1')
      assert.equal(answer.json<{ error: { code: string } }>().error.code, 'inbound_unavailable')

      const again = await webhook(params) // Twilio's retry
      assert.equal(again.statusCode, 200)
      await eventually(async () => assert.equal((await conversationsOf(params.From)).length, 1))
      assert.equal((await storedSids()).filter((sid) => sid === params.MessageSid).length, 1)
    })

    it('stores a MessageSid once when Twilio repeats it, before or after it was processed', async () => {
      const params = incoming(phone(), 'BCEID locked')
      const [first, repeat] = await Promise.all([webhook(params), webhook(params)])
      assert.equal(first.statusCode, 200)
      assert.equal(repeat.statusCode, 200, 'a repeat is acknowledged, or Twilio retries it')
      await eventually(async () => assert.equal(await waiting(), 0))
      assert.equal((await webhook(params)).statusCode, 200)
      await eventually(async () => assert.equal(await waiting(), 0))
      assert.equal((await storedSids()).filter((sid) => sid === params.MessageSid).length, 1)
      const [conversation, ...more] = await conversationsOf(params.From)
      assert.equal(more.length, 0)
      assert.deepEqual(await transcript(conversation?.id ?? ''), ['BCEID locked'])
    })

    it("processes each customer's texts in arrival order: text, STOP, text gives two conversations", async () => {
      const stopper = phone()
      const chatty = phone()
      const order = [
        { from: stopper, body: 'BCEID locked out' },
        { from: chatty, body: 'one' },
        { from: stopper, body: 'STOP' },
        { from: chatty, body: 'two' },
        { from: stopper, body: 'hello again' },
        { from: chatty, body: 'three' },
      ]
      // stored together, as one burst: the worker takes them in one batch
      await stageInboundTexts(
        app.store.db,
        order.map(({ from, body }) => ({
          id: app.random.id(),
          trunk: 'twilio-longcode',
          carrierId: `SM-order-${from}-${body}`,
          from,
          to: BCEID_NUMBER,
          body,
          receivedAt: app.clock.now(),
        })),
      )
      await app.inbound.drain()
      assert.equal(await waiting(), 0)

      const [before, afterStop, ...more] = await conversationsOf(stopper)
      assert.equal(more.length, 0)
      assert.equal(before?.close_reason, 'opted_out', 'STOP closed the first conversation')
      assert.deepEqual(await transcript(before.id), ['BCEID locked out'])
      assert.equal(afterStop?.status, 'waiting')
      assert.deepEqual(await transcript(afterStop.id), ['hello again'])

      const [conversation, ...others] = await conversationsOf(chatty)
      assert.equal(others.length, 0)
      assert.deepEqual(await transcript(conversation?.id ?? ''), ['one', 'two', 'three'])
    })

    it('texts from one number arriving together open one conversation', async () => {
      const from = phone()
      const answers = await Promise.all(
        ['BCEID locked', 'I cannot sign in', 'my account is locked'].map((body) =>
          webhook(incoming(from, body)),
        ),
      )
      assert.deepEqual(
        answers.map((a) => a.statusCode),
        [200, 200, 200],
      )
      await eventually(async () => assert.equal(await waiting(), 0))
      const [conversation, ...more] = await conversationsOf(from)
      assert.equal(more.length, 0)
      assert.deepEqual((await transcript(conversation?.id ?? '')).sort(), [
        'BCEID locked',
        'I cannot sign in',
        'my account is locked',
      ])
    })
  })
}
