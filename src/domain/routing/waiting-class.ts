import type { AgentPool } from './agent-pool.ts'
import type { QueuePolicy } from './queue-policy.ts'
import type { WaitingConversation } from './waiting-conversation.ts'

/**
 * The waiting conversations sharing a queue, a base priority and a required-skill list, oldest
 * first. Within a class, effective priority and relaxation only grow with waiting time, so the
 * class is already in routing order and its head has the highest priority and the widest pool
 * of agents: the router compares class heads instead of every conversation.
 */
export interface WaitingClass {
  readonly queue: QueuePolicy
  readonly basePriority: number
  readonly skills: readonly string[]
  /** Sorted by (enqueuedAt, id); entries before `head` are all removed. */
  entries: WaitingEntry[]
  head: number
  live: number
  /** The agent pool to search at each relaxation ring, created when first needed. */
  readonly pools: (AgentPool | undefined)[]
}

export interface WaitingEntry {
  readonly conversation: WaitingConversation
  readonly waitingClass: WaitingClass
  removed: boolean
}

/** @example waitingClassKey({ queue: 'q', basePriority: 5, requiredSkills: ['fr'], … }) // 'q\u00015\u0001fr' */
export function waitingClassKey(conversation: WaitingConversation): string {
  const { queue, basePriority, requiredSkills } = conversation
  return `${queue}\u0001${basePriority}\u0001${requiredSkills.join('\u0000')}`
}

/** @example createWaitingClass(queue, conversation).live // 0 */
export function createWaitingClass(
  queue: QueuePolicy,
  conversation: WaitingConversation,
): WaitingClass {
  return {
    queue,
    basePriority: conversation.basePriority,
    skills: conversation.requiredSkills,
    entries: [],
    head: 0,
    live: 0,
    pools: [],
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
}

/** Marks the entry removed; its slot is reclaimed by tidy(). */
export function removeEntry(entry: WaitingEntry): void {
  if (entry.removed) return
  entry.removed = true
  entry.waitingClass.live--
}

/** The position of the first live entry at or after `from`, or -1. */
export function nextLive(waitingClass: WaitingClass, from: number): number {
  const { entries } = waitingClass
  for (let i = from; i < entries.length; i++) if (!(entries[i] as WaitingEntry).removed) return i
  return -1
}

/**
 * Skips removed entries at the head and drops removed entries once they outnumber live ones,
 * keeping memory proportional to the waiting conversations. Positions change: call it only
 * between routing decisions.
 */
export function tidy(waitingClass: WaitingClass): void {
  const { entries } = waitingClass
  let head = waitingClass.head
  while (head < entries.length && (entries[head] as WaitingEntry).removed) head++
  waitingClass.head = head
  const span = entries.length - head
  if (span > 2 * waitingClass.live + 1024) {
    waitingClass.entries = entries.filter((e) => !e.removed)
    waitingClass.head = 0
  } else if (head > 1024 && head * 2 > entries.length) {
    waitingClass.entries = entries.slice(head)
    waitingClass.head = 0
  }
}

function compareEntries(a: WaitingEntry, b: WaitingEntry): number {
  const x = a.conversation
  const y = b.conversation
  if (x.enqueuedAt !== y.enqueuedAt) return x.enqueuedAt - y.enqueuedAt
  return x.id < y.id ? -1 : x.id > y.id ? 1 : 0
}
