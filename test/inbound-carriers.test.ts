import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
// The official library's own signing, so our check is held to what Twilio really sends.
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js'
import type { App } from '../src/app/compose.ts'
import { startFakeSmsc, type FakeSmsc } from '../src/gateways/smpp/testing/fake-smsc.ts'
import { buildServer, type ParleyServer } from '../src/http/build-server.ts'
import { DIALECTS } from './support/dialects.ts'
import { eventually } from './support/eventually.ts'
import { editsOf, withPublicUrl, withSmpp, withTwilio } from './support/peer-config.ts'
import { createTestApp } from './support/test-app.ts'

const AUTH_TOKEN = 'twilio-test-auth-token-0123456789'
const ACCOUNT_SID = 'AC00000000000000000000000000000000' // the example configuration's
// Deliberately not the address the test talks to: Twilio signs the public URL (behind a proxy).
const PUBLIC_URL = 'https://parley.gov.example'
const INBOUND_PATH = '/webhooks/twilio/twilio-longcode/inbound'
const BCEID_NUMBER = '+12505550101' // the bceid program's long code, on twilio-longcode
const SHORT_CODE = '55123' // the alerts program's short code, on smpp-shortcode
const SMPP_SYSTEM_ID = 'servicebc' // the example configuration's systemId
const SMPP_PASSWORD = 'smpp-bind-secret'

for (const { dialect, skip } of DIALECTS) {
  describe(`inbound texts from real carrier protocols [${dialect}]`, { skip }, () => {
    let smsc: FakeSmsc
    let app: App
    let server: ParleyServer
    let sids = 0
    const closers: (() => Promise<unknown>)[] = []

    before(async () => {
      smsc = await startFakeSmsc({
        systemId: SMPP_SYSTEM_ID,
        password: SMPP_PASSWORD,
        receiptDelayMs: null,
      })
      closers.push(() => smsc.close())
      ;({ app } = await createTestApp({
        dialect,
        env: { TWILIO_AUTH_TOKEN: AUTH_TOKEN, SMPP_SHORTCODE_PASSWORD: SMPP_PASSWORD },
        // nothing is sent in these tests (no dispatcher), so Twilio's REST API is never called
        editConfig: editsOf(
          withPublicUrl(PUBLIC_URL),
          withTwilio('http://127.0.0.1:9'),
          withSmpp(smsc.port),
        ),
      }))
      closers.push(() => app.close())
      await app.gateways.start()
      closers.push(() => app.gateways.stop())
      server = await buildServer(app)
      closers.push(() => server.close())
    })
    after(async () => {
      for (const close of closers.splice(0).reverse()) await close()
    })

    const newSid = () => `SM${String(++sids).padStart(32, '0')}`
    /** An incoming-message webhook as Twilio posts it: form-encoded, signed over the public URL. */
    const webhook = (params: Record<string, string>, signature?: string) =>
      server.inject({
        method: 'POST',
        url: INBOUND_PATH,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature':
            signature ?? getExpectedTwilioSignature(AUTH_TOKEN, PUBLIC_URL + INBOUND_PATH, params),
        },
        payload: new URLSearchParams(params).toString(),
      })
    const incoming = (from: string, sid: string, body: string) => ({
      AccountSid: ACCOUNT_SID,
      ApiVersion: '2010-04-01',
      MessageSid: sid,
      SmsMessageSid: sid,
      SmsSid: sid,
      From: from,
      To: BCEID_NUMBER,
      Body: body,
      NumMedia: '0',
      NumSegments: '1',
    })
    const inboundFrom = (from: string) =>
      app.store.db
        .selectFrom('messages')
        .selectAll()
        .where('direction', '=', 'inbound')
        .where('from_number', '=', from)
        .orderBy('created_at')
        .execute()
    const conversationsOf = (from: string) =>
      app.store.db
        .selectFrom('conversations')
        .selectAll()
        .where('customer_number', '=', from)
        .execute()
    const eventTypes = async (conversationId: string) =>
      (
        await app.store.db
          .selectFrom('conversation_events')
          .select('type')
          .where('conversation_id', '=', conversationId)
          .orderBy('occurred_at')
          .orderBy('id')
          .execute()
      ).map((e) => e.type)

    it('answers a signed Twilio incoming-message webhook with empty TwiML, stores the text once and opens a conversation', async () => {
      const from = '+12505558001'
      const sid = newSid()
      const res = await webhook(incoming(from, sid, 'BCEID I am locked out'))
      assert.equal(res.statusCode, 200, res.body)
      assert.match(String(res.headers['content-type']), /^text\/xml/)
      assert.match(res.body, /<Response><\/Response>/)

      await eventually(async () => assert.equal((await conversationsOf(from)).length, 1))
      const [message, ...others] = await inboundFrom(from)
      assert.equal(others.length, 0)
      assert.equal(message?.body, 'BCEID I am locked out')
      assert.equal(message.to_number, BCEID_NUMBER)
      assert.equal(message.trunk, 'twilio-longcode')
      const [conversation] = await conversationsOf(from)
      assert.equal(conversation?.id, message.conversation_id)
      assert.equal(conversation.our_number, BCEID_NUMBER)
      assert.equal(conversation.queue_id, 'SBC_HD_SMS_BCEID')
      assert.equal(conversation.status, 'waiting')
      const ref = await app.store.db
        .selectFrom('carrier_refs')
        .select('message_id')
        .where('trunk', '=', 'twilio-longcode')
        .where('carrier_id', '=', sid)
        .executeTakeFirst()
      assert.equal(ref?.message_id, message.id, 'the MessageSid is kept to recognise a repeat')
    })

    it('acknowledges a repeated MessageSid with 200 and ignores it: still one stored message', async () => {
      const from = '+12505558002'
      const sid = newSid()
      const params = incoming(from, sid, 'BCEID password reset please')
      assert.equal((await webhook(params)).statusCode, 200)
      await eventually(async () => assert.equal((await inboundFrom(from)).length, 1))

      const again = await webhook(params)
      assert.equal(again.statusCode, 200, 'Twilio retries until it gets a 2xx: acknowledge it')
      assert.match(again.body, /<Response><\/Response>/)
      // a later, different text from the same phone, stored after the repeat was handled
      assert.equal((await webhook(incoming(from, newSid(), 'are you there?'))).statusCode, 200)
      await eventually(async () => assert.equal((await inboundFrom(from)).length, 2))
      await new Promise((resolve) => setTimeout(resolve, 100))
      assert.deepEqual(
        (await inboundFrom(from)).map((m) => m.body),
        ['BCEID password reset please', 'are you there?'],
        'the repeat was not stored',
      )
      const [conversation, ...more] = await conversationsOf(from)
      assert.equal(more.length, 0)
      assert.ok(conversation)
      assert.equal(
        (await eventTypes(conversation.id)).filter((t) => t === 'message_in').length,
        2,
        'the repeat did not reach the conversation either',
      )
    })

    const forged: { name: string; signature: (p: Record<string, string>) => string }[] = [
      {
        name: 'another auth token',
        signature: (p) => getExpectedTwilioSignature('not-our-token', PUBLIC_URL + INBOUND_PATH, p),
      },
      {
        // REFERENCE.md, Twilio: the signature covers the URL Twilio called, i.e. the public one
        name: 'the local URL instead of the public one',
        signature: (p) =>
          getExpectedTwilioSignature(AUTH_TOKEN, `http://127.0.0.1:3000${INBOUND_PATH}`, p),
      },
      {
        name: 'another body',
        signature: (p) =>
          getExpectedTwilioSignature(AUTH_TOKEN, PUBLIC_URL + INBOUND_PATH, {
            ...p,
            Body: 'something else',
          }),
      },
    ]
    for (const { name, signature } of forged) {
      it(`refuses an incoming-message webhook signed with ${name}: 403, nothing stored`, async () => {
        const from = `+1250555${8100 + sids}`
        const params = incoming(from, newSid(), 'BCEID forged')
        const res = await webhook(params, signature(params))
        assert.equal(res.statusCode, 403, res.body)
        assert.equal(res.json<{ error: { code: string } }>().error.code, 'invalid_signature')
        // the genuine webhook afterwards is stored, so the refusal is what kept the first out
        assert.equal((await webhook(params)).statusCode, 200)
        await eventually(async () => assert.equal((await inboundFrom(from)).length, 1))
      })
    }

    it('stores a mobile-originated SMPP text to 55123 and opens a conversation in SBC_HD_SMS_ALERTS (rule alert-replies)', async () => {
      const from = '+12505558201'
      smsc.sendMo({ from, to: SHORT_CODE, text: 'Is the evacuation order still in effect?' })
      let conversations: Awaited<ReturnType<typeof conversationsOf>> = []
      await eventually(async () => {
        conversations = await conversationsOf(from)
        assert.equal(conversations.length, 1)
      })
      const [conversation] = conversations
      assert.equal(conversation?.queue_id, 'SBC_HD_SMS_ALERTS')
      assert.equal(conversation.our_number, SHORT_CODE)
      assert.equal(conversation.category, 'emergency')
      assert.equal(conversation.priority, 9)
      assert.equal(conversation.status, 'waiting')
      const [message, ...others] = await inboundFrom(from)
      assert.equal(others.length, 0)
      assert.equal(message?.body, 'Is the evacuation order still in effect?')
      assert.equal(message.trunk, 'smpp-shortcode')
      assert.equal(message.conversation_id, conversation.id)
      assert.deepEqual((await eventTypes(conversation.id)).slice(0, 3), [
        'created',
        'queued',
        'message_in',
      ])
      await eventually(() => assert.ok(smsc.stats.deliverAcks >= 1, 'deliver_sm acknowledged'))
    })
  })
}
