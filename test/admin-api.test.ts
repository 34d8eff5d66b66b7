import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { App } from '../src/app/compose.ts'
import type { User } from '../src/app/manage-users.ts'
import { buildServer, type ParleyServer } from '../src/http/build-server.ts'
import { listAuditEvents } from '../src/store/audit-events.ts'
import { DIALECTS } from './support/dialects.ts'
import { eventually } from './support/eventually.ts'
import { addTestUser, TEST_PASSWORD } from './support/people.ts'
import { createTestApp } from './support/test-app.ts'

const GENERAL = 'SBC_HD_SMS_GENERAL'
const BCEID = 'SBC_HD_SMS_BCEID'
const SANDBOX_NUMBER = '+12505550199'
const TWILIO_SECRET = 'twilio-secret-never-shown-0123456789'

/** A draft template overdue for review, added to the example configuration. */
const DRAFT_TEMPLATE = `templates:
  - key: test_draft
    category: notification
    status: draft
    owner: test-owner
    reviewDue: '2020-01-01'
    en:
      body: 'Service BC: ((name)), your draft text.'
    fr:
      body: 'Service BC : ((name)), votre texte à réviser.'
`

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH'
interface Reply {
  status: number
  body: Record<string, unknown> & { error?: { code: string; details?: unknown } }
  raw: string
}

for (const { dialect, skip } of DIALECTS) {
  describe(`administration API [${dialect}]`, { skip }, () => {
    let app: App
    let server: ParleyServer
    let admin: { user: User; token: string }
    let supervisor: { user: User; token: string }
    let agent: { user: User; token: string }

    const call = async (
      token: string | undefined,
      method: Method,
      url: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ): Promise<Reply> => {
      const res = await server.inject({
        method,
        url,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
      })
      return {
        status: res.statusCode,
        body: (res.body === '' ? {} : JSON.parse(res.body)) as Reply['body'],
        raw: res.body,
      }
    }
    const ok = async <T>(token: string, method: Method, url: string, body?: unknown) => {
      const res = await call(token, method, url, body)
      assert.ok(res.status >= 200 && res.status < 300, `${method} ${url}: ${res.status} ${res.raw}`)
      return res.body as T
    }
    const refused = async (
      token: string | undefined,
      method: Method,
      url: string,
      body: unknown,
      status: number,
      code: string,
    ) => {
      const res = await call(token, method, url, body)
      assert.deepEqual(
        [res.status, res.body.error?.code],
        [status, code],
        `${method} ${url}: ${res.raw}`,
      )
      return res
    }
    const signIn = async (username: string, password = TEST_PASSWORD) => {
      const res = await call(undefined, 'POST', '/v1/sessions', { username, password })
      return res.status === 201 ? (res.body.token as string) : undefined
    }
    const person = async (overrides: Parameters<typeof addTestUser>[1]) => {
      const user = await addTestUser(app, overrides)
      const token = await signIn(user.username)
      assert.ok(token)
      return { user, token }
    }

    before(async () => {
      ;({ app } = await createTestApp({
        dialect,
        env: { TWILIO_AUTH_TOKEN: TWILIO_SECRET },
        compose: { acd: { tickMs: 50 } },
        editConfig: (yaml) => {
          assert.ok(yaml.includes('\ntemplates:\n') && yaml.includes('deliveryDelayMs: 500'))
          return yaml
            .replace('\ntemplates:\n', `\n${DRAFT_TEMPLATE}`)
            .replace('deliveryDelayMs: 500', 'deliveryDelayMs: 1')
        },
      }))
      await app.start()
      server = await buildServer(app)
      admin = await person({ role: 'admin', queues: [], skills: {} })
      supervisor = await person({ role: 'supervisor', queues: [], skills: {} })
      agent = await person({ role: 'agent' })
    })
    after(async () => {
      await server.close()
      await app.close()
    })

    it('refuses every administration endpoint to agents (403) and strangers (401)', async () => {
      const endpoints: [Method, string, unknown][] = [
        ['GET', '/v1/admin/templates', undefined],
        ['GET', '/v1/admin/templates/overdue', undefined],
        ['POST', '/v1/admin/templates/test_draft/versions/1/approve', undefined],
        ['POST', '/v1/admin/templates/preview', { body: 'hi' }],
        ['GET', '/v1/admin/trunks', undefined],
        ['GET', '/v1/admin/routing', undefined],
        ['POST', '/v1/admin/screening/test', { text: 'hi' }],
        ['GET', '/v1/admin/users', undefined],
        ['POST', '/v1/admin/users', { username: 'x' }],
        ['PATCH', `/v1/admin/users/${agent.user.id}`, { capacity: 9 }],
        ['POST', `/v1/admin/users/${agent.user.id}/password`, { password: 'x'.repeat(20) }],
        ['GET', '/v1/admin/api-keys', undefined],
        ['POST', '/v1/admin/api-keys', { name: 'x', scopes: ['send'] }],
        ['POST', '/v1/admin/api-keys/nope/revoke', undefined],
        ['GET', '/v1/admin/consents/2505550123', undefined],
      ]
      for (const [method, url, body] of endpoints) {
        await refused(agent.token, method, url, body, 403, 'forbidden')
        await refused(undefined, method, url, body, 401, 'unauthorized')
      }
      // supervisors look up consent, nothing else here
      await refused(supervisor.token, 'GET', '/v1/admin/users', undefined, 403, 'forbidden')
      await ok(supervisor.token, 'GET', '/v1/admin/consents/2505550123')
      const { users } = await ok<{ users: AdminUser[] }>(admin.token, 'GET', '/v1/admin/users')
      assert.equal(
        users.find((u) => u.id === agent.user.id)?.capacity,
        3,
        'the agent changed nothing',
      )
    })

    it('lists templates with versions, segment counts and the characters forcing UCS-2', async () => {
      const { templates } = await ok<{ templates: Template[] }>(
        admin.token,
        'GET',
        '/v1/admin/templates',
      )
      const survey = templates.find((t) => t.key === 'satisfaction_survey')
      assert.ok(survey)
      assert.equal(survey.status, 'approved')
      assert.equal(survey.sendableVersion, 1)
      assert.equal(survey.overdue, false)
      const [v1] = survey.versions
      assert.ok(v1?.en && v1.fr)
      assert.deepEqual([v1.approvedBy, v1.canApprove], ['config', false])
      assert.deepEqual([v1.en.encoding, v1.fr.encoding], ['gsm7', 'ucs2'])
      assert.deepEqual(
        v1.fr.ucs2Characters.map((c) => c.character),
        ['ê'],
      )
      assert.ok(v1.fr.segments > v1.en.segments, 'French costs more in UCS-2')

      const draft = templates.find((t) => t.key === 'test_draft')
      assert.ok(draft)
      assert.deepEqual(
        [draft.status, draft.sendableVersion, draft.overdue],
        ['draft', undefined, true],
      )
      assert.deepEqual(draft.versions[0]?.en?.placeholders, ['name'])

      const overdue = await ok<{ templates: Template[] }>(
        admin.token,
        'GET',
        '/v1/admin/templates/overdue',
      )
      assert.deepEqual(
        overdue.templates.map((t) => t.key),
        ['test_draft'],
      )
    })

    it('approves a draft version: recorded, audited, and the template can then be sent', async () => {
      const created = await ok<{ key: string }>(admin.token, 'POST', '/v1/admin/api-keys', {
        name: 'crm',
        scopes: ['send'],
      })
      const crm = { authorization: `Bearer ${created.key}` }
      const phone = '+12505550311'
      const optIn = await server.inject({
        method: 'PUT',
        url: `/v1/consents/${phone}`,
        headers: crm,
        payload: { program: 'general', status: 'opted_in', evidence: 'web form' },
      })
      assert.equal(optIn.statusCode, 200, optIn.body)
      const send = () =>
        server.inject({
          method: 'POST',
          url: '/v1/messages',
          headers: crm,
          payload: {
            to: phone,
            program: 'general',
            template: 'test_draft',
            personalisation: { name: 'Ana' },
          },
        })
      assert.equal((await send()).json<Reply['body']>().error?.code, 'template_not_approved')

      const approved = await ok<{ approvedBy: string; approvedAt: string; status: string }>(
        admin.token,
        'POST',
        '/v1/admin/templates/test_draft/versions/1/approve',
      )
      assert.equal(approved.status, 'approved')
      assert.equal(approved.approvedBy, admin.user.username)
      assert.equal((await send()).statusCode, 202)

      const { templates } = await ok<{ templates: Template[] }>(
        admin.token,
        'GET',
        '/v1/admin/templates',
      )
      const draft = templates.find((t) => t.key === 'test_draft')
      assert.ok(draft)
      assert.equal(draft.sendableVersion, 1)
      assert.equal(draft.versions[0]?.approvedAt, approved.approvedAt)
      const [audit] = await listAuditEvents(app.store.db, { subject: 'template:test_draft' })
      assert.deepEqual([audit?.action, audit?.actor], ['template.approve', `user:${admin.user.id}`])

      const again = '/v1/admin/templates/test_draft/versions/1/approve'
      await refused(admin.token, 'POST', again, undefined, 409, 'template_transition_not_allowed')
      const missing = '/v1/admin/templates/test_draft/versions/7/approve'
      await refused(admin.token, 'POST', missing, undefined, 404, 'template_version_not_found')
      const notNumber = '/v1/admin/templates/test_draft/versions/first/approve'
      await refused(admin.token, 'POST', notNumber, undefined, 400, 'invalid_request')
    })

    it('previews a body: filled text, encoding, each segment with its units and limit', async () => {
      const preview = await ok<Preview>(admin.token, 'POST', '/v1/admin/templates/preview', {
        body: 'Bonjour ((name)), votre demande ((caseNumber)) a été reçue. ' + 'x'.repeat(30),
        values: { name: 'François' },
      })
      assert.match(preview.text, /^Bonjour François, votre demande \(\(caseNumber\)\)/)
      assert.deepEqual(preview.missing, ['caseNumber'])
      assert.equal(preview.encoding, 'ucs2')
      assert.deepEqual(
        preview.ucs2Characters.map((c) => preview.text.slice(c.start, c.end)),
        ['ç', 'ç'],
        'François and reçue',
      )
      assert.equal(preview.segments, 2)
      assert.deepEqual(
        preview.parts.map((p) => p.limit),
        [67, 67],
      )
      assert.equal(preview.parts.map((p) => p.text).join(''), preview.text)
      await refused(
        admin.token,
        'POST',
        '/v1/admin/templates/preview',
        { body: '' },
        400,
        'invalid_request',
      )
    })

    it('shows trunks with senders, live health and breaker, and never a secret', async () => {
      const res = await call(admin.token, 'GET', '/v1/admin/trunks')
      assert.equal(res.status, 200)
      assert.ok(!res.raw.includes(TWILIO_SECRET), 'the Twilio token is never shown')
      const trunks = res.body.trunks as Trunk[]
      const sandbox = trunks.find((t) => t.name === 'sandbox')
      assert.ok(sandbox)
      assert.deepEqual(
        [sandbox.health.state, sandbox.isDefault, sandbox.breaker.state],
        ['up', true, 'closed'],
      )
      assert.ok(sandbox.carries.includes(SANDBOX_NUMBER))
      assert.ok(sandbox.carries.includes('+12505550100'), 'a disabled trunk’s sender falls back')
      const twilio = trunks.find((t) => t.name === 'twilio-longcode')
      assert.ok(twilio)
      assert.deepEqual([twilio.enabled, twilio.health.state], [false, 'disabled'])
      assert.deepEqual(twilio.carries, [])
      assert.deepEqual(
        twilio.senders.map((s) => s.number),
        ['+12505550100', '+12505550101'],
      )
      assert.equal(twilio.settings.secretEnv, 'TWILIO_AUTH_TOKEN')
      assert.deepEqual(twilio.failoverFor, ['alerts'])
    })

    it('shows queues, codes, screening rules in order and the keyword sets in force', async () => {
      const routing = await ok<Routing>(admin.token, 'GET', '/v1/admin/routing')
      const bceid = routing.queues.find((q) => q.id === BCEID)
      assert.deepEqual(bceid?.dispositions[0], {
        code: 'PASSWORD_RESET',
        label: 'BCeID password reset',
      })
      assert.equal(routing.screening.at(-1)?.name, 'default')
      assert.equal(routing.screening.at(-1)?.match, undefined)
      assert.deepEqual(routing.screening[0]?.match, { to: ['55123'] })
      assert.ok(routing.notReadyReasons.some((r) => r.code === 'LUNCH'))
      const set = routing.keywordSets.find((k) => k.sender === '+12505550101')
      assert.ok(set)
      assert.equal(set.program, 'bceid')
      assert.ok(set.optOut.words.fr.includes('ARRET'))
      assert.match(set.help.reply.en, /\(\(supportNumber\)\)/)
      const bceidProgram = routing.programs.find((p) => p.id === 'bceid')
      assert.equal(bceidProgram?.captures[0]?.attribute, 'bceidUser')
    })

    it('tests a message with the compiled rules: keyword, rule, captures and masked text', async () => {
      const bceid = await ok<Inspection>(admin.token, 'POST', '/v1/admin/screening/test', {
        text: 'BCeID password locked, my user id: jdoe99',
        from: '604 555 0123',
        to: '(250) 555-0101',
      })
      assert.equal(bceid.from, '+16045550123')
      assert.equal(bceid.to, '+12505550101')
      assert.equal(bceid.program, 'bceid')
      assert.deepEqual(bceid.keyword, { intent: 'none', language: 'en', keyword: null })
      assert.equal(bceid.screening.rule, 'bceid-keyword')
      assert.equal(bceid.screening.queue, BCEID)
      assert.deepEqual(bceid.screening.skills, ['bceid'])
      assert.deepEqual(bceid.screening.attributes, { bceidUser: 'jdoe99' })
      assert.doesNotMatch(bceid.screening.maskedText, /jdoe99/)

      const stop = await ok<Inspection>(admin.token, 'POST', '/v1/admin/screening/test', {
        text: 'Arrêt',
        to: SANDBOX_NUMBER,
      })
      assert.deepEqual(stop.keyword, { intent: 'opt_out', language: 'fr', keyword: 'ARRET' })

      const url = '/v1/admin/screening/test'
      const bad = await refused(
        admin.token,
        'POST',
        url,
        { text: 'hi', from: '12' },
        422,
        'invalid_number',
      )
      assert.deepEqual((bad.body.error?.details as { field: string }).field, 'from')
      await refused(admin.token, 'POST', url, { text: 'hi', to: '999' }, 422, 'unknown_sender')
      await refused(
        admin.token,
        'POST',
        url,
        { text: 'hi', program: 'nope' },
        422,
        'program_not_found',
      )
      await refused(admin.token, 'POST', url, { from: '+16045550123' }, 400, 'invalid_request')
    })

    it('manages users: add, list, change queues and skills, disable, enable, set a password', async () => {
      const created = await call(admin.token, 'POST', '/v1/admin/users', {
        username: 'Bea.Admin-Test',
        displayName: ' Béatrice Roy ',
        role: 'agent',
        password: 'a long enough passphrase',
        queues: [BCEID],
        skills: { bceid: 3, french: 5 },
        capacity: 2,
      })
      assert.equal(created.status, 201, created.raw)
      const bea = created.body as unknown as AdminUser
      assert.equal(bea.username, 'bea.admin-test')
      assert.equal(bea.displayName, 'Béatrice Roy')
      assert.deepEqual(bea.skills, { bceid: 3, french: 5 })
      assert.equal(bea.disabled, false)
      assert.ok(!created.raw.includes('passphrase') && !created.raw.includes('scrypt'))

      const users = '/v1/admin/users'
      const base = { username: 'cat', displayName: 'Cat', role: 'agent', password: 'x'.repeat(12) }
      await refused(
        admin.token,
        'POST',
        users,
        { ...base, username: 'bea.admin-test' },
        409,
        'username_taken',
      )
      await refused(admin.token, 'POST', users, { ...base, queues: ['NOPE'] }, 422, 'unknown_queue')
      await refused(
        admin.token,
        'POST',
        users,
        { ...base, skills: { cooking: 2 } },
        422,
        'unknown_skill',
      )
      await refused(
        admin.token,
        'POST',
        users,
        { ...base, password: 'short' },
        422,
        'password_too_short',
      )
      await refused(admin.token, 'POST', users, { ...base, role: 'owner' }, 400, 'invalid_request')
      await refused(
        admin.token,
        'POST',
        users,
        { ...base, skills: { bceid: 6 } },
        400,
        'invalid_request',
      )

      const listed = await ok<{ users: AdminUser[] }>(admin.token, 'GET', users)
      assert.ok(listed.users.some((u) => u.id === bea.id && u.capacity === 2))
      assert.doesNotMatch(JSON.stringify(listed), /passwordHash|scrypt/)

      const beaToken = await signIn('bea.admin-test', 'a long enough passphrase')
      assert.ok(beaToken)
      const changed = await ok<AdminUser>(admin.token, 'PATCH', `${users}/${bea.id}`, {
        displayName: 'Bea Roy',
        queues: [GENERAL, GENERAL],
        skills: { general: 4 },
        capacity: 4,
      })
      assert.deepEqual(
        [changed.displayName, changed.queues, changed.skills, changed.capacity],
        ['Bea Roy', [GENERAL], { general: 4 }, 4],
      )
      await refused(
        admin.token,
        'PATCH',
        `${users}/${bea.id}`,
        { queues: ['NOPE'] },
        422,
        'unknown_queue',
      )
      await refused(admin.token, 'PATCH', `${users}/${bea.id}`, {}, 400, 'invalid_request')
      await refused(admin.token, 'PATCH', `${users}/nobody`, { capacity: 2 }, 404, 'user_not_found')
      await refused(
        admin.token,
        'PATCH',
        `${users}/${admin.user.id}`,
        { disabled: true },
        409,
        'self_lockout',
      )
      await refused(
        admin.token,
        'PATCH',
        `${users}/${admin.user.id}`,
        { role: 'agent' },
        409,
        'self_lockout',
      )

      const disabled = await ok<AdminUser>(admin.token, 'PATCH', `${users}/${bea.id}`, {
        disabled: true,
      })
      assert.equal(disabled.disabled, true)
      assert.equal(disabled.status, 'offline')
      await refused(beaToken, 'GET', '/v1/me', undefined, 401, 'unauthorized')
      assert.equal(await signIn('bea.admin-test', 'a long enough passphrase'), undefined)
      await ok(admin.token, 'PATCH', `${users}/${bea.id}`, { disabled: false })

      const reset = await ok<{ sessionsRevoked: number }>(
        admin.token,
        'POST',
        `${users}/${bea.id}/password`,
        {
          password: 'a brand new passphrase',
        },
      )
      assert.equal(reset.sessionsRevoked, 0)
      assert.equal(await signIn('bea.admin-test', 'a long enough passphrase'), undefined)
      assert.ok(await signIn('bea.admin-test', 'a brand new passphrase'))
      await refused(
        admin.token,
        'POST',
        `${users}/${bea.id}/password`,
        { password: 'short' },
        422,
        'password_too_short',
      )
      await refused(
        admin.token,
        'POST',
        `${users}/nobody/password`,
        { password: 'x'.repeat(12) },
        404,
        'user_not_found',
      )

      const actions = (await listAuditEvents(app.store.db, { subject: `user:${bea.id}` })).map(
        (e) => e.action,
      )
      for (const action of [
        'user.add',
        'user.update',
        'user.disable',
        'user.enable',
        'user.password_reset',
      ])
        assert.ok(actions.includes(action), `${action} audited: ${actions.join(', ')}`)
    })

    it('routes to an agent by the queues and skills an admin gives them, at once', async () => {
      const dana = await person({ queues: [BCEID], skills: { bceid: 4 } })
      await ok(dana.token, 'PUT', '/v1/agents/me/status', { status: 'available' })
      await ok(admin.token, 'PATCH', `/v1/admin/users/${dana.user.id}`, {
        queues: [GENERAL],
        skills: { general: 5 },
      })
      const phone = '+12505550377'
      app.gateways.sandbox?.simulateInbound({
        from: phone,
        to: SANDBOX_NUMBER,
        body: 'Hello there',
      })
      await eventually(async () => {
        const desk = await ok<{ mine: { customerNumber: string; status: string }[] }>(
          dana.token,
          'GET',
          '/v1/conversations',
        )
        assert.ok(
          desk.mine.some((c) => c.customerNumber === phone && c.status === 'offered'),
          JSON.stringify(desk),
        )
      })
      await ok(dana.token, 'PUT', '/v1/agents/me/status', { status: 'offline' })
    })

    it('creates API keys shown once, lists them without secrets, and revokes them at once', async () => {
      const created = await call(admin.token, 'POST', '/v1/admin/api-keys', {
        name: 'reporting',
        scopes: ['read'],
        test: true,
      })
      assert.equal(created.status, 201, created.raw)
      const { key, apiKey } = created.body as unknown as { key: string; apiKey: ApiKey }
      assert.match(key, /^pk_test_[0-9a-f]{12}_/)
      assert.deepEqual(
        [apiKey.name, apiKey.scopes, apiKey.test, apiKey.status],
        ['reporting', ['read'], true, 'active'],
      )
      const secret = key.split('_').slice(3).join('_')

      const listed = await call(admin.token, 'GET', '/v1/admin/api-keys')
      assert.ok(!listed.raw.includes(secret), 'the key is never shown again')
      assert.doesNotMatch(listed.raw, /"hash"/)
      assert.ok((listed.body.apiKeys as ApiKey[]).some((k) => k.id === apiKey.id))

      const read = () =>
        server.inject({ url: '/v1/messages', headers: { authorization: `Bearer ${key}` } })
      assert.equal((await read()).statusCode, 200)
      const revoked = await ok<ApiKey>(
        admin.token,
        'POST',
        `/v1/admin/api-keys/${apiKey.id}/revoke`,
      )
      assert.equal(revoked.status, 'revoked')
      assert.ok(revoked.revokedAt)
      assert.equal((await read()).statusCode, 401)

      const again = `/v1/admin/api-keys/${apiKey.id}/revoke`
      await refused(admin.token, 'POST', again, undefined, 409, 'api_key_already_revoked')
      await refused(
        admin.token,
        'POST',
        '/v1/admin/api-keys/nope/revoke',
        undefined,
        404,
        'api_key_not_found',
      )
      const keys = '/v1/admin/api-keys'
      await refused(admin.token, 'POST', keys, { name: 'x', scopes: [] }, 400, 'invalid_request')
      await refused(
        admin.token,
        'POST',
        keys,
        { name: 'x', scopes: ['root'] },
        400,
        'invalid_request',
      )
      await refused(
        admin.token,
        'POST',
        keys,
        { name: '', scopes: ['send'] },
        400,
        'invalid_request',
      )
      const audit = await listAuditEvents(app.store.db, { subject: `apikey:${apiKey.id}` })
      assert.deepEqual(
        audit.map((e) => e.action),
        ['apikey.revoke', 'apikey.create'],
      )
    })

    it('looks up consent per program with the full history, for admins and supervisors', async () => {
      const phone = '+12505550312'
      app.gateways.sandbox?.simulateInbound({ from: phone, to: SANDBOX_NUMBER, body: 'STOP' })
      let found: Consent | undefined
      await eventually(async () => {
        found = await ok<Consent>(supervisor.token, 'GET', '/v1/admin/consents/250-555-0312')
        assert.equal(found.consents.find((c) => c.program === 'sandbox')?.status, 'opted_out')
      })
      assert.ok(found)
      assert.equal(found.phone, phone)
      assert.equal(found.consents.find((c) => c.program === 'general')?.status, 'unknown')
      const [event] = found.events
      assert.deepEqual(
        [event?.action, event?.source, event?.actor],
        ['opt_out', 'keyword', `phone:${phone}`],
      )
      assert.match(event?.evidence ?? '', /STOP/)
      assert.ok(event?.occurredAt && event.recordedAt)
      await refused(
        admin.token,
        'GET',
        '/v1/admin/consents/not-a-phone',
        undefined,
        422,
        'invalid_number',
      )
    })

    if (dialect === 'sqlite') {
      it('screens with the rules compiled at load: many tests never exhaust re2-wasm (decision 0006)', async () => {
        // re2-wasm aborts the process after about 1,500 compilations; compiling per request would
        for (let i = 0; i < 1_600; i++) {
          const res = await call(admin.token, 'POST', '/v1/admin/screening/test', {
            text: `my password is locked ${i}`,
            program: 'bceid',
          })
          assert.equal(res.status, 200)
        }
      })
    }
  })
}

interface Body {
  body: string
  placeholders: string[]
  encoding: string
  segments: number
  ucs2Characters: { character: string; start: number; end: number }[]
}
interface Template {
  key: string
  status: string
  sendableVersion?: number
  overdue: boolean
  versions: {
    version: number
    approvedBy?: string
    approvedAt?: string
    canApprove: boolean
    en?: Body
    fr?: Body
  }[]
}
interface Preview {
  text: string
  missing: string[]
  encoding: string
  segments: number
  parts: { text: string; units: number; limit: number }[]
  ucs2Characters: { character: string; start: number; end: number }[]
}
interface Trunk {
  name: string
  enabled: boolean
  isDefault: boolean
  senders: { number: string }[]
  carries: string[]
  failoverFor: string[]
  health: { state: string }
  breaker: { state: string }
  settings: Record<string, unknown>
}
interface Routing {
  queues: { id: string; dispositions: { code: string; label: string }[] }[]
  notReadyReasons: { code: string }[]
  screening: { name: string; match?: Record<string, unknown> }[]
  programs: { id: string; captures: { attribute: string }[] }[]
  keywordSets: {
    sender: string
    program?: string
    optOut: { words: { fr: string[] } }
    help: { reply: { en: string } }
  }[]
}
interface Inspection {
  from: string
  to: string
  program: string | null
  keyword: { intent: string; language: string; keyword: string | null }
  screening: {
    rule: string
    queue: string
    skills: string[]
    attributes: Record<string, string>
    maskedText: string
  }
}
interface AdminUser {
  id: string
  username: string
  displayName: string
  queues: string[]
  skills: Record<string, number>
  capacity: number
  status: string
  disabled: boolean
}
interface ApiKey {
  id: string
  name: string
  scopes: string[]
  test: boolean
  status: string
  revokedAt?: string
}
interface Consent {
  phone: string
  consents: { program: string; status: string }[]
  events: {
    action: string
    source: string
    actor: string
    evidence?: string
    occurredAt: string
    recordedAt: string
  }[]
}
