import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { App } from '../src/app/compose.ts'
import { disableUser } from '../src/app/manage-users.ts'
import { buildServer, type ParleyServer } from '../src/http/build-server.ts'
import { DIALECTS } from './support/dialects.ts'
import { deskConfig, deskSession } from './support/desk-session.ts'
import { eventually } from './support/eventually.ts'
import { createTestApp } from './support/test-app.ts'

const BCEID = 'SBC_HD_SMS_BCEID'
const GENERAL = 'SBC_HD_SMS_GENERAL'

interface ServiceLevel {
  since: number
  thresholdSeconds: number
  arrived: number
  answered: number
  answeredWithinThreshold: number
  abandoned: number
  waiting: number
  waitingPastThreshold: number
  movedAway: number
  percent: number | null
}
interface Board {
  queues: {
    id: string
    agents: Record<string, number>
    agentsByReason: Record<string, number>
    waiting: { id: string; customerNumber: string; waitedMs: number }[]
    serviceLevel: ServiceLevel
  }[]
}
interface Agents {
  agents: {
    id: string
    username: string
    role: string
    status: string
    reason?: string
    statusSince: number
    inStatusMs: number
    capacity: number
    queues: string[]
    activeCount: number
    conversations: { id: string; status: string; queueId?: string }[]
  }[]
}
interface Review {
  id: string
  conversationId: string
  reviewer: { id: string; username: string; displayName: string }
  scores: Record<string, number>
  total: number
  maxTotal: number
  comment?: string
  createdAt: number
}

for (const { dialect, skip } of DIALECTS) {
  describe(`supervisor board, agents and quality reviews [${dialect}]`, { skip }, () => {
    let app: App
    let server: ParleyServer
    // noon today, local time, so moving the clock on never crosses midnight
    const noon = new Date()
    noon.setHours(12, 0, 0, 0)
    const started = Date.now()
    let offset = 0
    const clock = { now: () => noon.getTime() + (Date.now() - started) + offset }
    const desk = deskSession(() => ({ app, server }))
    let ana: Awaited<ReturnType<typeof desk.person>> // BCeID agent who answers
    let zed: Awaited<ReturnType<typeof desk.person>> // BCeID agent at lunch
    let gus: Awaited<ReturnType<typeof desk.person>> // general enquiries
    let sue: Awaited<ReturnType<typeof desk.person>> // supervisor
    const handled: string[] = []

    const board = async () => {
      const { queues } = await desk.ok<Board>(sue.token, 'GET', '/v1/queues')
      const bceid = queues.find((q) => q.id === BCEID)
      assert.ok(bceid, 'the BCeID queue is on the board')
      return { bceid, queues }
    }

    before(async () => {
      ;({ app } = await createTestApp({
        dialect,
        compose: { clock, acd: { tickMs: 50 } },
        editConfig: deskConfig,
      }))
      await app.start()
      server = await buildServer(app)
      ana = await desk.person({ skills: { bceid: 4 }, queues: [BCEID] })
      zed = await desk.person({ skills: { bceid: 2 }, queues: [BCEID] })
      gus = await desk.person({ skills: { general: 3 }, queues: [GENERAL] })
      sue = await desk.person({ role: 'supervisor', skills: {}, queues: [] })
    })
    after(async () => {
      await server.close()
      await app.close()
    })

    it('GET /v1/queues adds agents by not-ready reason and today’s service level', async () => {
      await desk.setStatus(zed.token, 'not_ready', 'LUNCH')
      const quiet = await board()
      const midnight = new Date(noon)
      midnight.setHours(0, 0, 0, 0)
      assert.equal(quiet.bceid.serviceLevel.since, midnight.getTime(), 'since local midnight')
      assert.equal(quiet.bceid.serviceLevel.thresholdSeconds, 300)
      assert.equal(quiet.bceid.serviceLevel.percent, null, 'no outcome yet: no percentage')
      assert.deepEqual(quiet.bceid.agentsByReason, { LUNCH: 1 })

      // answered at once: within the threshold
      await desk.setStatus(ana.token, 'available')
      const first = desk.citizen()
      desk.text(first, 'BCEID forgot my password')
      const answered = await desk.offeredTo(ana.token, first)
      await desk.handle(ana.token, answered)
      handled.push(answered)

      // the next one waits past the threshold while ana is in a meeting
      await desk.setStatus(ana.token, 'not_ready', 'MEETING')
      const second = desk.citizen()
      desk.text(second, 'BCEID account locked')
      await eventually(async () => {
        const { bceid } = await board()
        assert.ok(
          bceid.waiting.some((c) => c.customerNumber === second),
          'the second text waits',
        )
      })
      offset += 301_000
      const late = await board()
      assert.deepEqual(late.bceid.agentsByReason, { LUNCH: 1, MEETING: 1 })
      assert.equal(late.bceid.agents.not_ready, 2)
      assert.deepEqual(
        { ...late.bceid.serviceLevel, since: undefined },
        {
          since: undefined,
          thresholdSeconds: 300,
          arrived: 2,
          answered: 1,
          answeredWithinThreshold: 1,
          abandoned: 0,
          waiting: 1,
          waitingPastThreshold: 1,
          movedAway: 0,
          percent: 50,
        },
      )
      assert.equal(late.queues.find((q) => q.id === GENERAL)?.serviceLevel.arrived, 0)

      await desk.setStatus(ana.token, 'available')
      const slow = await desk.offeredTo(ana.token, second)
      await desk.handle(ana.token, slow)
      handled.push(slow)
      const { bceid } = await board()
      assert.equal(bceid.serviceLevel.answered, 2)
      assert.equal(bceid.serviceLevel.answeredWithinThreshold, 1, 'accepted after 301 s: missed')
      assert.equal(bceid.serviceLevel.waitingPastThreshold, 0)
      assert.equal(bceid.serviceLevel.percent, 50)
    })

    it('the board and the agent list are for supervisors and admins', async () => {
      for (const url of ['/v1/queues', '/v1/agents']) {
        await desk.refused(ana.token, 'GET', url, undefined, { status: 403, code: 'forbidden' })
        await desk.refused(undefined, 'GET', url, undefined, { status: 401, code: 'unauthorized' })
      }
    })

    it('GET /v1/agents lists each agent’s status, reason, time in status and conversations', async () => {
      const gone = await desk.person({ skills: { bceid: 1 }, queues: [BCEID] })
      assert.ok(await disableUser(app, gone.user.username), 'disabled')
      const { agents } = await desk.ok<Agents>(sue.token, 'GET', '/v1/agents')
      const byName = new Map(agents.map((a) => [a.username, a]))
      assert.ok(!byName.has(sue.user.username), 'a supervisor serving no queue is not an agent')
      assert.ok(!byName.has(gone.user.username), 'disabled people are not listed')

      const a = byName.get(ana.user.username)
      assert.equal(a?.activeCount, 2)
      assert.deepEqual(
        a.conversations.map((c) => [c.id, c.status, c.queueId]).sort(),
        handled.map((id) => [id, 'active', BCEID]).sort(),
      )
      assert.equal(a.capacity, 3)
      assert.deepEqual(a.queues, [BCEID])
      assert.equal(a.reason, undefined)

      const z = byName.get(zed.user.username)
      assert.equal(z?.status, 'not_ready')
      assert.equal(z.reason, 'LUNCH')
      assert.ok(z.inStatusMs >= 301_000, `at lunch since before the clock moved: ${z.inStatusMs}`)
      assert.deepEqual(z.conversations, [])
      assert.equal(byName.get(gus.user.username)?.activeCount, 0)
    })

    it('POST/GET /v1/conversations/:id/reviews scores a conversation on the configured scorecard', async () => {
      const id = handled[0]
      assert.ok(id, 'the first test handled a conversation')
      await desk.ok(ana.token, 'POST', `/v1/conversations/${id}/end`)
      await desk.ok(ana.token, 'POST', `/v1/conversations/${id}/wrap-up`, {
        disposition: 'PASSWORD_RESET',
      })
      const url = `/v1/conversations/${id}/reviews`
      const scores = { greeting: 5, accuracy: 4, tone: 5, privacy: 3 }
      const res = await desk.call<Review>(sue.token, 'POST', url, { scores, comment: ' Clear. ' })
      assert.equal(res.status, 201, JSON.stringify(res.body))
      assert.deepEqual(res.body.scores, scores)
      assert.equal(res.body.total, 17)
      assert.equal(res.body.maxTotal, 18)
      assert.equal(res.body.comment, 'Clear.')
      assert.equal(res.body.conversationId, id)
      assert.equal(res.body.reviewer.username, sue.user.username)
      await desk.ok(sue.token, 'POST', url, { scores: { ...scores, tone: 2 } })

      const { reviews } = await desk.ok<{ reviews: Review[] }>(sue.token, 'GET', url)
      assert.deepEqual(
        reviews.map((r) => [r.id === res.body.id, r.total, r.comment]),
        [
          [true, 17, 'Clear.'],
          [false, 14, undefined],
        ],
        'each review kept, oldest first',
      )
      const mine = await desk.ok<{ reviews: Review[] }>(ana.token, 'GET', url)
      assert.equal(mine.reviews.length, 2, 'the agent who handled it reads its reviews')
      await desk.refused(zed.token, 'GET', url, undefined, { status: 403, code: 'forbidden' })
      await desk.refused(gus.token, 'GET', url, undefined, {
        status: 404,
        code: 'conversation_not_found',
      })
    })

    it('a review is refused for agents, unknown conversations and scores off the scorecard', async () => {
      const id = handled[0]
      assert.ok(id, 'the first test handled a conversation')
      const url = `/v1/conversations/${id}/reviews`
      const scores = { greeting: 5, accuracy: 4, tone: 5, privacy: 3 }
      await desk.refused(ana.token, 'POST', url, { scores }, { status: 403, code: 'forbidden' })
      await desk.refused(undefined, 'POST', url, { scores }, { status: 401, code: 'unauthorized' })
      await desk.refused(
        sue.token,
        'POST',
        '/v1/conversations/nope/reviews',
        { scores },
        {
          status: 404,
          code: 'conversation_not_found',
        },
      )
      const unknown = await desk.refused(
        sue.token,
        'POST',
        url,
        { scores: { ...scores, empathy: 3 } },
        {
          status: 400,
          code: 'unknown_criterion',
        },
      )
      assert.deepEqual(unknown.details, { criteria: ['empathy'] })
      const high = await desk.refused(
        sue.token,
        'POST',
        url,
        { scores: { ...scores, privacy: 4 } },
        {
          status: 400,
          code: 'score_out_of_range',
        },
      )
      assert.deepEqual(high.details, { criterion: 'privacy', maxScore: 3 })
      await desk.refused(
        sue.token,
        'POST',
        url,
        { scores: { ...scores, greeting: -1 } },
        {
          status: 400,
          code: 'score_out_of_range',
        },
      )
      const missing = await desk.refused(
        sue.token,
        'POST',
        url,
        { scores: { greeting: 5, accuracy: 4, privacy: 3 } },
        { status: 400, code: 'missing_score' },
      )
      assert.deepEqual(missing.details, { criteria: ['tone'] })
      for (const body of [
        { scores: { ...scores, greeting: 4.5 } },
        { scores: { ...scores, tone: 'good' } },
        { scores, comment: 'x'.repeat(2001) },
        {},
      ]) {
        await desk.refused(sue.token, 'POST', url, body, { status: 400, code: 'invalid_request' })
      }
      const { reviews } = await desk.ok<{ reviews: Review[] }>(sue.token, 'GET', url)
      assert.equal(reviews.length, 2, 'nothing refused was stored')
    })
  })
}
