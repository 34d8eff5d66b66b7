import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { WebSocket } from 'ws'
import type { App } from '../src/app/compose.ts'
import type { User } from '../src/app/manage-users.ts'
import { buildServer, type ParleyServer } from '../src/http/build-server.ts'
import { DIALECTS } from './support/dialects.ts'
import { eventually } from './support/eventually.ts'
import { addTestUser, TEST_PASSWORD } from './support/people.ts'
import { createTestApp } from './support/test-app.ts'

const BCEID_NUMBER = '+12505550101' // the bceid program's sender in the example
const BCEID = 'SBC_HD_SMS_BCEID'
const GENERAL = 'SBC_HD_SMS_GENERAL'
const PARKING = 'SBC_HD_SMS_SURVEY' // no test agent serves it: where a test parks what it leaves

interface Conversation {
  id: string
  status: string
  queueId: string
  agentId?: string
  customerNumber: string
}
interface Desk {
  mine: Conversation[]
  waiting: Conversation[]
}
interface Transcript {
  conversation: Conversation
  events: { type: string; agentId?: string; queueId?: string; data?: Record<string, unknown> }[]
  messages: { direction: string; body: string }[]
}

for (const { dialect, skip } of DIALECTS) {
  describe(`agent desk: routing, offers and agent actions [${dialect}]`, { skip }, () => {
    let app: App
    let server: ParleyServer
    let offset = 0
    let phones = 0
    const clock = { now: () => Date.now() + offset }

    const call = async (
      token: string,
      method: 'GET' | 'POST' | 'PUT',
      url: string,
      body?: unknown,
    ) => {
      const res = await server.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}` },
        ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
      })
      return {
        status: res.statusCode,
        body: res.body === '' ? undefined : (JSON.parse(res.body) as unknown),
      }
    }
    const ok = async <T>(
      token: string,
      method: 'GET' | 'POST' | 'PUT',
      url: string,
      body?: unknown,
    ) => {
      const res = await call(token, method, url, body)
      assert.ok(
        res.status >= 200 && res.status < 300,
        `${method} ${url}: HTTP ${res.status} ${JSON.stringify(res.body)}`,
      )
      return res.body as T
    }
    const signIn = async (user: User) => {
      const res = await server.inject({
        method: 'POST',
        url: '/v1/sessions',
        payload: { username: user.username, password: TEST_PASSWORD },
      })
      assert.equal(res.statusCode, 201, res.body)
      return (JSON.parse(res.body) as { token: string }).token
    }
    const person = async (overrides: Parameters<typeof addTestUser>[1] = {}) => {
      const user = await addTestUser(app, overrides)
      return { user, token: await signIn(user) }
    }
    const citizen = () => `+1250555${String(7000 + ++phones)}`
    const text = (from: string, body: string) =>
      app.gateways.sandbox?.simulateInbound({ from, to: BCEID_NUMBER, body })
    const offeredTo = async (token: string, customerNumber: string) => {
      let found: Conversation | undefined
      await eventually(async () => {
        const desk = await ok<Desk>(token, 'GET', '/v1/conversations')
        found = desk.mine.find((c) => c.customerNumber === customerNumber && c.status === 'offered')
        assert.ok(found, `no offer for ${customerNumber}: ${JSON.stringify(desk)}`)
      })
      assert.ok(found)
      return found
    }
    const transcript = (token: string, id: string) =>
      ok<Transcript>(token, 'GET', `/v1/conversations/${id}`)
    const goOffline = async (...tokens: string[]) => {
      for (const token of tokens)
        await ok(token, 'PUT', '/v1/agents/me/status', { status: 'offline' })
    }

    before(async () => {
      ;({ app } = await createTestApp({
        dialect,
        compose: { clock, acd: { tickMs: 50 } },
        editConfig: (y) =>
          y
            .replace('deliveryDelayMs: 500', 'deliveryDelayMs: 1')
            // the BCeID number is carried by the sandbox, so its phones receive the replies
            .replace(
              "number: '+12505550101'\n    trunk: twilio-longcode",
              "number: '+12505550101'\n    trunk: sandbox",
            ),
      }))
      await app.start()
      server = await buildServer(app)
    })
    after(async () => {
      await server.close()
      await app.close()
    })

    it('a BCEID text is queued by keyword, offered to a skilled agent, accepted, answered and wrapped up', async () => {
      const ana = await person({ skills: { bceid: 4 }, queues: [BCEID] })
      const status = await ok<{ status: string }>(ana.token, 'PUT', '/v1/agents/me/status', {
        status: 'available',
      })
      assert.equal(status.status, 'available')
      const phone = citizen()
      text(phone, 'BCEID I forgot my password')

      const offer = await offeredTo(ana.token, phone)
      assert.equal(offer.queueId, BCEID)
      const offered = (await transcript(ana.token, offer.id)).events.find(
        (e) => e.type === 'offered',
      )
      assert.equal(offered?.agentId, ana.user.id)
      const reason = offered.data?.reason as { rule: string; requiredSkills: string[] }
      assert.equal(
        reason.rule,
        'only_eligible',
        'each assignment records why that agent was chosen',
      )
      assert.deepEqual(reason.requiredSkills, ['bceid'])

      assert.equal(
        (
          await ok<{ acceptedAt: number }>(
            ana.token,
            'POST',
            `/v1/conversations/${offer.id}/accept`,
          )
        ).acceptedAt > 0,
        true,
      )
      const again = await call(ana.token, 'POST', `/v1/conversations/${offer.id}/accept`)
      assert.equal(again.status, 409, 'an accepted conversation cannot be accepted twice')

      const sent = await ok<{ segments: number; messageId: string }>(
        ana.token,
        'POST',
        `/v1/conversations/${offer.id}/messages`,
        { text: 'Hello, I can reset your BCeID password.' },
      )
      assert.equal(sent.segments, 1)
      await eventually(() => {
        const inbox = app.gateways.sandbox?.phoneInbox(phone) ?? []
        assert.ok(
          inbox.some((m) => m.body === 'Hello, I can reset your BCeID password.'),
          `the reply reaches the phone: ${JSON.stringify(inbox)}`,
        )
      })

      const missing = await call(ana.token, 'POST', `/v1/conversations/${offer.id}/messages`, {
        template: 'case_update',
        values: { status: 'closed' },
      })
      assert.equal(missing.status, 422, 'a standard response is never sent half-filled')
      for (const template of ['verification_code', 'emergency_alert', 'acknowledgement']) {
        const refused = await call(ana.token, 'POST', `/v1/conversations/${offer.id}/messages`, {
          template,
          values: { code: '123456', message: 'x', url: 'https://example.ca' },
        })
        assert.equal(refused.status, 422, `${template} is Parley's to send, not an agent's`)
        assert.equal(
          (refused.body as { error: { code: string } }).error.code,
          'template_not_found',
          template,
        )
      }
      const standard = await ok<{ text: string; segments: number }>(
        ana.token,
        'POST',
        `/v1/conversations/${offer.id}/messages`,
        { template: 'case_update', values: { caseNumber: 'CS-1', status: 'closed' } },
      )
      assert.match(standard.text, /CS-1 has been updated: closed/)
      assert.equal(standard.segments, 1)
      await ok(ana.token, 'POST', `/v1/conversations/${offer.id}/end`)
      const wrong = await call(ana.token, 'POST', `/v1/conversations/${offer.id}/wrap-up`, {
        disposition: 'ESCALATED',
      })
      assert.equal(wrong.status, 422, 'only the queue’s own disposition codes')
      assert.equal((wrong.body as { error: { code: string } }).error.code, 'invalid_disposition')
      offset += 42_000
      const wrapped = await ok<{ afterContactMs: number }>(
        ana.token,
        'POST',
        `/v1/conversations/${offer.id}/wrap-up`,
        { disposition: 'PASSWORD_RESET' },
      )
      assert.ok(wrapped.afterContactMs >= 42_000, 'after-contact time = wrap-up − end')

      const { conversation, events, messages } = await transcript(ana.token, offer.id)
      assert.equal(conversation.status, 'wrapped_up')
      const types = events.map((e) => e.type)
      for (const type of [
        'created',
        'queued',
        'message_in',
        'offered',
        'accepted',
        'message_out',
        'ended',
        'wrapped_up',
      ]) {
        assert.ok(types.includes(type), `event ${type} stored: ${types.join(', ')}`)
      }
      assert.ok(
        events.every((e) => e.queueId === BCEID),
        'every event names the queue',
      )
      assert.ok(messages.some((m) => m.direction === 'inbound' && m.body.startsWith('BCEID')))
      await goOffline(ana.token)
    })

    it('an offer not accepted in 30 s goes back to the queue and the agent becomes not ready (NOT_RESPONDING)', async () => {
      const ben = await person({ skills: { bceid: 3 }, queues: [BCEID] })
      const boss = await person({ role: 'supervisor', queues: [], skills: {} })
      await ok(ben.token, 'PUT', '/v1/agents/me/status', { status: 'available' })
      const phone = citizen()
      text(phone, 'bceid locked out')
      const offer = await offeredTo(ben.token, phone)

      offset += 29_000
      await app.acd.tick()
      assert.equal(
        (await transcript(ben.token, offer.id)).conversation.status,
        'offered',
        'not yet',
      )
      offset += 2_000
      await app.acd.tick()

      const after = await transcript(ben.token, offer.id)
      assert.equal(after.conversation.status, 'waiting')
      const requeued = after.events.filter((e) => e.type === 'queued').at(-1)
      assert.equal(requeued?.data?.reason, 'offer_timeout')
      assert.deepEqual(requeued.data.excludedAgents, [ben.user.id])
      const me = await ok<{ status: string }>(ben.token, 'GET', '/v1/me')
      assert.equal(me.status, 'not_ready')
      const agentEvent = await app.store.db
        .selectFrom('agent_events')
        .selectAll()
        .where('user_id', '=', ben.user.id)
        .orderBy('occurred_at', 'desc')
        .executeTakeFirstOrThrow()
      assert.deepEqual(
        [agentEvent.type, agentEvent.status, agentEvent.reason],
        ['status_changed', 'not_ready', 'NOT_RESPONDING'],
      )
      // an agent cannot claim the timed-out offer any more
      assert.equal(
        (await call(ben.token, 'POST', `/v1/conversations/${offer.id}/accept`)).status,
        409,
      )

      await ok(boss.token, 'POST', `/v1/conversations/${offer.id}/move`, { queue: PARKING })
      await goOffline(ben.token)
    })

    it('an agent declines an offer: it goes to another agent at once; the decliner stays available and is passed over for the exclusion time only', async () => {
      const gus = await person({ skills: { bceid: 5 }, queues: [BCEID] })
      const hal = await person({ skills: { bceid: 3 }, queues: [BCEID] })
      await ok(gus.token, 'PUT', '/v1/agents/me/status', { status: 'available' })
      await ok(hal.token, 'PUT', '/v1/agents/me/status', { status: 'available' })
      const phone = citizen()
      text(phone, 'BCEID my account is locked')
      const offer = await offeredTo(gus.token, phone) // the more proficient first
      const decline = `/v1/conversations/${offer.id}/decline`
      assert.equal((await call(hal.token, 'POST', decline)).status, 409, 'not offered to hal')

      const declined = await ok<{ declinedAt: number }>(gus.token, 'POST', decline)
      assert.ok(declined.declinedAt > 0)
      assert.equal((await offeredTo(hal.token, phone)).id, offer.id, 're-offered to hal')
      assert.equal((await call(gus.token, 'POST', decline)).status, 409, 'no longer gus’s offer')
      const me = await ok<{ status: string }>(gus.token, 'GET', '/v1/me')
      assert.equal(me.status, 'available', 'declining is not failing to respond')
      const { events } = await transcript(gus.token, offer.id)
      assert.equal(events.find((e) => e.type === 'declined')?.agentId, gus.user.id)
      const requeued = events.filter((e) => e.type === 'queued').at(-1)
      assert.equal(requeued?.data?.reason, 'offer_declined')
      assert.deepEqual(requeued.data.excludedAgents, [gus.user.id])

      // hal declines too: nobody left, until gus's exclusion (300 s by default) ends
      await ok(hal.token, 'POST', decline)
      await app.acd.tick()
      assert.equal((await transcript(gus.token, offer.id)).conversation.status, 'waiting')
      offset += 300_000
      await app.acd.tick()
      assert.equal((await offeredTo(gus.token, phone)).id, offer.id, 'gus again, once it ended')
      await ok(gus.token, 'POST', `/v1/conversations/${offer.id}/accept`)
      await ok(gus.token, 'POST', `/v1/conversations/${offer.id}/end`)
      await ok(gus.token, 'POST', `/v1/conversations/${offer.id}/wrap-up`, {
        disposition: 'ACCOUNT_UNLOCKED',
      })
      await goOffline(gus.token, hal.token)
    })

    it('an agent transfers to another queue with a note; an agent of that queue is offered it', async () => {
      const cam = await person({ skills: { bceid: 5 }, queues: [BCEID] })
      const dee = await person({ skills: {}, queues: [GENERAL] })
      await ok(cam.token, 'PUT', '/v1/agents/me/status', { status: 'available' })
      await ok(dee.token, 'PUT', '/v1/agents/me/status', { status: 'available' })
      const phone = citizen()
      text(phone, 'BCEID actually this is about my taxes')
      const offer = await offeredTo(cam.token, phone)
      assert.equal(
        (await call(dee.token, 'GET', `/v1/conversations/${offer.id}`)).status,
        404,
        "another queue's conversation is not dee's to see",
      )
      await ok(cam.token, 'POST', `/v1/conversations/${offer.id}/accept`)
      const moved = await ok<{ status: string }>(
        cam.token,
        'POST',
        `/v1/conversations/${offer.id}/transfer`,
        {
          toQueue: GENERAL,
          note: 'not a BCeID question',
        },
      )
      assert.equal(moved.status, 'waiting')

      const second = await offeredTo(dee.token, phone)
      assert.equal(second.id, offer.id)
      assert.equal(second.queueId, GENERAL)
      const { events } = await transcript(dee.token, offer.id)
      const transferred = events.find((e) => e.type === 'transferred')
      assert.equal(transferred?.data?.note, 'not a BCeID question')
      assert.equal(transferred.agentId, cam.user.id)
      assert.equal(
        (await call(cam.token, 'POST', `/v1/conversations/${offer.id}/end`)).status,
        404,
        'no longer cam’s, nor in his queues',
      )
      await ok(dee.token, 'POST', `/v1/conversations/${offer.id}/accept`)
      await ok(dee.token, 'POST', `/v1/conversations/${offer.id}/end`)
      await ok(dee.token, 'POST', `/v1/conversations/${offer.id}/wrap-up`, {
        disposition: 'REFERRED',
      })
      await goOffline(cam.token, dee.token)
    })

    it('a supervisor sees queue counts and waiting conversations, reprioritises and assigns', async () => {
      const boss = await person({ role: 'supervisor', queues: [], skills: {} })
      const eve = await person({ skills: { bceid: 2 }, queues: [BCEID] })
      const phone = citizen()
      text(phone, 'BCEID need help')
      let waiting: Conversation | undefined
      await eventually(async () => {
        const { queues } = await ok<{
          queues: { id: string; counts: { waiting: number }; waiting: Conversation[] }[]
        }>(boss.token, 'GET', '/v1/queues')
        const bceid = queues.find((q) => q.id === BCEID)
        waiting = bceid?.waiting.find((c) => c.customerNumber === phone)
        assert.ok(waiting, 'the waiting conversation is on the board')
        assert.ok((bceid?.counts.waiting ?? 0) >= 1)
      })
      assert.ok(waiting)
      assert.equal(
        (await call(eve.token, 'GET', '/v1/queues')).status,
        403,
        'agents do not see the board',
      )
      const desk = await ok<Desk>(eve.token, 'GET', '/v1/conversations')
      assert.ok(
        desk.waiting.some((c) => c.id === waiting?.id),
        "an agent sees their queues' waiting conversations",
      )

      await ok(boss.token, 'POST', `/v1/conversations/${waiting.id}/priority`, { priority: 9 })
      const refused = await call(boss.token, 'POST', `/v1/conversations/${waiting.id}/assign`, {
        agent: eve.user.id,
      })
      assert.equal(refused.status, 409, 'an offline agent cannot be assigned')
      await ok(boss.token, 'PUT', `/v1/agents/${eve.user.id}/status`, {
        status: 'not_ready',
        reason: 'TRAINING',
      })
      await ok(boss.token, 'POST', `/v1/conversations/${waiting.id}/assign`, { agent: eve.user.id })
      const offer = await offeredTo(eve.token, phone)
      const reason = (await transcript(boss.token, offer.id)).events.find(
        (e) => e.type === 'offered',
      )?.data?.reason
      assert.deepEqual(reason, { rule: 'supervisor_assigned', by: boss.user.id })
      const bad = await call(eve.token, 'PUT', '/v1/agents/me/status', {
        status: 'not_ready',
        reason: 'NAP',
      })
      assert.equal(bad.status, 422, 'not_ready takes a configured reason')
      await ok(eve.token, 'POST', `/v1/conversations/${offer.id}/accept`)
      await goOffline(eve.token)
    })

    it('the WebSocket at /v1/events delivers an offer to the signed-in agent, and refuses strangers', async () => {
      const fay = await person({ skills: { bceid: 4 }, queues: [BCEID] })
      const address = await server.listen({ port: 0, host: '127.0.0.1' })
      const url = `${address.replace('http', 'ws')}/v1/events`
      const stranger = new WebSocket(url)
      const refused = await new Promise<string>((resolve) => {
        stranger.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)))
        stranger.on('open', () => resolve('open'))
        stranger.on('error', () => resolve('error'))
      })
      assert.equal(refused, '401')

      const socket = new WebSocket(`${url}?token=${fay.token}`)
      const received: {
        kind: string
        type?: string
        agentId?: string
        data?: { reason?: unknown }
      }[] = []
      socket.on('message', (data: Buffer) =>
        received.push(JSON.parse(data.toString('utf8')) as never),
      )
      await eventually(() => assert.equal(received[0]?.kind, 'hello'))
      await ok(fay.token, 'PUT', '/v1/agents/me/status', { status: 'available' })
      const phone = citizen()
      text(phone, 'BCEID can you help')
      const offer = await offeredTo(fay.token, phone)
      await eventually(() => {
        const offered = received.find(
          (e) => e.kind === 'conversation' && e.type === 'offered' && e.agentId === fay.user.id,
        )
        assert.ok(offered, JSON.stringify(received))
        assert.ok(offered.data?.reason, 'the offer says why')
      })
      assert.ok(received.some((e) => e.kind === 'agent' && e.type === 'status_changed'))
      socket.close()
      await ok(fay.token, 'POST', `/v1/conversations/${offer.id}/accept`)
      await goOffline(fay.token)
    })

    it('events published together reach a supervisor’s WebSocket, all of them, in order', async () => {
      const sue = await person({ role: 'supervisor', skills: {}, queues: [] })
      // the server listens already when the test before it ran
      const address = server.server.listening
        ? server.listeningOrigin
        : await server.listen({ port: 0, host: '127.0.0.1' })
      const socket = new WebSocket(`${address.replace('http', 'ws')}/v1/events?token=${sue.token}`)
      const ids: string[] = []
      socket.on('message', (data: Buffer) => {
        const event = JSON.parse(data.toString('utf8')) as { kind: string; id?: string }
        if (event.kind === 'agent' && event.id?.startsWith('together-')) ids.push(event.id)
      })
      await new Promise((resolve) => socket.once('message', resolve)) // hello
      const sent = ['together-1', 'together-2', 'together-3', 'together-4']
      // one publish, one tick: the socket's writes are held and leave together
      app.events.publish(
        sent.map((id) => ({
          kind: 'agent' as const,
          id,
          type: 'status_changed' as const,
          agentId: sue.user.id,
          status: 'offline',
          reason: undefined,
          occurredAt: Date.now(),
        })),
      )
      await eventually(() => assert.deepEqual(ids, sent))
      socket.close()
    })
  })
}
