import type { QueuePolicy } from './queue-policy.ts'
import type { WaitingClass, WaitingEntry, WaitingGroup } from './waiting-class.ts'
import {
  createWaitingClass,
  createWaitingEntry,
  insertEntry,
  moveCursor,
  nextLive,
  removeEntry,
  waitingClassKey,
} from './waiting-class.ts'
import { bestClass } from './waiting-cursor.ts'
import type { WaitingConversation } from './waiting-conversation.ts'

/**
 * What the router says about a conversation offered to it in routing order: it takes it, it
 * cannot match it (look at the next one of the class), or it cannot match it nor anything after
 * it in its class (the class needs at least the same skills, so skip the whole class).
 */
export type Visit = 'take' | 'skip' | 'skip_class'

/** The router's waiting conversations, in classes and groups (see WaitingClass). */
export interface WaitingList {
  /** Adds a conversation, replacing one with the same id. */
  add(conversation: WaitingConversation, queue: QueuePolicy): void
  remove(conversationId: string): WaitingConversation | undefined
  /** Removes an entry `first` returned (saves looking it up by id). */
  take(entry: WaitingEntry): void
  get(conversationId: string): WaitingConversation | undefined
  size(): number
  classCount(): number
  /**
   * Shows `visit` the waiting conversations in routing order at `now` (effective priority,
   * waited longest, id) until it takes one, which is returned; the list itself is unchanged.
   */
  first(now: number, visit: (entry: WaitingEntry) => Visit): WaitingEntry | undefined
}

/**
 * A decision merges the classes' cursors: one class per group at first, since a group's other
 * classes cannot come first (same base priority, same aging, later heads); all of a group's
 * classes once that one fails. In the usual case a decision costs one comparison per group
 * (≤ 10 per queue), however many skill lists there are.
 * @example createWaitingList().first(now, (entry) => 'take')?.conversation.id // the head of the routing order
 */
export function createWaitingList(): WaitingList {
  const entries = new Map<string, WaitingEntry>()
  const classes = new Map<string, WaitingClass>()
  const groups = new Map<string, WaitingGroup>()
  /** Groups with something waiting. */
  const liveGroups: WaitingGroup[] = []
  /** Scratch space for one decision. */
  const candidates: WaitingClass[] = []
  let decision = 0

  function track(group: WaitingGroup, wasLive: boolean): void {
    const isLive = group.best !== undefined
    if (isLive && !wasLive) liveGroups.push(group)
    if (!isLive && wasLive) {
      liveGroups[liveGroups.indexOf(group)] = liveGroups[liveGroups.length - 1] as WaitingGroup
      liveGroups.pop()
    }
  }

  function removeExisting(entry: WaitingEntry): void {
    const { group } = entry.waitingClass
    const wasLive = group.best !== undefined
    removeEntry(entry)
    entries.delete(entry.id)
    track(group, wasLive)
  }

  function classFor(conversation: WaitingConversation, queue: QueuePolicy): WaitingClass {
    const key = waitingClassKey(conversation)
    const known = classes.get(key)
    if (known !== undefined) return known
    const groupKey = `${conversation.queue}\u0001${conversation.basePriority}`
    let group = groups.get(groupKey)
    if (group === undefined) {
      group = { classes: [], best: undefined, expandedIn: 0 }
      groups.set(groupKey, group)
    }
    const created = createWaitingClass(group, queue, conversation)
    classes.set(key, created)
    return created
  }

  return {
    add(conversation, queue) {
      const existing = entries.get(conversation.id)
      if (existing !== undefined) removeExisting(existing)
      const waitingClass = classFor(conversation, queue)
      const wasLive = waitingClass.group.best !== undefined
      const entry = createWaitingEntry(waitingClass, conversation)
      insertEntry(waitingClass, entry)
      entries.set(entry.id, entry)
      track(waitingClass.group, wasLive)
    },
    remove(conversationId) {
      const entry = entries.get(conversationId)
      if (entry === undefined) return undefined
      removeExisting(entry)
      return entry.conversation
    },
    take: removeExisting,
    get: (conversationId) => entries.get(conversationId)?.conversation,
    size: () => entries.size,
    classCount: () =>
      liveGroups.reduce((n, g) => n + g.classes.filter((c) => c.live > 0).length, 0),
    first(now, visit) {
      decision++
      candidates.length = 0
      for (const group of liveGroups) {
        const best = group.best as WaitingClass
        moveCursor(best, now)
        candidates.push(best)
      }
      while (candidates.length > 0) {
        const index = bestClass(candidates)
        const waitingClass = candidates[index] as WaitingClass
        const entry = waitingClass.entries[waitingClass.cursor] as WaitingEntry
        const verdict = visit(entry)
        if (verdict === 'take') return entry
        const { group } = waitingClass
        if (group.expandedIn !== decision) {
          group.expandedIn = decision
          for (const other of group.classes) {
            if (other === waitingClass || other.live === 0) continue
            moveCursor(other, now)
            candidates.push(other)
          }
        }
        const position = verdict === 'skip' ? nextLive(waitingClass, waitingClass.cursor + 1) : -1
        if (position < 0) {
          candidates[index] = candidates[candidates.length - 1] as WaitingClass
          candidates.pop()
        } else moveCursor(waitingClass, now, position)
      }
      return undefined
    },
  }
}
