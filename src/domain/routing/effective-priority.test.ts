import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { agingBonus, compareWaitingRank, effectivePriority } from './effective-priority.ts'
import type { QueuePolicy } from './queue-policy.ts'
import { queuePolicy } from './routing-arbitraries.test-support.ts'
import type { WaitingConversation } from './waiting-conversation.ts'

// The example configuration's queues (config/parley.example.yaml).
const general: QueuePolicy = {
  id: 'SBC_HD_SMS_GENERAL',
  aging: { everySeconds: 60, step: 1, max: 50 },
  relaxSkillsAfterSeconds: [120, 300],
}
const alerts: QueuePolicy = {
  id: 'SBC_HD_SMS_ALERTS',
  aging: { everySeconds: 15, step: 2, max: 100 },
  relaxSkillsAfterSeconds: [],
}
const flat: QueuePolicy = { ...general, aging: { everySeconds: 60, step: 0, max: 50 } }

const waitingSince = (enqueuedAt: number, basePriority = 5): WaitingConversation => ({
  id: 'c1',
  queue: general.id,
  basePriority,
  requiredSkills: [],
  enqueuedAt,
  customerNumber: '+12505550100',
})

describe('effectivePriority', () => {
  const cases = [
    { name: 'just arrived: base priority', queue: general, waited: 0, expected: 5 },
    { name: '59 s is not yet a full period', queue: general, waited: 59_999, expected: 5 },
    { name: 'one point per full minute', queue: general, waited: 185_000, expected: 8 },
    { name: 'capped at base + max', queue: general, waited: 3_600_000, expected: 55 },
    { name: 'alerts: 2 points every 15 s', queue: alerts, waited: 45_000, expected: 11 },
    { name: 'step 0 turns aging off', queue: flat, waited: 3_600_000, expected: 5 },
    {
      name: 'a clock ahead of now counts as no wait',
      queue: general,
      waited: -90_000,
      expected: 5,
    },
  ]
  for (const { name, queue, waited, expected } of cases) {
    it(name, () => assert.equal(effectivePriority(waitingSince(0), queue, waited), expected))
  }

  it('never falls with waiting time and never exceeds base + max', () => {
    fc.assert(
      fc.property(
        queuePolicy('q'),
        fc.integer({ min: 1, max: 10 }),
        fc.nat(10_000_000),
        fc.nat(10_000_000),
        (queue, base, a, b) => {
          const conversation = waitingSince(0, base)
          const [early, late] = a <= b ? [a, b] : [b, a]
          const before = effectivePriority(conversation, queue, early)
          const after = effectivePriority(conversation, queue, late)
          assert.ok(before <= after)
          assert.ok(after <= base + queue.aging.max)
          assert.equal(agingBonus(queue, late), after - base)
        },
      ),
      { numRuns: 1000 },
    )
  })
})

describe('compareWaitingRank', () => {
  const cases = [
    {
      name: 'higher effective priority first',
      a: { effectivePriority: 7, enqueuedAt: 5, id: 'b' },
      b: { effectivePriority: 6, enqueuedAt: 1, id: 'a' },
    },
    {
      name: 'same priority: waited longest first',
      a: { effectivePriority: 6, enqueuedAt: 1, id: 'b' },
      b: { effectivePriority: 6, enqueuedAt: 2, id: 'a' },
    },
    {
      name: 'same priority and time: smaller id first, so a pass is deterministic',
      a: { effectivePriority: 6, enqueuedAt: 1, id: 'a' },
      b: { effectivePriority: 6, enqueuedAt: 1, id: 'b' },
    },
  ]
  for (const { name, a, b } of cases) {
    it(name, () => {
      assert.ok(compareWaitingRank(a, b) < 0)
      assert.ok(compareWaitingRank(b, a) > 0)
    })
  }
})
