import { agingBonus } from './effective-priority.ts'
import type { WaitingClass, WaitingEntry } from './waiting-class.ts'

/** A position in one waiting class during a routing decision: the router merges classes by it. */
export interface Cursor {
  readonly waitingClass: WaitingClass
  position: number
  entry: WaitingEntry
  effectivePriority: number
}

/** The entry's effective priority at `now` (effectivePriority, without looking up the queue). */
export function rankOf(entry: WaitingEntry, now: number): number {
  const { conversation, waitingClass } = entry
  return (
    waitingClass.basePriority +
    agingBonus(waitingClass.queue, Math.max(0, now - conversation.enqueuedAt))
  )
}

/** The cursor whose conversation comes first: compareWaitingRank, inlined for the hot path. */
export function bestCursor(cursors: readonly Cursor[]): number {
  let best = 0
  for (let i = 1; i < cursors.length; i++) {
    const a = cursors[i] as Cursor
    const b = cursors[best] as Cursor
    if (a.effectivePriority !== b.effectivePriority) {
      if (a.effectivePriority > b.effectivePriority) best = i
      continue
    }
    const x = a.entry.conversation
    const y = b.entry.conversation
    if (x.enqueuedAt < y.enqueuedAt || (x.enqueuedAt === y.enqueuedAt && x.id < y.id)) best = i
  }
  return best
}
