import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { App } from '../src/app/compose.ts'
import { recordConsent } from '../src/app/record-consent.ts'
import { saveContact } from '../src/app/save-contact.ts'
import { buildServer, type ParleyServer } from '../src/http/build-server.ts'
import { listAuditEvents } from '../src/store/audit-events.ts'
import { DIALECTS } from './support/dialects.ts'
import { deskConfig, deskSession } from './support/desk-session.ts'
import { createTestApp } from './support/test-app.ts'

const BCEID = 'SBC_HD_SMS_BCEID'
const GENERAL = 'SBC_HD_SMS_GENERAL'

interface Settings {
  notReadyReasons: { code: string; label: string }[]
  systemNotReadyReasons: { code: string }[]
  dispositions: { code: string; label: string }[]
  queues: { id: string; dispositions: string[]; serviceLevelSeconds: number }[]
  skills: { id: string; name: string }[]
  standardResponses: { key: string; en?: string; fr?: string; placeholders: string[] }[]
  reviewCriteria: { id: string; maxScore: number }[]
  me: { id: string; username: string; status: string; reason?: string; statusSince: number }
  mayRevealMasked: boolean
}
interface Panel {
  contact: { phone: string; name?: string; email?: string; language?: string }
  consents: { program: string; status: string; since?: number }[]
  conversation: {
    id: string
    status: string
    queueId: string
    queueName: string
    category: string
    requiredSkills: string[]
  }
  captured: { attribute: string; capture: string; mask: string }[]
  maskedNotStored: string[]
  attributes: Record<string, unknown>
  screenPop?: Record<string, unknown>
  history: {
    id: string
    status: string
    queueId: string
    startedAt: number
    endedAt?: number
    disposition?: string
    lastText?: { direction: string; preview: string }
  }[]
}

for (const { dialect, skip } of DIALECTS) {
  describe(`desk settings, customer panel and reveal [${dialect}]`, { skip }, () => {
    let app: App
    let server: ParleyServer
    const desk = deskSession(() => ({ app, server }))
    let ana: Awaited<ReturnType<typeof desk.person>> // BCeID agent
    let gus: Awaited<ReturnType<typeof desk.person>> // general enquiries only
    let sue: Awaited<ReturnType<typeof desk.person>> // supervisor
    const phone = desk.citizen()
    let earlier = ''
    let current = ''

    before(async () => {
      ;({ app } = await createTestApp({
        dialect,
        compose: { acd: { tickMs: 50 } },
        editConfig: deskConfig,
      }))
      await app.start()
      server = await buildServer(app)
      ana = await desk.person({ skills: { bceid: 4 }, queues: [BCEID] })
      gus = await desk.person({ skills: { general: 3 }, queues: [GENERAL] })
      sue = await desk.person({ role: 'supervisor', skills: {}, queues: [] })
    })
    after(async () => {
      await server.close()
      await app.close()
    })

    it('GET /v1/desk/settings gives the codes, queues, standard responses, scorecard and who I am', async () => {
      await desk.refused(undefined, 'GET', '/v1/desk/settings', undefined, {
        status: 401,
        code: 'unauthorized',
      })
      const settings = await desk.ok<Settings>(ana.token, 'GET', '/v1/desk/settings')
      const { config } = app
      assert.deepEqual(settings.notReadyReasons, config.notReadyReasons)
      assert.deepEqual(settings.dispositions, config.dispositions)
      assert.deepEqual(settings.skills, config.skills)
      assert.ok(
        settings.systemNotReadyReasons.some((r) => r.code === 'NOT_RESPONDING'),
        'the reason Parley sets itself has a label too',
      )
      assert.deepEqual(
        settings.queues.find((q) => q.id === BCEID),
        {
          id: BCEID,
          name: 'BCeID support',
          dispositions: [
            'PASSWORD_RESET',
            'ACCOUNT_UNLOCKED',
            'INFO_PROVIDED',
            'REFERRED',
            'NO_RESPONSE',
          ],
          serviceLevelSeconds: 300,
        },
      )
      assert.deepEqual(
        settings.standardResponses.map((t) => t.key),
        ['appointment_reminder', 'case_update', 'bceid_password_reset', 'closing_thanks'],
        'approved standard responses, notifications and reminders: what a reply accepts',
      )
      const caseUpdate = settings.standardResponses.find((t) => t.key === 'case_update')
      assert.deepEqual(caseUpdate?.placeholders, ['caseNumber', 'status'])
      assert.match(caseUpdate.en ?? '', /\(\(caseNumber\)\) has been updated/)
      assert.match(caseUpdate.fr ?? '', /mise à jour/)
      assert.deepEqual(
        settings.reviewCriteria.map((c) => [c.id, c.maxScore]),
        [
          ['greeting', 5],
          ['accuracy', 5],
          ['tone', 5],
          ['privacy', 3],
        ],
      )
      assert.equal(settings.me.username, ana.user.username)
      assert.equal(settings.me.status, 'offline')
      assert.equal(settings.me.reason, undefined)
      assert.equal(settings.mayRevealMasked, false, 'agents work from masked text')

      await desk.setStatus(ana.token, 'not_ready', 'LUNCH')
      const after = await desk.ok<Settings>(ana.token, 'GET', '/v1/desk/settings')
      assert.equal(after.me.status, 'not_ready')
      assert.equal(after.me.reason, 'LUNCH')
      assert.ok(after.me.statusSince >= settings.me.statusSince, 'since the change')
      const boss = await desk.ok<Settings>(sue.token, 'GET', '/v1/desk/settings')
      assert.equal(boss.mayRevealMasked, true)
    })

    it('GET /v1/conversations/:id/customer shows contact, consent, screening and earlier conversations, never captured values', async () => {
      await saveContact(app, { phone, name: 'Jo Citizen', email: 'jo@example.ca', language: 'fr' })
      const consent = await recordConsent(app, {
        phone,
        program: 'bceid',
        status: 'opted_in',
        source: 'api',
        evidence: 'web form 2026-11-01',
        actor: 'test',
      })
      assert.ok(consent.ok, JSON.stringify(consent))
      await desk.setStatus(ana.token, 'available')

      desk.text(phone, 'BCEID locked out, my user id: jdoe99')
      earlier = await desk.offeredTo(ana.token, phone)
      await desk.handle(ana.token, earlier)
      await desk.ok(ana.token, 'POST', `/v1/conversations/${earlier}/messages`, {
        text: 'Your BCeID password is reset.',
      })
      await desk.ok(ana.token, 'POST', `/v1/conversations/${earlier}/end`)
      await desk.ok(ana.token, 'POST', `/v1/conversations/${earlier}/wrap-up`, {
        disposition: 'PASSWORD_RESET',
      })

      desk.text(phone, 'BCEID locked again, user id: jdoe99, my SIN is 046 454 286')
      current = await desk.offeredTo(ana.token, phone)
      assert.notEqual(current, earlier, 'a wrapped-up conversation is not continued')

      const res = await desk.call<Panel>(ana.token, 'GET', `/v1/conversations/${current}/customer`)
      assert.equal(res.status, 200, JSON.stringify(res.body))
      const panel = res.body
      assert.deepEqual(panel.contact, {
        phone,
        name: 'Jo Citizen',
        email: 'jo@example.ca',
        language: 'fr',
      })
      const bceid = panel.consents.find((c) => c.program === 'bceid')
      assert.equal(bceid?.status, 'opted_in')
      assert.equal(typeof bceid.since, 'number')
      assert.equal(panel.consents.find((c) => c.program === 'general')?.status, 'unknown')
      assert.deepEqual(
        {
          id: panel.conversation.id,
          status: panel.conversation.status,
          queueId: panel.conversation.queueId,
          queueName: panel.conversation.queueName,
          category: panel.conversation.category,
          requiredSkills: panel.conversation.requiredSkills,
        },
        {
          id: current,
          status: 'offered',
          queueId: BCEID,
          queueName: 'BCeID support',
          category: 'bceid',
          requiredSkills: ['bceid'],
        },
      )
      assert.deepEqual(panel.captured, [
        { attribute: 'bceidUser', capture: 'bceid-user', mask: '[user id]' },
      ])
      assert.deepEqual(panel.maskedNotStored, ['sin'])
      assert.deepEqual(panel.attributes, {})
      assert.equal(panel.screenPop, undefined, 'no CRM configured')
      const text = JSON.stringify(panel)
      assert.ok(!text.includes('jdoe99') && !text.includes('046 454 286'), text)

      assert.equal(panel.history.length, 1, 'the current conversation is not its own history')
      const [past] = panel.history
      assert.equal(past?.id, earlier)
      assert.equal(past.status, 'wrapped_up')
      assert.equal(past.queueId, BCEID)
      assert.equal(past.disposition, 'PASSWORD_RESET')
      assert.ok(past.endedAt !== undefined && past.endedAt >= past.startedAt, JSON.stringify(past))
      assert.deepEqual(past.lastText, {
        direction: 'outbound',
        preview: 'Your BCeID password is reset.',
        at: (past.lastText as { at: number } | undefined)?.at,
      })

      const older = await desk.ok<Panel>(ana.token, 'GET', `/v1/conversations/${earlier}/customer`)
      assert.deepEqual(older.history, [], 'a later conversation is not "earlier"')
    })

    it('lists, transcripts and the board show a captured value only as its mask', async () => {
      const seen = [
        await desk.ok(ana.token, 'GET', '/v1/conversations'),
        await desk.ok(ana.token, 'GET', `/v1/conversations/${current}`),
        await desk.ok(sue.token, 'GET', `/v1/conversations/${earlier}`),
        await desk.ok(sue.token, 'GET', '/v1/queues'),
      ].map((body) => JSON.stringify(body))
      for (const body of seen) assert.ok(!body.includes('jdoe99'), body)
      const transcript = await desk.ok<{ conversation: { attributes: Record<string, unknown> } }>(
        ana.token,
        'GET',
        `/v1/conversations/${current}`,
      )
      assert.equal(transcript.conversation.attributes.bceidUser, '[user id]')
    })

    it('the customer panel has the transcript’s visibility', async () => {
      assert.ok(current, 'the panel test opened a conversation')
      await desk.ok(sue.token, 'GET', `/v1/conversations/${current}/customer`)
      await desk.refused(gus.token, 'GET', `/v1/conversations/${current}/customer`, undefined, {
        status: 404,
        code: 'conversation_not_found',
      })
      await desk.refused(undefined, 'GET', `/v1/conversations/${current}/customer`, undefined, {
        status: 401,
        code: 'unauthorized',
      })
      await desk.refused(ana.token, 'GET', '/v1/conversations/nope/customer', undefined, {
        status: 404,
        code: 'conversation_not_found',
      })
    })

    it('POST /v1/conversations/:id/reveal gives a supervisor a captured value and audits it', async () => {
      assert.ok(current, 'the panel test opened a conversation')
      const url = `/v1/conversations/${current}/reveal`
      const audited = async () =>
        (await listAuditEvents(app.store.db, { subject: `conversation:${current}` })).filter(
          (e) => e.action === 'pii.reveal',
        )

      await desk.refused(
        ana.token,
        'POST',
        url,
        { attribute: 'bceidUser' },
        {
          status: 403,
          code: 'forbidden',
        },
      )
      await desk.refused(
        undefined,
        'POST',
        url,
        { attribute: 'bceidUser' },
        {
          status: 401,
          code: 'unauthorized',
        },
      )
      assert.deepEqual(await audited(), [], 'a refused reveal reveals and records nothing')

      const res = await desk.call<{ attribute: string; value: string; revealedAt: number }>(
        sue.token,
        'POST',
        url,
        { attribute: 'bceidUser' },
      )
      assert.equal(res.status, 200, JSON.stringify(res.body))
      assert.equal(res.body.attribute, 'bceidUser')
      assert.equal(res.body.value, 'jdoe99')
      assert.equal(res.headers['cache-control'], 'no-store')
      const [event, ...more] = await audited()
      assert.deepEqual(more, [])
      assert.deepEqual(
        { actor: event?.actor, subject: event?.subject, data: event?.data },
        {
          actor: `user:${sue.user.username}`,
          subject: `conversation:${current}`,
          data: { attribute: 'bceidUser' },
        },
      )
      assert.equal(event?.occurredAt, res.body.revealedAt)

      const notStored = await desk.refused(
        sue.token,
        'POST',
        url,
        { attribute: 'sin' },
        {
          status: 404,
          code: 'attribute_not_found',
        },
      )
      assert.deepEqual(notStored.details, { revealable: ['bceidUser'] })
      await desk.refused(
        sue.token,
        'POST',
        '/v1/conversations/nope/reveal',
        { attribute: 'bceidUser' },
        {
          status: 404,
          code: 'conversation_not_found',
        },
      )
      for (const body of [{}, { attribute: '' }, { attribute: 'a'.repeat(65) }]) {
        await desk.refused(sue.token, 'POST', url, body, { status: 400, code: 'invalid_request' })
      }
      assert.equal((await audited()).length, 1, 'only the successful reveal is recorded')
    })
  })
}
