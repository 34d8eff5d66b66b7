import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { App } from '../src/app/compose.ts'
import { createGateways } from '../src/app/create-gateways.ts'
import { buildServer, type ParleyServer } from '../src/http/build-server.ts'
import { DIALECTS } from './support/dialects.ts'
import { eventually } from './support/eventually.ts'
import { addTestUser, TEST_PASSWORD } from './support/people.ts'
import { createTestApp } from './support/test-app.ts'

const SANDBOX_NUMBER = '+12505550199' // the sandbox program's sender in the example
const OUT_OF_SERVICE = '+12505550188' // the example sandbox's failPermanent phone

interface Text {
  id: string
  direction: 'sent' | 'received'
  from: string
  to: string
  body: string
  purpose?: string
  status: string
  errorCode?: string
  at: string
  history: { status: string; at: string }[]
}

async function signedIn(app: App, server: ParleyServer, role: 'agent' | 'admin') {
  const user = await addTestUser(app, role === 'admin' ? { role, queues: [], skills: {} } : {})
  const res = await server.inject({
    method: 'POST',
    url: '/v1/sessions',
    payload: { username: user.username, password: TEST_PASSWORD },
  })
  assert.equal(res.statusCode, 201, res.body)
  return { authorization: `Bearer ${res.json<{ token: string }>().token}` }
}

for (const { dialect, skip } of DIALECTS) {
  describe(`sandbox phone simulator [${dialect}]`, { skip }, () => {
    let app: App
    let server: ParleyServer
    let agent: { authorization: string }

    const call = (method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) =>
      server.inject({ method, url, headers: agent, ...(payload ? { payload } : {}) })
    const text = async (phone: string, body: string, to = SANDBOX_NUMBER) => {
      const res = await call('POST', `/v1/sandbox/phones/${encodeURIComponent(phone)}/messages`, {
        to,
        body,
      })
      assert.equal(res.statusCode, 202, res.body)
      return res.json<{ carrierId: string; from: string; to: string; body: string; at: string }>()
    }
    const thread = async (phone: string) => {
      const res = await call('GET', `/v1/sandbox/phones/${encodeURIComponent(phone)}/thread`)
      assert.equal(res.statusCode, 200, res.body)
      return res.json<{ phone: string; texts: Text[] }>()
    }
    const refused = async (
      method: 'GET' | 'POST',
      url: string,
      payload: Record<string, unknown> | undefined,
      status: number,
      code: string,
    ) => {
      const res = await call(method, url, payload)
      assert.deepEqual(
        [res.statusCode, res.json<{ error: { code: string } }>().error.code],
        [status, code],
        res.body,
      )
    }

    before(async () => {
      ;({ app } = await createTestApp({
        dialect,
        editConfig: (yaml) => {
          assert.ok(yaml.includes('deliveryDelayMs: 500'))
          return yaml.replace('deliveryDelayMs: 500', 'deliveryDelayMs: 1')
        },
      }))
      await app.start()
      server = await buildServer(app)
      agent = await signedIn(app, server, 'agent')
    })
    after(async () => {
      await server.close()
      await app.close()
    })

    it('lists our numbers the sandbox carries, with programs, and its special phones', async () => {
      const res = await call('GET', '/v1/sandbox/numbers')
      assert.equal(res.statusCode, 200, res.body)
      const numbers = res.json<{
        trunk: string
        numbers: { number: string; label?: string; programs: { id: string }[] }[]
        special: { failTemporary: string[]; failPermanent: string[] }
      }>()
      assert.equal(numbers.trunk, 'sandbox')
      const sandbox = numbers.numbers.find((n) => n.number === SANDBOX_NUMBER)
      assert.ok(sandbox)
      assert.deepEqual(
        sandbox.programs.map((p) => p.id),
        ['sandbox'],
      )
      assert.match(sandbox.label ?? '', /phone simulator/)
      assert.deepEqual(numbers.special.failTemporary, ['+12505550177'])
      assert.deepEqual(numbers.special.failPermanent, [OUT_OF_SERVICE])
    })

    it("a simulated citizen's text opens a conversation and shows in the phone's thread", async () => {
      const sent = await text('(250) 555-0142', 'Hello, where is my renewal?')
      assert.equal(sent.from, '+12505550142')
      assert.equal(sent.to, SANDBOX_NUMBER)
      await eventually(async () => {
        const conversation = await app.store.db
          .selectFrom('conversations')
          .select(['status', 'queue_id'])
          .where('customer_number', '=', '+12505550142')
          .where('our_number', '=', SANDBOX_NUMBER)
          .executeTakeFirst()
        assert.equal(conversation?.queue_id, 'SBC_HD_SMS_GENERAL')
      })
      await eventually(async () => {
        const { phone, texts } = await thread('250-555-0142')
        assert.equal(phone, '+12505550142')
        const [first, ack] = texts
        assert.deepEqual(
          [first?.direction, first?.body, first?.status],
          ['sent', 'Hello, where is my renewal?', 'delivered'],
        )
        // the queue's acknowledgement reaches the phone
        assert.deepEqual([ack?.direction, ack?.status], ['received', 'delivered'])
      })
    })

    it('STOP gets its confirmation into the phone thread, with its delivery receipt', async () => {
      const phone = '+12505550143'
      await text(phone, 'STOP')
      let reply: Text | undefined
      await eventually(async () => {
        reply = (await thread(phone)).texts.find((t) => t.direction === 'received')
        assert.equal(reply?.status, 'delivered')
      })
      assert.ok(reply)
      assert.deepEqual([reply.purpose, reply.from], ['opt_out_confirmation', SANDBOX_NUMBER])
      assert.match(reply.body, /Parley Sandbox: You are unsubscribed/)
      assert.deepEqual(
        reply.history.map((h) => h.status),
        ['queued', 'sent', 'delivered'],
      )
      const times = reply.history.map((h) => Date.parse(h.at))
      assert.deepEqual(
        times,
        [...times].sort((a, b) => a - b),
      )
    })

    it('a phone out of service shows its reply sent, then undelivered', async () => {
      await text(OUT_OF_SERVICE, 'HELP')
      await eventually(async () => {
        const reply = (await thread(OUT_OF_SERVICE)).texts.find((t) => t.direction === 'received')
        assert.ok(reply)
        assert.equal(reply.purpose, 'help_reply')
        assert.deepEqual(
          reply.history.map((h) => h.status),
          ['queued', 'sent', 'undelivered'],
        )
      })
    })

    it('validates the phone and our number with stable codes', async () => {
      const post = (phone: string) => `/v1/sandbox/phones/${encodeURIComponent(phone)}/messages`
      const body = { to: SANDBOX_NUMBER, body: 'hi' }
      await refused('POST', post('not a phone'), body, 422, 'invalid_number')
      await refused('POST', post('12'), body, 422, 'invalid_number')
      await refused('POST', post(SANDBOX_NUMBER), body, 422, 'invalid_number')
      await refused(
        'POST',
        post('+12505550144'),
        { to: '+12505559999', body: 'hi' },
        422,
        'unknown_sender',
      )
      await refused(
        'POST',
        post('+12505550144'),
        { to: SANDBOX_NUMBER, body: '' },
        400,
        'invalid_request',
      )
      await refused('GET', '/v1/sandbox/phones/abc/thread', undefined, 422, 'invalid_number')
      const stranger = await server.inject({ url: '/v1/sandbox/numbers' })
      assert.equal(stranger.statusCode, 401)
    })

    it("gives simulated texts ids a restarted server's sandbox never reuses", () => {
      // inbound texts are told apart from a carrier's repeats by id, in a store that outlives
      // the process: a counter restarting at 1 would make the next run's texts "repeats"
      const process = () =>
        createGateways({
          config: app.config,
          clock: app.clock,
          random: app.random,
          logger: app.logger,
        }).sandbox
      const sms = { from: '+12505550145', to: SANDBOX_NUMBER, body: 'hello' }
      const first = process()?.simulateInbound(sms)
      const afterRestart = process()?.simulateInbound(sms)
      assert.ok(first && afterRestart)
      assert.notEqual(first.carrierId, afterRestart.carrierId)
    })
  })

  describe(`sandbox phone simulator without a sandbox trunk [${dialect}]`, { skip }, () => {
    let app: App
    let server: ParleyServer

    before(async () => {
      ;({ app } = await createTestApp({
        dialect,
        editConfig: (yaml) => {
          assert.ok(yaml.includes('    type: sandbox\n'))
          return yaml.replace('    type: sandbox\n', '    type: sandbox\n    enabled: false\n')
        },
      }))
      server = await buildServer(app)
    })
    after(async () => {
      await server.close()
      await app.close()
    })

    it('answers 404 sandbox_not_enabled on every simulator endpoint', async () => {
      const headers = await signedIn(app, server, 'agent')
      for (const [method, url, payload] of [
        ['GET', '/v1/sandbox/numbers', undefined],
        ['POST', '/v1/sandbox/phones/+12505550146/messages', { to: SANDBOX_NUMBER, body: 'hi' }],
        ['GET', '/v1/sandbox/phones/+12505550146/thread', undefined],
      ] as const) {
        const res = await server.inject({ method, url, headers, ...(payload ? { payload } : {}) })
        assert.equal(res.statusCode, 404, res.body)
        assert.equal(res.json<{ error: { code: string } }>().error.code, 'sandbox_not_enabled')
      }
    })
  })
}
