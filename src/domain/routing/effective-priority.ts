import type { QueuePolicy } from './queue-policy.ts'
import type { WaitingConversation } from './waiting-conversation.ts'

/**
 * How long the conversation has waited at `now`, never negative (a conversation stamped by a
 * clock slightly ahead has waited 0, not a negative time that would lower its priority).
 * @example waitedMs({ enqueuedAt: 1000, … }, 4000) // 3000
 */
export function waitedMs(conversation: WaitingConversation, now: number): number {
  return Math.max(0, now - conversation.enqueuedAt)
}

/**
 * The priority a queue's aging adds after waiting `waited` ms: step per full period, capped.
 * Non-decreasing in waited time, which is what lets the router compare queue heads only.
 * @example agingBonus({ aging: { everySeconds: 60, step: 1, max: 50 }, … }, 150_000) // 2
 */
export function agingBonus(queue: QueuePolicy, waited: number): number {
  const { everySeconds, step, max } = queue.aging
  if (step === 0) return 0
  return Math.min(max, Math.floor(waited / (everySeconds * 1000)) * step)
}

/**
 * Base priority plus aging: effective = base + min(max, floor(waited / every) × step). With a
 * cap of at least 9 a base-1 conversation eventually ranks with fresh base-10 ones, so a stream
 * of urgent texts cannot starve it; with a smaller cap it can, as the queue's policy says.
 * @example effectivePriority({ basePriority: 3, enqueuedAt: 0, … }, { aging: { everySeconds: 60, step: 1, max: 50 }, … }, 185_000) // 6
 */
export function effectivePriority(
  conversation: WaitingConversation,
  queue: QueuePolicy,
  now: number,
): number {
  return conversation.basePriority + agingBonus(queue, waitedMs(conversation, now))
}

/** What orders waiting conversations: effective priority, then enqueue time, then id. */
export interface WaitingRank {
  readonly effectivePriority: number
  readonly enqueuedAt: number
  readonly id: string
}

/**
 * Sort order of a routing pass: higher effective priority first; ties go to the conversation
 * that has waited longest, then to the smaller id so every pass is deterministic.
 * @example compareWaitingRank({ effectivePriority: 5, enqueuedAt: 1, id: 'a' }, { effectivePriority: 6, enqueuedAt: 0, id: 'b' }) // > 0
 */
export function compareWaitingRank(a: WaitingRank, b: WaitingRank): number {
  if (a.effectivePriority !== b.effectivePriority) return b.effectivePriority - a.effectivePriority
  if (a.enqueuedAt !== b.enqueuedAt) return a.enqueuedAt - b.enqueuedAt
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}
