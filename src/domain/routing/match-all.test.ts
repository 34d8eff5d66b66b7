import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import type { Agent } from './agent.ts'
import { capacityOf, hasSkills, isFree, servesQueue } from './agent.ts'
import { chooseAgent } from './choose-agent.ts'
import { matchAll } from './match-all.ts'
import type { QueuePolicy } from './queue-policy.ts'
import { requiredSkillsAt } from './required-skills-at.ts'
import {
  agents,
  conversations,
  now,
  permute,
  queuePolicies,
} from './routing-arbitraries.test-support.ts'
import type { WaitingConversation } from './waiting-conversation.ts'

const general: QueuePolicy = {
  id: 'SBC_HD_SMS_GENERAL',
  aging: { everySeconds: 60, step: 1, max: 50 },
  relaxSkillsAfterSeconds: [],
}
const agent = (id: string, fields: Partial<Agent> = {}): Agent => ({
  id,
  status: 'available',
  skills: {},
  queues: [general.id],
  active: 0,
  idleSince: 0,
  ...fields,
})
const waiting = (id: string, fields: Partial<WaitingConversation> = {}): WaitingConversation => ({
  id,
  queue: general.id,
  basePriority: 5,
  requiredSkills: [],
  enqueuedAt: 0,
  customerNumber: '+12505550100',
  ...fields,
})

const cases: {
  name: string
  agents: Agent[]
  waiting: WaitingConversation[]
  now?: number
  expected: [string, string][]
}[] = [
  {
    name: 'higher base priority is offered first',
    agents: [agent('a1')],
    waiting: [
      waiting('low', { basePriority: 3 }),
      waiting('high', { basePriority: 7, enqueuedAt: 500 }),
    ],
    expected: [['high', 'a1']],
  },
  {
    name: 'aging: an older low-priority conversation overtakes a newer urgent one',
    agents: [agent('a1')],
    waiting: [
      waiting('old', { basePriority: 3 }),
      waiting('new', { basePriority: 6, enqueuedAt: 240_000 }),
    ],
    now: 300_000, // old: 3 + 5 = 8, new: 6 + 1 = 7
    expected: [['old', 'a1']],
  },
  {
    name: 'equal effective priority: the one waiting longest',
    agents: [agent('a1')],
    waiting: [waiting('second', { enqueuedAt: 20 }), waiting('first', { enqueuedAt: 10 })],
    expected: [['first', 'a1']],
  },
  {
    name: 'one offer per agent per pass, though two slots are free',
    agents: [agent('a1', { active: 1 })],
    waiting: [waiting('c1'), waiting('c2', { enqueuedAt: 1 })],
    expected: [['c1', 'a1']],
  },
  {
    name: 'each conversation to the best agent left, in priority order',
    agents: [
      agent('a1', { idleSince: 3 }),
      agent('a2', { idleSince: 1 }),
      agent('a3', { idleSince: 2 }),
    ],
    waiting: [
      waiting('c1'),
      waiting('c2', { enqueuedAt: 1 }),
      waiting('c3', { enqueuedAt: 2 }),
      waiting('c4', { enqueuedAt: 3 }),
    ],
    expected: [
      ['c1', 'a2'],
      ['c2', 'a3'],
      ['c3', 'a1'],
    ],
  },
  {
    name: 'a conversation nobody can take does not hold up the next one',
    agents: [agent('a1')],
    waiting: [waiting('fr', { basePriority: 9, requiredSkills: ['fr'] }), waiting('any')],
    expected: [['any', 'a1']],
  },
  {
    name: 'a conversation of an unknown queue is left waiting',
    agents: [agent('a1', { queues: ['ELSEWHERE'] })],
    waiting: [waiting('c1', { queue: 'ELSEWHERE' })],
    expected: [],
  },
]

describe('matchAll', () => {
  for (const { name, agents: team, waiting: queued, now: at = 1_000, expected } of cases) {
    it(name, () => {
      const { assignments } = matchAll(queued, team, [general], at)
      assert.deepEqual(
        assignments.map((a) => [a.conversationId, a.agentId]),
        expected,
      )
    })
  }

  it('returns the agents holding their offers', () => {
    const { agents: after } = matchAll(
      [waiting('c1')],
      [agent('a1', { active: 1 }), agent('a2', { status: 'offline' })],
      [general],
      1_000,
    )
    assert.deepEqual(after, [
      agent('a1', { active: 2, offered: 'c1' }),
      agent('a2', { status: 'offline' }),
    ])
  })
})

const scenario = fc.record({ queues: queuePolicies, agents, waiting: conversations(), now })

describe('matchAll properties (issue 5)', () => {
  it('never takes an agent over capacity, and offers only to free agents, one each', () => {
    fc.assert(
      fc.property(scenario, ({ queues, agents: team, waiting: queued, now: at }) => {
        const { assignments, agents: after } = matchAll(queued, team, queues, at)
        const offeredTo = assignments.map((a) => a.agentId)
        assert.equal(new Set(offeredTo).size, offeredTo.length)
        assert.equal(new Set(assignments.map((a) => a.conversationId)).size, assignments.length)
        for (const before of team) {
          const now = after.find((a) => a.id === before.id)
          if (!offeredTo.includes(before.id)) {
            assert.deepEqual(now, before)
            continue
          }
          assert.ok(isFree(before) && now !== undefined)
          assert.equal(now.active, before.active + 1)
          assert.ok(now.active <= capacityOf(now))
        }
      }),
      { numRuns: 1000 },
    )
  })

  it('never offers to an agent without the required skills, outside the relaxation rules', () => {
    fc.assert(
      fc.property(scenario, ({ queues, agents: team, waiting: queued, now: at }) => {
        for (const { conversationId, agentId, reason } of matchAll(queued, team, queues, at)
          .assignments) {
          const conversation = queued.find((c) => c.id === conversationId)
          const chosen = team.find((a) => a.id === agentId)
          const queue = queues.find((q) => q.id === conversation?.queue)
          assert.ok(conversation && chosen && queue)
          assert.ok(servesQueue(chosen, conversation.queue))
          assert.ok(!(conversation.excludedAgents ?? []).includes(agentId))
          const required = requiredSkillsAt(conversation, queue, at)
          assert.ok(hasSkills(chosen, required))
          for (const skill of conversation.requiredSkills) {
            if (hasSkills(chosen, [skill])) continue
            // Missing a skill is allowed only once relaxation has dropped it.
            assert.ok(!required.includes(skill) && reason.relaxedRing > 0)
            assert.ok(reason.missingSkills.includes(skill) && reason.rule !== 'best_proficiency')
          }
        }
      }),
      { numRuns: 1000 },
    )
  })

  it('leaves nothing waiting that a free agent could take, unless holding for its preferred agent', () => {
    fc.assert(
      fc.property(scenario, ({ queues, agents: team, waiting: queued, now: at }) => {
        const { assignments, agents: after } = matchAll(queued, team, queues, at)
        const assigned = new Set(assignments.map((a) => a.conversationId))
        for (const conversation of queued.filter((c) => !assigned.has(c.id))) {
          const queue = queues.find((q) => q.id === conversation.queue)
          if (queue === undefined) continue
          const choice = chooseAgent(conversation, after, queue, at)
          assert.equal(choice.ok, false)
        }
      }),
      { numRuns: 1000 },
    )
  })

  it('is deterministic: the same decisions whatever the input order', () => {
    fc.assert(
      fc.property(
        scenario,
        fc.infiniteStream(fc.nat()),
        ({ queues, agents: team, waiting: queued, now: at }, seeds) => {
          const first = matchAll(queued, team, queues, at)
          const again = matchAll(
            permute(queued, seeds),
            permute(team, seeds),
            permute(queues, seeds),
            at,
          )
          assert.deepEqual(again.assignments, first.assignments)
          const byId = (list: readonly Agent[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1))
          assert.deepEqual(byId(again.agents), byId(first.agents))
        },
      ),
      { numRuns: 1000 },
    )
  })

  // No starvation: once aging has added (10 − base), a waiting conversation ranks with any fresh
  // base-10 arrival and wins the tie by having waited longer.
  it('no starvation under aging: an old low-priority conversation beats a stream of newer urgent ones', () => {
    const stream = fc.record({
      everySeconds: fc.constantFrom(1, 15, 60),
      step: fc.integer({ min: 1, max: 3 }),
      extraMax: fc.nat(40),
      base: fc.integer({ min: 1, max: 9 }),
      tickFraction: fc.integer({ min: 1, max: 8 }), // arrivals every (every × fraction / 4)
      arrivals: fc.infiniteStream(fc.nat()),
    })
    fc.assert(
      fc.property(stream, ({ everySeconds, step, extraMax, base, tickFraction, arrivals }) => {
        const gap = 10 - base
        const queue: QueuePolicy = {
          ...general,
          aging: { everySeconds, step, max: gap + extraMax },
        }
        const deadline = Math.ceil(gap / step) * everySeconds * 1000
        const tick = (everySeconds * 1000 * tickFraction) / 4
        const old = waiting('old', { basePriority: base })
        let queued = [old]
        for (let at = tick; ; at += tick) {
          // Every arrival is more urgent than the old conversation.
          const basePriority = base + 1 + ((arrivals.next().value as number) % gap)
          queued.push(waiting(`c${at}`, { basePriority, enqueuedAt: at }))
          const [served] = matchAll(queued, [agent('a1', { capacity: 1 })], [queue], at).assignments
          if (served?.conversationId === 'old') return
          queued = queued.filter((c) => c.id !== served?.conversationId)
          assert.ok(at < deadline, `still waiting at ${at} ms, past ${deadline} ms`)
        }
      }),
      { numRuns: 1000 },
    )
  })

  it('aging capped below the priority gap lets urgent traffic starve a low priority conversation, as configured', () => {
    const capped: QueuePolicy = { ...general, aging: { everySeconds: 60, step: 1, max: 4 } }
    const queued = [
      waiting('old', { basePriority: 5 }),
      waiting('urgent', { basePriority: 10, enqueuedAt: 86_399_000 }),
    ]
    const { assignments } = matchAll(queued, [agent('a1')], [capped], 86_400_000)
    assert.equal(assignments[0]?.conversationId, 'urgent')
  })
})
