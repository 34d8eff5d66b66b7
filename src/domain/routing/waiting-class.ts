import type { AgentPool } from './agent-pool.ts'
import type { QueuePolicy } from './queue-policy.ts'
import type { WaitingConversation } from './waiting-conversation.ts'

/**
 * The waiting conversations sharing a queue, a base priority and a required-skill list, oldest
 * first. Within a class, effective priority and relaxation only grow with waiting time, so the
 * class is already in routing order and its head has the highest priority and the widest pool
 * of agents: the router compares class heads instead of every conversation.
 *
 * What a decision reads for every class (head time and id, aging parameters, cursor) is kept
 * on the class itself as plain numbers, so comparing a few hundred classes touches a few hundred
 * objects, not the conversations they hold.
 */
export interface WaitingClass {
  readonly group: WaitingGroup
  readonly queue: QueuePolicy
  readonly basePriority: number
  readonly skills: readonly string[]
  readonly agingEveryMs: number
  readonly agingStep: number
  readonly agingMax: number
  /** Sorted by (enqueuedAt, id); entries before `head` are all removed, `head` is live. */
  entries: WaitingEntry[]
  head: number
  /** The head's enqueuedAt and id, kept here so a decision need not load the head entry. */
  headAt: number
  headId: string
  live: number
  /** The agent pool to search at each relaxation ring, created when first needed. */
  readonly pools: (AgentPool | undefined)[]
  /** The router's scratch space during one decision: the entry looked at and its rank. */
  cursor: number
  cursorAt: number
  cursorId: string
  cursorRank: number
}

/**
 * The classes sharing a queue and a base priority. Their conversations age alike, so the class
 * whose head waited longest holds the group's first conversation: a decision looks at one class
 * per group, and at the others only if that one cannot be matched.
 */
export interface WaitingGroup {
  readonly classes: WaitingClass[]
  /** The live class with the oldest head; undefined when nothing of the group waits. */
  best: WaitingClass | undefined
  /** The decision in which all the group's classes were last taken as candidates. */
  expandedIn: number
}

export interface WaitingEntry {
  readonly conversation: WaitingConversation
  readonly waitingClass: WaitingClass
  /** conversation.enqueuedAt and .id, copied for the comparisons. */
  readonly at: number
  readonly id: string
  removed: boolean
}

/** @example waitingClassKey({ queue: 'q', basePriority: 5, requiredSkills: ['fr'], … }) // 'q\u00015\u0001fr' */
export function waitingClassKey(conversation: WaitingConversation): string {
  const { queue, basePriority, requiredSkills } = conversation
  return `${queue}\u0001${basePriority}\u0001${requiredSkills.join('\u0000')}`
}

/** @example createWaitingClass(group, queue, conversation).live // 0 */
export function createWaitingClass(
  group: WaitingGroup,
  queue: QueuePolicy,
  conversation: WaitingConversation,
): WaitingClass {
  const { everySeconds, step, max } = queue.aging
  const waitingClass: WaitingClass = {
    group,
    queue,
    basePriority: conversation.basePriority,
    skills: conversation.requiredSkills,
    agingEveryMs: everySeconds * 1000,
    agingStep: step,
    agingMax: max,
    entries: [],
    head: 0,
    headAt: 0,
    headId: '',
    live: 0,
    pools: [],
    cursor: 0,
    cursorAt: 0,
    cursorId: '',
    cursorRank: 0,
  }
  group.classes.push(waitingClass)
  return waitingClass
}

/** @example createWaitingEntry(waitingClass, conversation).removed // false */
export function createWaitingEntry(
  waitingClass: WaitingClass,
  conversation: WaitingConversation,
): WaitingEntry {
  return {
    conversation,
    waitingClass,
    at: conversation.enqueuedAt,
    id: conversation.id,
    removed: false,
  }
}

/**
 * Inserts in (enqueuedAt, id) order. New conversations are the newest and are appended; one
 * coming back after a declined or timed-out offer keeps its enqueue time and is placed by binary
 * search.
 */
export function insertEntry(waitingClass: WaitingClass, entry: WaitingEntry): void {
  const { entries } = waitingClass
  const last = entries[entries.length - 1]
  if (last === undefined || compareEntries(last, entry) <= 0) entries.push(entry)
  else {
    let low = waitingClass.head
    let high = entries.length
    while (low < high) {
      const mid = (low + high) >> 1
      if (compareEntries(entries[mid] as WaitingEntry, entry) <= 0) low = mid + 1
      else high = mid
    }
    entries.splice(low, 0, entry)
  }
  waitingClass.live++
  tidy(waitingClass)
}

/**
 * Marks the entry removed and tidies the class, so its head is always a live entry. Positions
 * may change: the router removes only between decisions or to end one.
 */
export function removeEntry(entry: WaitingEntry): void {
  if (entry.removed) return
  entry.removed = true
  entry.waitingClass.live--
  tidy(entry.waitingClass)
}

/** The position of the first live entry at or after `from`, or -1. */
export function nextLive(waitingClass: WaitingClass, from: number): number {
  const { entries } = waitingClass
  for (let i = from; i < entries.length; i++) if (!(entries[i] as WaitingEntry).removed) return i
  return -1
}

/**
 * Points the cursor at an entry (the head when `position` is absent) and ranks it at `now`:
 * effective priority, as effectivePriority computes it, from the numbers cached on the class.
 */
export function moveCursor(waitingClass: WaitingClass, now: number, position?: number): void {
  if (position === undefined) {
    waitingClass.cursor = waitingClass.head
    waitingClass.cursorAt = waitingClass.headAt
    waitingClass.cursorId = waitingClass.headId
  } else {
    const entry = waitingClass.entries[position] as WaitingEntry
    waitingClass.cursor = position
    waitingClass.cursorAt = entry.at
    waitingClass.cursorId = entry.id
  }
  const { agingStep, agingEveryMs, agingMax, cursorAt } = waitingClass
  const waited = now > cursorAt ? now - cursorAt : 0
  const bonus =
    agingStep === 0 ? 0 : Math.min(agingMax, Math.floor(waited / agingEveryMs) * agingStep)
  waitingClass.cursorRank = waitingClass.basePriority + bonus
}

/**
 * Skips removed entries at the head and drops removed entries once they clearly outnumber live
 * ones, keeping memory proportional to the waiting conversations (each compaction is paid for
 * by the removals since the last one).
 */
function tidy(waitingClass: WaitingClass): void {
  const { entries } = waitingClass
  let head = waitingClass.head
  while (head < entries.length && (entries[head] as WaitingEntry).removed) head++
  waitingClass.head = head
  const span = entries.length - head
  if (span > 2 * waitingClass.live + 64) {
    waitingClass.entries = entries.filter((e) => !e.removed)
    waitingClass.head = 0
  } else if (head > 64 && head * 2 > entries.length) {
    waitingClass.entries = entries.slice(head)
    waitingClass.head = 0
  }
  const first = waitingClass.entries[waitingClass.head]
  if (first !== undefined) {
    waitingClass.headAt = first.at
    waitingClass.headId = first.id
  }
  refreshGroup(waitingClass)
}

/** Keeps the group's best class right after `changed` gained or lost entries. */
function refreshGroup(changed: WaitingClass): void {
  const { group } = changed
  const best = group.best
  if (best !== undefined && best !== changed) {
    if (changed.live > 0 && headBefore(changed, best)) group.best = changed
    return
  }
  let found: WaitingClass | undefined
  for (const candidate of group.classes) {
    if (candidate.live > 0 && (found === undefined || headBefore(candidate, found))) {
      found = candidate
    }
  }
  group.best = found
}

function headBefore(a: WaitingClass, b: WaitingClass): boolean {
  return a.headAt < b.headAt || (a.headAt === b.headAt && a.headId < b.headId)
}

function compareEntries(a: WaitingEntry, b: WaitingEntry): number {
  if (a.at !== b.at) return a.at - b.at
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}
