import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import type { QueuePolicy } from './queue-policy.ts'
import { relaxationRing, requiredSkillsAt } from './required-skills-at.ts'
import { conversation, queuePolicy } from './routing-arbitraries.test-support.ts'
import type { WaitingConversation } from './waiting-conversation.ts'

const queue = (relaxSkillsAfterSeconds: number[]): QueuePolicy => ({
  id: 'q',
  aging: { everySeconds: 60, step: 1, max: 50 },
  relaxSkillsAfterSeconds,
})
const needing = (requiredSkills: string[]): WaitingConversation => ({
  id: 'c1',
  queue: 'q',
  basePriority: 5,
  requiredSkills,
  enqueuedAt: 0,
  customerNumber: '+12505550100',
})
const three = ['bceid', 'fr', 'senior']

describe('requiredSkillsAt', () => {
  const cases = [
    { name: 'no rings: never relaxed', rings: [], skills: three, at: 86_400_000, expected: three },
    {
      name: 'before the first ring: all skills',
      rings: [120, 300],
      skills: three,
      at: 119_999,
      expected: three,
    },
    {
      name: 'ring 1 drops the least important',
      rings: [120, 300],
      skills: three,
      at: 120_000,
      expected: ['bceid', 'fr'],
    },
    {
      name: 'the last ring drops them all',
      rings: [120, 300],
      skills: three,
      at: 300_000,
      expected: [],
    },
    {
      name: 'a single ring is the last ring',
      rings: [180],
      skills: three,
      at: 180_000,
      expected: [],
    },
    {
      name: 'rings may be listed in any order',
      rings: [300, 120],
      skills: three,
      at: 200_000,
      expected: ['bceid', 'fr'],
    },
    {
      name: 'more rings than skills: empty before the last',
      rings: [10, 20, 30],
      skills: ['fr'],
      at: 20_000,
      expected: [],
    },
    { name: 'nothing required stays nothing', rings: [120], skills: [], at: 0, expected: [] },
  ]
  for (const { name, rings, skills, at, expected } of cases) {
    it(name, () => assert.deepEqual(requiredSkillsAt(needing(skills), queue(rings), at), expected))
  }

  it('only ever drops skills from the end, and never takes one back', () => {
    fc.assert(
      fc.property(
        queuePolicy('q1'),
        conversation('c1'),
        fc.nat(2_000_000),
        fc.nat(2_000_000),
        (q, c, t1, t2) => {
          const [early, late] = t1 <= t2 ? [t1, t2] : [t2, t1]
          const before = requiredSkillsAt(c, q, early)
          const after = requiredSkillsAt(c, q, late)
          assert.deepEqual(before, c.requiredSkills.slice(0, before.length))
          assert.deepEqual(after, before.slice(0, after.length))
          const ring = relaxationRing(q, Math.max(0, late - c.enqueuedAt))
          if (ring === 0) assert.deepEqual(after, c.requiredSkills)
          if (ring > 0 && ring === q.relaxSkillsAfterSeconds.length) assert.deepEqual(after, [])
        },
      ),
      { numRuns: 1000 },
    )
  })
})
