import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { Agent } from './agent.ts'
import { isFree } from './agent.ts'
import {
  acceptOffer,
  declineOffer,
  NOT_RESPONDING,
  offerConversation,
  onOfferTimeout,
  releaseConversation,
  setAgentStatus,
} from './agent-transitions.ts'
import type { WaitingConversation } from './waiting-conversation.ts'

const agent: Agent = {
  id: 'a1',
  status: 'available',
  skills: { bceid: 3 },
  queues: ['SBC_HD_SMS_BCEID'],
  active: 1,
  idleSince: 1_000,
}
const conversation: WaitingConversation = {
  id: 'c9',
  queue: 'SBC_HD_SMS_BCEID',
  basePriority: 5,
  requiredSkills: ['bceid'],
  enqueuedAt: 2_000,
  customerNumber: '+12505550100',
}
const offered = offerConversation(agent, 'c9')

describe('offers', () => {
  it('an offer takes a slot and blocks further offers until answered', () => {
    assert.deepEqual(offered, { ...agent, active: 2, offered: 'c9' })
    assert.equal(isFree(offered), false)
  })

  it('accepting keeps the slot and frees the agent for the next offer', () => {
    assert.deepEqual(acceptOffer(offered, 'c9'), { ok: true, agent: { ...agent, active: 2 } })
  })

  it('declining gives the slot back and excludes the agent from this conversation', () => {
    assert.deepEqual(declineOffer(offered, conversation), {
      ok: true,
      agent,
      conversation: { ...conversation, excludedAgents: ['a1'] },
    })
  })

  // Issue 5: "the agent who let it time out becomes not_ready with reason Not Responding".
  it('a timed-out offer makes the agent not_ready, Not Responding, and requeues the conversation', () => {
    const result = onOfferTimeout(offered, { ...conversation, excludedAgents: ['a4'] }, 32_000)
    assert.deepEqual(result, {
      ok: true,
      agent: { ...agent, status: 'not_ready', notReadyReason: 'NOT_RESPONDING' },
      conversation: { ...conversation, excludedAgents: ['a4', 'a1'] },
      statusChange: {
        agentId: 'a1',
        from: 'available',
        to: 'not_ready',
        reason: 'NOT_RESPONDING',
        at: 32_000,
      },
    })
    assert.equal(NOT_RESPONDING.label, 'Not Responding')
  })

  it('the requeued conversation keeps its enqueue time, and with it its aging and relaxation', () => {
    const result = onOfferTimeout(offered, conversation, 32_000)
    assert.equal(result.ok && result.conversation.enqueuedAt, 2_000)
  })

  const stale = [
    { name: 'a timer firing after the offer was accepted', agent: { ...agent, active: 2 } },
    { name: 'a timer for another conversation', agent: offerConversation(agent, 'c10') },
  ]
  for (const { name, agent: current } of stale) {
    it(`${name} changes nothing`, () => {
      assert.deepEqual(onOfferTimeout(current, conversation, 32_000), {
        ok: false,
        reason: 'offer_not_pending',
      })
      assert.deepEqual(declineOffer(current, conversation), {
        ok: false,
        reason: 'offer_not_pending',
      })
    })
  }
  it('accepting an offer that is not pending changes nothing', () => {
    assert.deepEqual(acceptOffer(agent, 'c9'), { ok: false, reason: 'offer_not_pending' })
  })
})

describe('releaseConversation', () => {
  it('frees a slot and sends the agent to the back of the idle-longest order', () => {
    assert.deepEqual(releaseConversation(agent, 50_000), { ...agent, active: 0, idleSince: 50_000 })
  })
})

describe('setAgentStatus', () => {
  const cases = [
    {
      name: 'going to lunch records the reason',
      from: agent,
      to: 'not_ready' as const,
      reason: 'LUNCH',
      expected: { agent: { ...agent, status: 'not_ready' as const, notReadyReason: 'LUNCH' } },
    },
    {
      name: 'going to lunch with an offer pending withdraws it and gives the slot back',
      from: offered,
      to: 'not_ready' as const,
      reason: 'LUNCH',
      expected: {
        agent: { ...agent, status: 'not_ready' as const, notReadyReason: 'LUNCH' },
        withdrawnOffer: 'c9',
      },
    },
    {
      name: 'coming back starts the idle clock and clears the reason',
      from: { ...agent, status: 'not_ready' as const, notReadyReason: 'NOT_RESPONDING' },
      to: 'available' as const,
      expected: { agent: { ...agent, idleSince: 9_000 } },
    },
    {
      name: 'staying available keeps the idle clock',
      from: agent,
      to: 'available' as const,
      expected: { agent },
    },
  ]
  for (const { name, from, to, reason, expected } of cases) {
    it(name, () => {
      const { statusChange, ...rest } = setAgentStatus(from, to, 9_000, reason)
      assert.deepEqual(rest, expected)
      assert.deepEqual(statusChange, {
        agentId: 'a1',
        from: from.status,
        to,
        ...(reason !== undefined && { reason }),
        at: 9_000,
      })
    })
  }
})
