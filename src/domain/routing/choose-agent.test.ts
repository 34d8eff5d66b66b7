import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import type { Agent } from './agent.ts'
import { hasSkills, isFree, servesQueue } from './agent.ts'
import { chooseAgent } from './choose-agent.ts'
import type { QueuePolicy } from './queue-policy.ts'
import { requiredSkillsAt } from './required-skills-at.ts'
import {
  agents,
  conversation,
  now,
  permute,
  queuePolicy,
} from './routing-arbitraries.test-support.ts'
import type { WaitingConversation } from './waiting-conversation.ts'

const QUEUE = 'SBC_HD_SMS_BCEID'
const queue: QueuePolicy = {
  id: QUEUE,
  aging: { everySeconds: 60, step: 1, max: 50 },
  relaxSkillsAfterSeconds: [120, 300],
  preferredAgentWaitSeconds: 60,
}
const agent = (id: string, fields: Partial<Agent> = {}): Agent => ({
  id,
  status: 'available',
  skills: { bceid: 3, fr: 3, senior: 3 },
  queues: [QUEUE],
  active: 0,
  idleSince: 0,
  ...fields,
})
const base: WaitingConversation = {
  id: 'c1',
  queue: QUEUE,
  basePriority: 5,
  requiredSkills: ['bceid', 'fr', 'senior'],
  enqueuedAt: 0,
  customerNumber: '+12505550100',
}

type Expected = { agentId: string; rule: string } | { none: string }
const cases: {
  name: string
  agents: Agent[]
  conversation?: Partial<WaitingConversation>
  queue?: Partial<QueuePolicy>
  now?: number
  expected: Expected
}[] = [
  {
    name: 'an available agent with a free slot gets it',
    agents: [agent('a1')],
    expected: { agentId: 'a1', rule: 'only_eligible' },
  },
  {
    name: 'not_ready agents are not offered conversations',
    agents: [agent('a1', { status: 'not_ready', notReadyReason: 'LUNCH' })],
    expected: { none: 'no_eligible_agent' },
  },
  {
    name: 'offline agents are not offered conversations',
    agents: [agent('a1', { status: 'offline' })],
    expected: { none: 'no_eligible_agent' },
  },
  {
    name: 'busy: an agent at the default capacity of 3',
    agents: [agent('a1', { active: 3 })],
    expected: { none: 'no_eligible_agent' },
  },
  {
    name: 'busy: capacity is per agent',
    agents: [agent('a1', { capacity: 1, active: 1 }), agent('a2', { capacity: 5, active: 4 })],
    expected: { agentId: 'a2', rule: 'only_eligible' },
  },
  {
    name: 'one offer at a time: an agent with an offer pending is busy',
    agents: [agent('a1', { active: 1, offered: 'c0' })],
    expected: { none: 'no_eligible_agent' },
  },
  {
    name: 'an agent who does not serve the queue',
    agents: [agent('a1', { queues: ['OTHER'] })],
    expected: { none: 'no_eligible_agent' },
  },
  {
    name: 'an agent missing a required skill',
    agents: [agent('a1', { skills: { bceid: 5, fr: 5 } })],
    expected: { none: 'no_eligible_agent' },
  },
  {
    name: 'an agent who let this offer time out is not offered it again',
    agents: [agent('a1')],
    conversation: { excludedAgents: ['a1'] },
    expected: { none: 'all_eligible_excluded' },
  },
  {
    name: 'higher proficiency first, judged by the weakest required skill',
    agents: [
      agent('a1', { skills: { bceid: 5, fr: 1, senior: 5 } }),
      agent('a2', { skills: { bceid: 2, fr: 2, senior: 2 }, idleSince: 9 }),
    ],
    expected: { agentId: 'a2', rule: 'best_proficiency' },
  },
  {
    name: 'skills not asked for do not count',
    agents: [
      agent('a1', { skills: { bceid: 3, fr: 3, senior: 3, billing: 5 }, idleSince: 9 }),
      agent('a2'),
    ],
    expected: { agentId: 'a2', rule: 'idle_longest' },
  },
  {
    name: 'equal proficiency: the agent idle longest',
    agents: [agent('a1', { idleSince: 500 }), agent('a2', { idleSince: 100 })],
    expected: { agentId: 'a2', rule: 'idle_longest' },
  },
  {
    name: 'equal proficiency and idle time: the smaller id, for determinism',
    agents: [agent('a2'), agent('a1')],
    expected: { agentId: 'a1', rule: 'idle_longest' },
  },
  {
    name: 'the preferred agent wins when eligible, even if less proficient',
    agents: [
      agent('a1', { skills: { bceid: 5, fr: 5, senior: 5 } }),
      agent('a2', { skills: { bceid: 1, fr: 1, senior: 1 } }),
    ],
    conversation: { preferredAgentId: 'a2' },
    expected: { agentId: 'a2', rule: 'preferred_agent' },
  },
  {
    name: 'the preferred agent is busy: hold for them within preferredAgentWaitSeconds',
    agents: [agent('a1'), agent('a2', { active: 3 })],
    conversation: { preferredAgentId: 'a2' },
    now: 59_999,
    expected: { none: 'holding_for_preferred_agent' },
  },
  {
    name: 'the preferred agent is still busy after the hold: someone else',
    agents: [agent('a1'), agent('a2', { active: 3 })],
    conversation: { preferredAgentId: 'a2' },
    now: 60_000,
    expected: { agentId: 'a1', rule: 'only_eligible' },
  },
  {
    name: 'no hold configured: prefer only an agent free now',
    agents: [agent('a1'), agent('a2', { active: 3 })],
    conversation: { preferredAgentId: 'a2' },
    queue: { preferredAgentWaitSeconds: 0 },
    expected: { agentId: 'a1', rule: 'only_eligible' },
  },
  {
    name: 'no hold for a preferred agent at lunch',
    agents: [agent('a1'), agent('a2', { status: 'not_ready', notReadyReason: 'LUNCH' })],
    conversation: { preferredAgentId: 'a2' },
    expected: { agentId: 'a1', rule: 'only_eligible' },
  },
  {
    name: 'no hold for a preferred agent who let this offer time out',
    agents: [agent('a1'), agent('a2', { status: 'not_ready', active: 3 })],
    conversation: { preferredAgentId: 'a2', excludedAgents: ['a2'] },
    expected: { agentId: 'a1', rule: 'only_eligible' },
  },
  {
    name: 'no hold for a preferred agent who no longer serves the queue',
    agents: [agent('a1'), agent('a2', { queues: [], active: 3 })],
    conversation: { preferredAgentId: 'a2' },
    expected: { agentId: 'a1', rule: 'only_eligible' },
  },
  {
    name: 'no hold for a preferred agent who is gone',
    agents: [agent('a1')],
    conversation: { preferredAgentId: 'a9' },
    expected: { agentId: 'a1', rule: 'only_eligible' },
  },
  {
    name: 'before the first ring a missing skill still disqualifies',
    agents: [agent('a1', { skills: { bceid: 5, fr: 5 } })],
    now: 119_999,
    expected: { none: 'no_eligible_agent' },
  },
  {
    name: 'ring 1: an agent without the least important skill qualifies',
    agents: [agent('a1', { skills: { bceid: 5, fr: 5 } })],
    now: 120_000,
    expected: { agentId: 'a1', rule: 'relaxed_skills' },
  },
  {
    name: 'ring 1: an agent with every original skill still comes first',
    agents: [
      agent('a1', { skills: { bceid: 5, fr: 5 } }),
      agent('a2', { skills: { bceid: 1, fr: 1, senior: 1 }, idleSince: 9 }),
    ],
    now: 120_000,
    expected: { agentId: 'a2', rule: 'best_proficiency' },
  },
  {
    name: 'ring 1 still requires the more important skills',
    agents: [agent('a1', { skills: { bceid: 5, senior: 5 } })],
    now: 299_999,
    expected: { none: 'no_eligible_agent' },
  },
  {
    name: 'the last ring: any agent serving the queue',
    agents: [agent('a1', { skills: {} })],
    now: 300_000,
    expected: { agentId: 'a1', rule: 'relaxed_skills' },
  },
  {
    name: 'the last ring still requires serving the queue',
    agents: [agent('a1', { queues: ['OTHER'] })],
    now: 300_000,
    expected: { none: 'no_eligible_agent' },
  },
  { name: 'nobody at all', agents: [], expected: { none: 'no_eligible_agent' } },
  {
    name: "a skill named like an object property ('constructor') is held by nobody by default",
    agents: [agent('a1')],
    conversation: { requiredSkills: ['constructor'] },
    expected: { none: 'no_eligible_agent' },
  },
]

describe('chooseAgent', () => {
  for (const {
    name,
    agents: team,
    conversation: c,
    queue: q,
    now: at = 1_000,
    expected,
  } of cases) {
    it(name, () => {
      const choice = chooseAgent({ ...base, ...c }, team, { ...queue, ...q }, at)
      const actual = choice.ok
        ? { agentId: choice.agentId, rule: choice.reason.rule }
        : { none: choice.reason.code }
      assert.deepEqual(actual, expected)
    })
  }

  it('records why: ring, skills dropped and missing, proficiency, idle time, candidates', () => {
    const team = [
      agent('a1', { skills: { bceid: 4, fr: 2 }, idleSince: 20_000 }),
      agent('a2', { skills: { bceid: 1 } }),
    ]
    const choice = chooseAgent(
      { ...base, basePriority: 4, enqueuedAt: 10_000 },
      team,
      queue,
      190_000,
    )
    assert.deepEqual(choice, {
      ok: true,
      agentId: 'a1',
      reason: {
        rule: 'relaxed_skills',
        queue: QUEUE,
        basePriority: 4,
        effectivePriority: 7,
        waitedMs: 180_000,
        relaxedRing: 1,
        requiredSkills: ['bceid', 'fr'],
        droppedSkills: ['senior'],
        missingSkills: ['senior'],
        proficiency: 0,
        idleMs: 170_000,
        candidates: 1,
      },
    })
  })

  it('says until when it holds for the preferred agent', () => {
    const team = [agent('a1'), agent('a2', { active: 3 })]
    const choice = chooseAgent(
      { ...base, enqueuedAt: 5_000, preferredAgentId: 'a2' },
      team,
      queue,
      6_000,
    )
    assert.deepEqual(choice, {
      ok: false,
      reason: { code: 'holding_for_preferred_agent', preferredAgentId: 'a2', holdUntil: 65_000 },
    })
  })

  it('chooses only an eligible agent, and the same one whatever the order of the agents', () => {
    fc.assert(
      fc.property(
        agents,
        conversation('c1'),
        queuePolicy('q1'),
        now,
        fc.infiniteStream(fc.nat()),
        (team, c0, q, at, seeds) => {
          const c = { ...c0, queue: 'q1' }
          const choice = chooseAgent(c, team, q, at)
          const shuffled = permute(team, seeds)
          assert.deepEqual(chooseAgent(c, shuffled, q, at), choice)
          if (!choice.ok) return
          const chosen = team.find((a) => a.id === choice.agentId)
          assert.ok(chosen !== undefined && isFree(chosen) && servesQueue(chosen, c.queue))
          assert.ok(hasSkills(chosen, requiredSkillsAt(c, q, at)))
          assert.ok(!(c.excludedAgents ?? []).includes(chosen.id))
        },
      ),
      { numRuns: 1000 },
    )
  })
})
