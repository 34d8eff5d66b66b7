import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { Agent } from './agent.ts'
import { acceptOffer, onOfferTimeout, releaseConversation } from './agent-transitions.ts'
import { createRouter } from './create-router.ts'
import { matchAll } from './match-all.ts'
import type { QueuePolicy } from './queue-policy.ts'
import { RoutingInputError } from './routing-input-error.ts'
import type { WaitingConversation } from './waiting-conversation.ts'

const BCEID = 'SBC_HD_SMS_BCEID'
const queue: QueuePolicy = {
  id: BCEID,
  aging: { everySeconds: 60, step: 1, max: 50 },
  relaxSkillsAfterSeconds: [180],
}
const agent = (id: string, fields: Partial<Agent> = {}): Agent => ({
  id,
  status: 'available',
  skills: { bceid: 3 },
  queues: [BCEID],
  active: 0,
  idleSince: 0,
  ...fields,
})
const waiting = (id: string, fields: Partial<WaitingConversation> = {}): WaitingConversation => ({
  id,
  queue: BCEID,
  basePriority: 5,
  requiredSkills: ['bceid'],
  enqueuedAt: 0,
  customerNumber: '+12505550100',
  ...fields,
})
const offeredTo = (router: ReturnType<typeof createRouter>, now: number): string[] =>
  router.drain(now).map((a) => `${a.conversationId}→${a.agentId}`)

describe('createRouter', () => {
  const rejected: { name: string; act: () => unknown; code: string }[] = [
    {
      name: 'a queue policy that cannot age',
      act: () => createRouter([{ ...queue, aging: { everySeconds: 0, step: 1, max: 5 } }]),
      code: 'invalid_queue_policy',
    },
    {
      name: 'a proficiency outside 1–5',
      act: () => createRouter([queue]).upsertAgent(agent('a1', { skills: { bceid: 7 } })),
      code: 'invalid_agent',
    },
    {
      name: 'a negative active count',
      act: () => createRouter([queue]).upsertAgent(agent('a1', { active: -1 })),
      code: 'invalid_agent',
    },
    {
      name: 'a conversation for a queue the router does not know',
      act: () => createRouter([queue]).enqueue(waiting('c1', { queue: 'NOPE' })),
      code: 'unknown_queue',
    },
    {
      name: 'a base priority outside 1–10',
      act: () => createRouter([queue]).enqueue(waiting('c1', { basePriority: 0 })),
      code: 'invalid_conversation',
    },
  ]
  for (const { name, act, code } of rejected) {
    it(`rejects ${name} with RoutingInputError ${code}`, () => {
      assert.throws(act, (error) => error instanceof RoutingInputError && error.code === code)
    })
  }

  it('applies its decision: the conversation leaves, the agent holds the offer', () => {
    const router = createRouter([queue])
    router.upsertAgent(agent('a1'))
    router.enqueue(waiting('c1'))
    const decision = router.next(1_000)
    assert.ok(decision.ok)
    assert.deepEqual(decision.agent, agent('a1', { active: 1, offered: 'c1' }))
    assert.deepEqual(router.getAgent('a1'), decision.agent)
    assert.equal(router.getConversation('c1'), undefined)
    assert.deepEqual(router.next(1_000), { ok: false, waiting: 0 })
  })

  it('one offer at a time: the next conversation waits until the offer is answered', () => {
    const router = createRouter([queue])
    router.upsertAgent(agent('a1'))
    router.enqueue(waiting('c1'))
    router.enqueue(waiting('c2', { enqueuedAt: 1 }))
    assert.deepEqual(offeredTo(router, 1_000), ['c1→a1'])
    const accepted = acceptOffer(router.getAgent('a1')!, 'c1')
    assert.ok(accepted.ok)
    router.upsertAgent(accepted.agent)
    assert.deepEqual(offeredTo(router, 2_000), ['c2→a1'])
  })

  it('a re-enqueued conversation replaces the old one', () => {
    const router = createRouter([queue])
    router.enqueue(waiting('c1'))
    router.enqueue(waiting('c1', { requiredSkills: ['fr'] }))
    router.upsertAgent(agent('a1'))
    assert.equal(router.stats().waiting, 1)
    assert.deepEqual(offeredTo(router, 1_000), [])
  })

  it('a removed conversation (abandoned, moved) is never offered', () => {
    const router = createRouter([queue])
    router.enqueue(waiting('c1'))
    assert.deepEqual(router.remove('c1'), waiting('c1'))
    router.upsertAgent(agent('a1'))
    assert.deepEqual(offeredTo(router, 1_000), [])
  })

  it('a removed agent is never offered anything', () => {
    const router = createRouter([queue])
    router.upsertAgent(agent('a1'))
    router.enqueue(waiting('c1'))
    assert.deepEqual(router.removeAgent('a1'), agent('a1'))
    assert.deepEqual(offeredTo(router, 1_000), [])
  })

  it('an agent who learns a skill joins the pools that need it', () => {
    const router = createRouter([queue])
    router.upsertAgent(agent('a1', { skills: {} }))
    router.enqueue(waiting('c1'))
    assert.deepEqual(offeredTo(router, 1_000), [])
    router.upsertAgent(agent('a1'))
    assert.deepEqual(offeredTo(router, 1_000), ['c1→a1'])
  })

  it('relaxation and aging apply at decision time, with no timer to keep', () => {
    const router = createRouter([queue])
    router.upsertAgent(agent('a1', { skills: { billing: 4 } }))
    router.enqueue(waiting('c1'))
    assert.deepEqual(offeredTo(router, 179_999), [])
    assert.deepEqual(offeredTo(router, 180_000), ['c1→a1'])
  })

  // Issue 5: an offer times out and moves on; the agent who let it time out becomes not_ready.
  it('after an offer times out, the conversation keeps its place and goes to someone else', () => {
    const router = createRouter([queue])
    router.upsertAgent(agent('a1'))
    router.enqueue(waiting('c1', { enqueuedAt: 0 }))
    router.enqueue(waiting('c2', { enqueuedAt: 10_000 }))
    assert.deepEqual(offeredTo(router, 20_000), ['c1→a1'])
    const timedOut = onOfferTimeout(router.getAgent('a1')!, waiting('c1'), 50_000)
    assert.ok(timedOut.ok)
    router.upsertAgent(timedOut.agent)
    router.enqueue(timedOut.conversation)
    router.upsertAgent(agent('a2', { idleSince: 40_000 }))
    // c1 waited longer than c2, so it goes first, to a2: a1 is not ready and excluded anyway.
    assert.deepEqual(offeredTo(router, 50_000), ['c1→a2'])
  })

  it('counts agents, waiting conversations, classes and pools', () => {
    const router = createRouter([queue])
    router.upsertAgent(agent('a1', { status: 'offline' }))
    router.enqueue(waiting('c1'))
    router.enqueue(waiting('c2', { basePriority: 9 }))
    router.next(0)
    assert.deepEqual(router.stats(), { agents: 1, waiting: 2, waitingClasses: 2, agentPools: 1 })
  })

  it('matches the reference over thousands of conversations, through compaction of its lists', () => {
    // A deterministic generator: the point is scale, the random cases are in the property test.
    let seed = 42
    const random = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
      return seed % n
    }
    const queues: QueuePolicy[] = [
      queue,
      { ...queue, id: 'GENERAL', relaxSkillsAfterSeconds: [120, 300] },
    ]
    const skillSets = [['bceid'], ['bceid', 'fr'], ['fr'], []]
    const router = createRouter(queues)
    const agents = new Map<string, Agent>()
    const waitingById = new Map<string, WaitingConversation>()
    for (let i = 0; i < 40; i++) {
      const a = agent(`a${i}`, {
        skills: { bceid: 1 + random(5), ...(random(2) === 0 && { fr: 1 + random(5) }) },
        queues: random(3) === 0 ? [BCEID, 'GENERAL'] : [random(2) === 0 ? BCEID : 'GENERAL'],
        idleSince: random(1000),
      })
      agents.set(a.id, a)
      router.upsertAgent(a)
    }
    let next = 0
    const arrive = (at: number): void => {
      const c = waiting(`c${next++}`, {
        queue: random(2) === 0 ? BCEID : 'GENERAL',
        basePriority: 1 + random(3),
        requiredSkills: skillSets[random(skillSets.length)] ?? [],
        enqueuedAt: at,
      })
      waitingById.set(c.id, c)
      router.enqueue(c)
    }
    for (let i = 0; i < 4000; i++) arrive(0)
    for (let round = 1, now = 0; round <= 120; round++, now += 7_000) {
      const expected = matchAll([...waitingById.values()], [...agents.values()], queues, now)
      assert.deepEqual(router.drain(now), expected.assignments)
      for (const { conversationId, agentId } of expected.assignments) {
        waitingById.delete(conversationId)
        const accepted = acceptOffer(
          expected.agents.find((a) => a.id === agentId)!,
          conversationId,
        )
        assert.ok(accepted.ok)
        const freed = releaseConversation(accepted.agent, now)
        agents.set(agentId, freed)
        router.upsertAgent(freed)
      }
      for (let i = 0; i < 30; i++) arrive(now)
      // Abandoned conversations leave holes in the middle of the lists.
      for (let i = 0; i < 60; i++) {
        const id = `c${random(next)}`
        assert.deepEqual(router.remove(id), waitingById.get(id))
        waitingById.delete(id)
      }
    }
    assert.equal(router.stats().waiting, waitingById.size)
  })
})
