import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
// The official library's own signing, so our check is held to what Twilio really sends.
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js'
import type { App } from '../src/app/compose.ts'
import { createApiKey } from '../src/app/manage-api-keys.ts'
import {
  startFakeTwilioApi,
  type FakeTwilioApi,
} from '../src/gateways/twilio/testing/fake-twilio-api.ts'
import { buildServer, type ParleyServer } from '../src/http/build-server.ts'
import { getMessage } from '../src/store/messages.ts'
import { apiClient, type ApiClient } from './support/api-client.ts'
import { DIALECTS } from './support/dialects.ts'
import { eventually } from './support/eventually.ts'
import { manualClock } from './support/people.ts'
import { editsOf, withPublicUrl, withSenderRate, withTwilio } from './support/peer-config.ts'
import { createTestApp } from './support/test-app.ts'

const AUTH_TOKEN = 'twilio-test-auth-token-0123456789'
const ACCOUNT_SID = 'AC00000000000000000000000000000000'
// Deliberately not the address the test talks to: Twilio signs the public URL (behind a proxy).
const PUBLIC_URL = 'https://parley.gov.example'
const STATUS_PATH = '/webhooks/twilio/twilio-longcode/status'

const caseUpdate = (to: string) => ({
  to,
  template: 'case_update',
  program: 'general',
  personalisation: { caseNumber: 'CS-654321', status: 'approved' },
})

for (const { dialect, skip } of DIALECTS) {
  describe(`outbound through Twilio's REST API and status callbacks [${dialect}]`, { skip }, () => {
    const clock = manualClock()
    let twilio: FakeTwilioApi
    let app: App
    let server: ParleyServer
    let api: ApiClient
    let phones = 0
    const closers: (() => Promise<unknown>)[] = []

    before(async () => {
      twilio = await startFakeTwilioApi()
      closers.push(() => twilio.close())
      ;({ app } = await createTestApp({
        dialect,
        env: { TWILIO_AUTH_TOKEN: AUTH_TOKEN },
        editConfig: editsOf(
          withPublicUrl(PUBLIC_URL),
          withTwilio(twilio.baseUrl),
          // the long code's own limit (1 segment/s) is the token bucket's business, not this file's
          withSenderRate('+12505550100', 100),
        ),
        compose: { clock },
      }))
      closers.push(() => app.close())
      await app.gateways.start()
      closers.push(() => app.gateways.stop())
      server = await buildServer(app)
      closers.push(() => server.close())
      // the manual clock stands still: stepping it past each acceptance keeps a message's
      // history in time order rather than leaving equal timestamps to the event ids
      api = apiClient(
        server,
        (await createApiKey(app, { name: 'crm', scopes: ['send'], test: false })).key,
        { afterSend: () => clock.advance(1) },
      )
    })
    after(async () => {
      // newest first: the server, then the trunks (a polite unbind), the store, the peers
      for (const close of closers.splice(0).reverse()) await close()
    })

    /** An opted-in number, texted and submitted to Twilio: the message id and Twilio's sid. */
    const sendOne = async () => {
      const to = `+1250555${String(300 + ++phones).padStart(4, '0')}`
      await api.optIn(to, 'general')
      const { id } = await api.send(caseUpdate(to))
      assert.equal(await app.dispatcher.drain(), 1)
      const message = await api.message(id)
      assert.equal(message.status, 'sent', JSON.stringify(message))
      const carrierIds = message.history.at(-1)?.detail?.carrierIds as string[]
      assert.equal(carrierIds.length, 1)
      return { id, to, sid: carrierIds[0] ?? '' }
    }

    /** A status callback as Twilio posts it: form-encoded, signed over the public URL. */
    const callback = (
      params: Record<string, string>,
      options: { path?: string; signature?: string | null } = {},
    ) => {
      const path = options.path ?? STATUS_PATH
      const signature =
        options.signature === undefined
          ? getExpectedTwilioSignature(AUTH_TOKEN, PUBLIC_URL + path, params)
          : options.signature
      return server.inject({
        method: 'POST',
        url: path,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...(signature === null ? {} : { 'x-twilio-signature': signature }),
        },
        payload: new URLSearchParams(params).toString(),
      })
    }
    const statusParams = (sent: { sid: string; to: string }, status: string) => ({
      AccountSid: ACCOUNT_SID,
      ApiVersion: '2010-04-01',
      From: '+12505550100',
      To: sent.to,
      MessageSid: sent.sid,
      SmsSid: sent.sid,
      MessageStatus: status,
      SmsStatus: status,
    })
    const statuses = async (id: string) => (await api.message(id)).history.map((h) => h.status)

    it('posts a long-code text to the Messages API with To, From, Body, StatusCallback and Basic auth', async () => {
      const sent = await sendOne()
      const message = await api.message(sent.id)
      const request = twilio.requests.at(-1)
      assert.ok(request)
      assert.equal(request.method, 'POST')
      assert.equal(request.path, `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`)
      assert.equal(
        request.headers.authorization,
        `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`,
      )
      assert.match(request.headers['content-type'] ?? '', /^application\/x-www-form-urlencoded/)
      assert.deepEqual(request.form, {
        To: sent.to,
        From: '+12505550100',
        Body: 'Service BC: your request CS-654321 has been updated: approved. Reply to this message if you have questions.',
        StatusCallback: PUBLIC_URL + STATUS_PATH,
      })
      assert.equal(message.body, request.form.Body)
      assert.equal(message.trunk, 'twilio-longcode')
      assert.match(sent.sid, /^SM[0-9a-f]{32}$/)
    })

    it('moves the message to delivered on signed status callbacks (sent, then delivered)', async () => {
      const sent = await sendOne()
      for (const status of ['queued', 'sent', 'delivered']) {
        const res = await callback(statusParams(sent, status))
        assert.equal(res.statusCode, 204, res.body)
      }
      await api.settled(sent.id, 'delivered')
      assert.deepEqual(await statuses(sent.id), ['queued', 'sent', 'delivered'])
    })

    it('records an undelivered callback with Twilio’s error code', async () => {
      const sent = await sendOne()
      const res = await callback({ ...statusParams(sent, 'undelivered'), ErrorCode: '30003' })
      assert.equal(res.statusCode, 204, res.body)
      await eventually(async () => {
        const message = await api.message(sent.id)
        assert.equal(message.status, 'undelivered')
        assert.equal(message.errorCode, '30003')
      })
    })

    const forged: { name: string; signature: (params: Record<string, string>) => string | null }[] =
      [
        { name: 'no X-Twilio-Signature', signature: () => null },
        {
          name: 'a signature made with another auth token',
          signature: (p) =>
            getExpectedTwilioSignature('someone-elses-token', PUBLIC_URL + STATUS_PATH, p),
        },
        {
          // REFERENCE.md, Twilio: the signature covers the URL Twilio called, i.e. the public one
          name: 'a signature over the local URL instead of the public one',
          signature: (p) =>
            getExpectedTwilioSignature(AUTH_TOKEN, `http://127.0.0.1:3000${STATUS_PATH}`, p),
        },
        {
          name: 'a signature over other parameters (body tampered with)',
          signature: (p) =>
            getExpectedTwilioSignature(AUTH_TOKEN, PUBLIC_URL + STATUS_PATH, {
              ...p,
              MessageStatus: 'sent',
              SmsStatus: 'sent',
            }),
        },
        { name: 'a malformed signature', signature: () => 'not-base64!' },
      ]
    for (const { name, signature } of forged) {
      it(`refuses a status callback with ${name}: 403 invalid_signature, status unchanged`, async () => {
        const sent = await sendOne()
        const params = statusParams(sent, 'delivered')
        const res = await callback(params, { signature: signature(params) })
        assert.equal(res.statusCode, 403, res.body)
        assert.equal(res.json<{ error: { code: string } }>().error.code, 'invalid_signature')
        // a genuine callback afterwards still works, so the refusal is what kept it 'sent'
        assert.equal((await api.message(sent.id)).status, 'sent')
        assert.equal((await callback(params)).statusCode, 204)
        await api.settled(sent.id, 'delivered')
      })
    }

    for (const trunk of ['nope', 'sandbox', 'smpp-shortcode']) {
      it(`answers 404 trunk_not_found for a callback to ${trunk}, which is no running Twilio trunk`, async () => {
        const path = `/webhooks/twilio/${trunk}/status`
        const res = await callback(
          statusParams({ sid: 'SM' + '1'.repeat(32), to: '+12505550399' }, 'delivered'),
          {
            path,
          },
        )
        assert.equal(res.statusCode, 404, res.body)
        assert.equal(res.json<{ error: { code: string } }>().error.code, 'trunk_not_found')
      })
    }

    it('keeps delivered when a late "sent" arrives after "delivered" (callbacks are unordered)', async () => {
      const sent = await sendOne()
      assert.equal((await callback(statusParams(sent, 'delivered'))).statusCode, 204)
      await api.settled(sent.id, 'delivered')
      assert.equal((await callback(statusParams(sent, 'sent'))).statusCode, 204)
      assert.equal((await callback(statusParams(sent, 'undelivered'))).statusCode, 204)
      // give the late callbacks every chance to be applied, then check nothing moved
      await new Promise((resolve) => setTimeout(resolve, 100))
      const message = await api.message(sent.id)
      assert.equal(message.status, 'delivered')
      assert.deepEqual(
        message.history.map((h) => h.status),
        ['queued', 'sent', 'delivered'],
      )
    })

    it('treats a replayed callback as harmless: same answer, one status event', async () => {
      const sent = await sendOne()
      const params = statusParams(sent, 'delivered')
      for (let i = 0; i < 3; i++) assert.equal((await callback(params)).statusCode, 204)
      await api.settled(sent.id, 'delivered')
      await new Promise((resolve) => setTimeout(resolve, 100))
      assert.deepEqual(await statuses(sent.id), ['queued', 'sent', 'delivered'])
    })

    it('retries after a 429 from Twilio: queued again with one attempt, sent once the backoff is over', async () => {
      const to = '+12505550398'
      await api.optIn(to, 'general')
      const { id } = await api.send(caseUpdate(to))
      twilio.script({
        kind: 'json',
        status: 429,
        body: {
          code: 20429,
          message: 'Too Many Requests',
          more_info: 'https://www.twilio.com/docs/errors/20429',
          status: 429,
        },
      })
      assert.equal(await app.dispatcher.drain(), 1)
      const afterRefusal = await api.message(id)
      assert.equal(afterRefusal.status, 'queued')
      assert.equal(afterRefusal.attempts, 1)
      assert.equal(afterRefusal.errorCode, 'throttled')
      const stored = await getMessage(app.store.db, id)
      const retryAt = stored?.message.nextAttemptAt ?? 0
      // retry.initialDelayMs is 1000 in the example: the first retry is 500–1000 ms later
      assert.ok(retryAt > clock.now() && retryAt <= clock.now() + 1000, String(retryAt))

      assert.equal(await app.dispatcher.drain(), 0, 'not due before the backoff is over')
      clock.advance(1000)
      assert.equal(await app.dispatcher.drain(), 1)
      const retried = await api.message(id)
      assert.equal(retried.status, 'sent')
      assert.equal(retried.attempts, 2)
      assert.deepEqual(
        retried.history.map((h) => h.status),
        ['queued', 'queued', 'sent'],
      )
      assert.equal(twilio.requests.filter((r) => r.form.To === to).length, 2)
    })
  })
}
