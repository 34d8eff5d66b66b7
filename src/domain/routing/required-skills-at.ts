import { waitedMs } from './effective-priority.ts'
import type { QueuePolicy } from './queue-policy.ts'
import type { WaitingConversation } from './waiting-conversation.ts'

/**
 * The relaxation ring reached after waiting `waited` ms: how many of the queue's thresholds have
 * passed (0 = nothing relaxed).
 * @example relaxationRing({ relaxSkillsAfterSeconds: [120, 300], … }, 200_000) // 1
 */
export function relaxationRing(queue: QueuePolicy, waited: number): number {
  let ring = 0
  for (const seconds of queue.relaxSkillsAfterSeconds) if (waited >= seconds * 1000) ring++
  return ring
}

/**
 * How many of `skillCount` required skills (most important first) still apply at `ring`: ring k
 * drops the k least important; the last ring drops them all, so that after the longest wait any
 * agent serving the queue qualifies.
 * @example keptSkillCount({ relaxSkillsAfterSeconds: [120, 300], … }, 3, 1) // 2
 */
export function keptSkillCount(queue: QueuePolicy, skillCount: number, ring: number): number {
  if (ring === 0) return skillCount
  if (ring >= queue.relaxSkillsAfterSeconds.length) return 0
  return Math.max(0, skillCount - ring)
}

/**
 * The skills an agent must hold for this conversation at `now`, after relaxation.
 * @example requiredSkillsAt({ requiredSkills: ['bceid', 'fr', 'senior'], enqueuedAt: 0, … },
 *   { relaxSkillsAfterSeconds: [120, 300], … }, 130_000) // ['bceid', 'fr']
 */
export function requiredSkillsAt(
  conversation: WaitingConversation,
  queue: QueuePolicy,
  now: number,
): readonly string[] {
  const ring = relaxationRing(queue, waitedMs(conversation, now))
  const kept = keptSkillCount(queue, conversation.requiredSkills.length, ring)
  return conversation.requiredSkills.slice(0, kept)
}
