import fc from 'fast-check'
import type { Agent } from './agent.ts'
import type { QueuePolicy } from './queue-policy.ts'
import type { WaitingConversation } from './waiting-conversation.ts'

/**
 * Small universes on purpose: few ids, skills, queues and times, so that random cases collide
 * (same idle time, same enqueue time, an excluded agent who is also preferred…) and the
 * tie-breaking rules are exercised, not just the easy orderings.
 */
export const SKILLS = ['bceid', 'fr', 'senior', 'billing'] as const
export const QUEUE_IDS = ['q1', 'q2', 'q3'] as const
export const AGENT_IDS = ['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7'] as const

const time = fc.constantFrom(0, 1_000, 30_000, 60_000, 61_000, 120_000, 300_000, 600_000)

export const queuePolicy = (id: string): fc.Arbitrary<QueuePolicy> =>
  fc.record({
    id: fc.constant(id),
    aging: fc.record({
      everySeconds: fc.constantFrom(1, 15, 60, 120),
      step: fc.integer({ min: 0, max: 3 }),
      max: fc.integer({ min: 0, max: 20 }),
    }),
    relaxSkillsAfterSeconds: fc.subarray([30, 120, 300, 600]),
    preferredAgentWaitSeconds: fc.constantFrom(0, 30, 120),
  })

export const queuePolicies: fc.Arbitrary<QueuePolicy[]> = fc.tuple(
  ...QUEUE_IDS.map((id) => queuePolicy(id)),
)

const skillLevels = fc
  .record(Object.fromEntries(SKILLS.map((skill) => [skill, fc.integer({ min: 1, max: 5 })])), {
    requiredKeys: [],
  })
  .map((levels) => levels as Record<string, number>)

/** Mostly free agents, as routing has nothing to decide otherwise. */
export const agent = (id?: string): fc.Arbitrary<Agent> =>
  fc
    .record({
      id: id === undefined ? fc.constantFrom(...AGENT_IDS) : fc.constant(id),
      status: fc.constantFrom(
        ...(['available', 'available', 'available', 'not_ready', 'offline'] as const),
      ),
      skills: skillLevels,
      queues: fc.subarray([...QUEUE_IDS], { minLength: 1 }),
      capacity: fc.integer({ min: 1, max: 3 }),
      active: fc.constantFrom(0, 0, 0, 1, 2, 3),
      idleSince: time,
      offered: fc.constantFrom(undefined, undefined, undefined, undefined, 'c-elsewhere'),
    })
    .map(({ offered, ...rest }): Agent => ({ ...rest, ...(offered !== undefined && { offered }) }))

/** Agents with distinct ids. */
export const agents: fc.Arbitrary<Agent[]> = fc
  .subarray([...AGENT_IDS], { minLength: 1 })
  .chain((ids) => fc.tuple(...ids.map((id) => agent(id))))

export const conversation = (id: string): fc.Arbitrary<WaitingConversation> =>
  fc
    .record({
      id: fc.constant(id),
      queue: fc.constantFrom(...QUEUE_IDS),
      basePriority: fc.integer({ min: 1, max: 10 }),
      requiredSkills: fc.shuffledSubarray([...SKILLS], { maxLength: 2 }),
      enqueuedAt: time,
      customerNumber: fc.constant('+12505550100'),
      preferredAgentId: fc.option(fc.constantFrom(...AGENT_IDS), { nil: undefined }),
      excludedAgents: fc.option(fc.subarray([...AGENT_IDS], { maxLength: 3 }), {
        nil: undefined,
      }),
    })
    .map(({ preferredAgentId, excludedAgents, ...rest }) => ({
      ...rest,
      ...(preferredAgentId !== undefined && { preferredAgentId }),
      ...(excludedAgents !== undefined && { excludedAgents }),
    }))

/** Conversations with distinct ids c0…c{n−1}. */
export const conversations = (max = 12): fc.Arbitrary<WaitingConversation[]> =>
  fc
    .integer({ min: 1, max })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => conversation(`c${i}`))))

/** A routing time: late enough for every relaxation ring and aging cap to be reachable. */
export const now = fc.integer({ min: 0, max: 1_500_000 })

/** A permutation of `items` driven by fast-check's stream, so failures shrink and replay. */
export function permute<T>(items: readonly T[], seeds: fc.Stream<number>): T[] {
  return items
    .map((item) => ({ item, key: seeds.next().value as number }))
    .sort((a, b) => a.key - b.key)
    .map(({ item }) => item)
}
