import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { App } from '../src/app/compose.ts'
import { createApiKey } from '../src/app/manage-api-keys.ts'
import { startFakeSmsc, type FakeSmsc } from '../src/gateways/smpp/testing/fake-smsc.ts'
import {
  startFakeTwilioApi,
  type FakeTwilioApi,
} from '../src/gateways/twilio/testing/fake-twilio-api.ts'
import { buildServer, type ParleyServer } from '../src/http/build-server.ts'
import { getMessage } from '../src/store/messages.ts'
import { apiClient, type ApiClient } from './support/api-client.ts'
import { DIALECTS } from './support/dialects.ts'
import {
  editsOf,
  withRetry,
  withSandbox,
  withSenderRate,
  withSmpp,
  withSmtp,
  withTwilio,
} from './support/peer-config.ts'
import { manualClock } from './support/people.ts'
import { startSmtpInbox, type SmtpInbox } from './support/smtp-inbox.ts'
import { createTestApp } from './support/test-app.ts'

// The example's sandbox numbers (config/parley.example.yaml), plus numbers refused at submit.
const FAILS_TEMPORARILY = '+12505550177'
const OUT_OF_SERVICE = '+12505550188'
const REFUSED = ['+12505550161', '+12505550162', '+12505550163', '+12505550164'] as const
const RETRY = { initialDelayMs: 10, maxDelayMs: 20, deadlineMs: 1000 }

const reminder = (to: string, personalisation: Record<string, string>) => ({
  to,
  template: 'appointment_reminder', // has an e-mail variant in English and French
  program: 'sandbox', // sender +12505550199, on the sandbox trunk
  personalisation,
})
const english = { date: 'Tuesday 2 December', time: '10:30', office: 'Service BC Kelowna' }

for (const { dialect, skip } of DIALECTS) {
  describe(
    `undeliverable texts: refusals, retries, failover and the e-mail fallback [${dialect}]`,
    { skip },
    () => {
      const clock = manualClock()
      let inbox: SmtpInbox
      let twilio: FakeTwilioApi
      let smsc: FakeSmsc
      let app: App
      let server: ParleyServer
      let api: ApiClient
      const closers: (() => Promise<unknown>)[] = []

      before(async () => {
        inbox = await startSmtpInbox()
        closers.push(() => inbox.close())
        twilio = await startFakeTwilioApi()
        closers.push(() => twilio.close())
        smsc = await startFakeSmsc({ systemId: 'servicebc', password: 'bind-secret' })
        closers.push(() => smsc.close())
        smsc.refuseBinds() // the short code's carrier is down: ESME_RBINDFAIL
        ;({ app } = await createTestApp({
          dialect,
          env: { TWILIO_AUTH_TOKEN: 'twilio-test-token', SMPP_SHORTCODE_PASSWORD: 'bind-secret' },
          editConfig: editsOf(
            withSandbox({ deliveryDelayMs: 5, rejectAtSubmit: REFUSED }),
            withSenderRate('+12505550199', 1000),
            withRetry(RETRY),
            withSmtp(inbox.port),
            withTwilio(twilio.baseUrl), // the alerts program's failoverTrunk
            withSmpp(smsc.port), // the alerts program's own trunk
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

      const statusOf = async (id: string) => (await api.message(id)).status
      const mailTo = (address: string) => inbox.mails.filter((m) => m.envelopeTo.includes(address))
      /** Drains the outbox, moving the clock on between passes, until `id` leaves the queue. */
      const drainUntilSettled = async (id: string, stepMs: number) => {
        for (let pass = 0; pass < 500; pass++) {
          await app.dispatcher.drain()
          if (!['queued', 'sending'].includes(await statusOf(id))) return pass
          clock.advance(stepMs)
        }
        throw new Error(`${id} still queued after 500 passes`)
      }

      it('a permanent refusal at submit fails the text and sends the e-mail variant to the contact', async () => {
        const to = REFUSED[0]
        await api.optIn(to, 'sandbox')
        await api.contact(to, { email: 'jordan.lee@example.ca' })
        const { id } = await api.send(reminder(to, english))
        assert.equal(await app.dispatcher.drain(), 1)
        await api.settled(id, 'fallback_email_sent')

        const message = await api.message(id)
        assert.equal(message.attempts, 1, 'a refusal is not retried')
        assert.equal(message.errorCode, 'invalid_number')
        assert.deepEqual(
          message.history.map((h) => h.status),
          ['queued', 'failed', 'fallback_email_sent'],
        )
        const [mail, ...others] = mailTo('jordan.lee@example.ca')
        assert.ok(mail)
        assert.equal(others.length, 0)
        assert.equal(mail.envelopeFrom, 'noreply@gov.example')
        assert.equal(mail.headers.get('from'), 'Service BC <noreply@gov.example>')
        assert.equal(mail.headers.get('to'), 'jordan.lee@example.ca')
        assert.equal(mail.subject, 'Your Service BC appointment')
        assert.equal(
          mail.text.trimEnd(),
          'Hello,\n\nThis is a reminder of your appointment on Tuesday 2 December at 10:30, Service BC Kelowna.\n\nService BC',
        )
        assert.equal(
          message.history.at(-1)?.detail?.to,
          'jordan.lee@example.ca',
          'the e-mail is recorded on the same message',
        )
      })

      it('falls back in French, accents intact, for a contact whose language is French', async () => {
        const to = REFUSED[1]
        await api.optIn(to, 'sandbox')
        await api.contact(to, { email: 'helene.cote@example.ca', language: 'fr' })
        const accepted = await api.send(
          reminder(to, {
            date: 'mardi 2 décembre',
            time: '10 h 30',
            office: 'Centre Service BC de Maillardville',
          }),
        )
        assert.equal(accepted.language, 'fr')
        await app.dispatcher.drain()
        await api.settled(accepted.id, 'fallback_email_sent')
        const [mail] = mailTo('helene.cote@example.ca')
        assert.ok(mail)
        assert.match(mail.headers.get('content-type') ?? '', /charset=utf-8/i)
        assert.equal(mail.subject, 'Votre rendez-vous Service BC')
        assert.equal(
          mail.text.trimEnd(),
          'Bonjour,\n\nCeci est un rappel de votre rendez-vous le mardi 2 décembre à 10 h 30, Centre Service BC de Maillardville.\n\nService BC',
        )
      })

      it('leaves the text failed, sending nothing, when the contact has no e-mail or the template no e-mail variant', async () => {
        const noEmail = REFUSED[2]
        await api.optIn(noEmail, 'sandbox')
        const first = await api.send(reminder(noEmail, english))
        const noVariant = REFUSED[3]
        await api.optIn(noVariant, 'sandbox')
        await api.contact(noVariant, { email: 'sam.singh@example.ca' })
        const second = await api.send({
          to: noVariant,
          template: 'case_update', // no e-mail variant
          program: 'sandbox',
          personalisation: { caseNumber: 'CS-111222', status: 'closed' },
        })
        const mailsBefore = inbox.mails.length
        assert.equal(await app.dispatcher.drain(), 2)
        assert.equal(await statusOf(first.id), 'failed')
        assert.equal(await statusOf(second.id), 'failed')
        // the fallback runs after the failure is recorded: give it time to (wrongly) act
        await new Promise((resolve) => setTimeout(resolve, 200))
        assert.equal(await statusOf(first.id), 'failed')
        assert.equal(await statusOf(second.id), 'failed')
        assert.equal(inbox.mails.length, mailsBefore)
      })

      it('falls back when the carrier accepts the text and then reports it undelivered', async () => {
        await api.optIn(OUT_OF_SERVICE, 'sandbox')
        await api.contact(OUT_OF_SERVICE, { email: 'pat.morin@example.ca' })
        const { id } = await api.send(reminder(OUT_OF_SERVICE, english))
        await app.dispatcher.drain()
        await api.settled(id, 'fallback_email_sent')
        const message = await api.message(id)
        assert.deepEqual(
          message.history.map((h) => h.status),
          ['queued', 'sent', 'undelivered', 'fallback_email_sent'],
        )
        assert.equal(message.errorCode, 'SANDBOX_UNREACHABLE')
        assert.equal(mailTo('pat.morin@example.ca')[0]?.subject, 'Your Service BC appointment')
      })

      it('retries a temporary failure with backoff until the retry deadline, then fails and falls back', async () => {
        await api.optIn(FAILS_TEMPORARILY, 'sandbox')
        await api.contact(FAILS_TEMPORARILY, { email: 'alex.roy@example.ca' })
        const { id } = await api.send(reminder(FAILS_TEMPORARILY, english))
        const acceptedAt = (await getMessage(app.store.db, id))?.message.createdAt ?? NaN
        await drainUntilSettled(id, RETRY.maxDelayMs)
        await api.settled(id, 'fallback_email_sent')

        const stored = await getMessage(app.store.db, id)
        assert.ok(stored)
        const retries = stored.history.filter((h) => h.detail?.retry === true)
        const failed = stored.history.find((h) => h.status === 'failed')
        // every attempt but the last was rescheduled; the last found the deadline passed
        assert.equal(retries.length, stored.message.attempts - 1)
        assert.ok(retries.length >= RETRY.deadlineMs / RETRY.maxDelayMs - 1, String(retries.length))
        for (const retry of retries) {
          const delay = (retry.detail?.nextAttemptAt as number) - retry.occurredAt
          // exponential with jitter, capped (REFERENCE.md): within [initial/2, max]
          assert.ok(delay >= RETRY.initialDelayMs / 2 && delay <= RETRY.maxDelayMs, String(delay))
          assert.ok((retry.detail?.nextAttemptAt as number) <= acceptedAt + RETRY.deadlineMs)
        }
        assert.ok(failed && failed.occurredAt > acceptedAt + RETRY.deadlineMs - RETRY.maxDelayMs)
        assert.deepEqual(failed.detail, {
          reason: 'retry deadline passed',
          code: 'unavailable',
          trunk: 'sandbox',
        })
        assert.equal(mailTo('alex.roy@example.ca').length, 1)
      })

      it('sends alerts through the failover trunk once the short code keeps failing', async () => {
        assert.equal(smsc.stats.binds, 0, 'the SMSC refuses every bind')
        const phones = [501, 502, 503, 504, 505, 506].map((n) => `+12505550${n}`)
        const ids: string[] = []
        for (const to of phones) {
          await api.optIn(to, 'alerts')
          const accepted = await api.send({
            to,
            template: 'emergency_alert',
            program: 'alerts',
            priority: 'high',
            personalisation: {
              message: 'Flood warning for the Fraser Valley.',
              url: 'gov.example',
            },
          })
          ids.push(accepted.id)
        }
        for (const id of ids) await drainUntilSettled(id, RETRY.maxDelayMs)

        const messages = await Promise.all(ids.map((id) => api.message(id)))
        for (const message of messages) {
          assert.equal(message.status, 'sent', JSON.stringify(message.history))
          assert.equal(message.trunk, 'twilio-longcode')
        }
        // the breaker opens after 5 consecutive retryable failures of the primary trunk
        const failedOnPrimary = messages.filter((m) => m.attempts > 1).length
        assert.ok(failedOnPrimary >= 5, String(failedOnPrimary))
        const viaTwilio = twilio.requests.filter((r) => phones.includes(r.form.To ?? ''))
        assert.deepEqual(viaTwilio.map((r) => r.form.To).sort(), [...phones].sort())
        assert.ok(
          viaTwilio.every(
            (r) => r.form.From === '55123' && /^BC ALERT: Flood/.test(r.form.Body ?? ''),
          ),
        )
        assert.equal(smsc.submits.length, 0)

        // while the breaker is open, a new alert goes straight to the failover trunk
        const to = '+12505550507'
        await api.optIn(to, 'alerts')
        const next = await api.send({
          to,
          template: 'emergency_alert',
          program: 'alerts',
          priority: 'high',
          personalisation: { message: 'Flood warning extended.', url: 'gov.example' },
        })
        assert.equal(await app.dispatcher.drain(), 1)
        const sent = await api.message(next.id)
        assert.deepEqual([sent.status, sent.trunk, sent.attempts], ['sent', 'twilio-longcode', 1])
      })
    },
  )
}
