import type { Agent } from './agent.ts'
import { hasSkills, isFree, MAX_PROFICIENCY, proficiencyFor, servesQueue } from './agent.ts'
import type { VersionedHeap } from './versioned-heap.ts'
import { compactHeap, createHeap, dropStaleTop, popTop, pushEntry } from './versioned-heap.ts'

/**
 * An agent inside the router. `version` changes whenever the agent does, which turns the pool
 * entries of the old version stale: leaving every pool is O(pools), not O(pools × log n).
 */
export interface AgentSlot {
  agent: Agent
  version: number
  free: boolean
  /** The buckets counting this version of the agent as live. */
  memberships: Bucket[]
}

interface Bucket {
  readonly heap: VersionedHeap<AgentSlot>
  live: number
  readonly pool: AgentPool
}

/**
 * The free agents able to take one kind of conversation: they serve `queue` and hold the
 * `eligibility` skills (the required skills kept at some relaxation ring). They are bucketed by
 * proficiency over the original `ranking` skills (0–5) and, within a bucket, kept in a binary
 * heap by (idleSince, id): the best agent is the top of the highest non-empty bucket.
 */
export interface AgentPool {
  readonly queue: string
  readonly eligibility: readonly string[]
  readonly ranking: readonly string[]
  readonly buckets: readonly Bucket[]
  live: number
}

/** @example createAgentPool('billing', ['fr'], ['fr', 'senior']).live // 0 */
export function createAgentPool(
  queue: string,
  eligibility: readonly string[],
  ranking: readonly string[],
): AgentPool {
  const buckets: Bucket[] = []
  const pool: AgentPool = { queue, eligibility, ranking, buckets, live: 0 }
  for (let score = 0; score <= MAX_PROFICIENCY; score++)
    buckets.push({ heap: createHeap(), live: 0, pool })
  return pool
}

/** @example createAgentSlot(agent).free // true for an available agent with a free slot */
export function createAgentSlot(agent: Agent): AgentSlot {
  return { agent, version: 0, free: isFree(agent), memberships: [] }
}

/** Whether a free agent belongs in the pool (for the router's preferred-agent and exclusion checks). */
export function qualifiesFor(pool: AgentPool, agent: Agent): boolean {
  return servesQueue(agent, pool.queue) && hasSkills(agent, pool.eligibility)
}

/** Adds the slot's current version to the pool if the agent is free and qualifies. */
export function joinPool(pool: AgentPool, slot: AgentSlot): void {
  if (!slot.free || !qualifiesFor(pool, slot.agent)) return
  const bucket = pool.buckets[proficiencyFor(slot.agent, pool.ranking)]
  if (bucket === undefined) return
  if (bucket.heap.items.length > 2 * bucket.live + 32) compactHeap(bucket.heap)
  pushEntry(bucket.heap, slot, slot.agent.idleSince, slot.agent.id)
  bucket.live++
  pool.live++
  slot.memberships.push(bucket)
}

/** Takes the slot out of every pool at once by making its entries stale. */
export function leavePools(slot: AgentSlot): void {
  for (const bucket of slot.memberships) {
    bucket.live--
    bucket.pool.live--
  }
  slot.memberships.length = 0
  slot.version++
}

/**
 * The best free agent of the pool who is not excluded: highest proficiency, then idle longest,
 * then smallest id. Excluded agents are popped aside and pushed back, so the cost grows with the
 * exclusions of this conversation only.
 */
export function bestInPool(
  pool: AgentPool,
  excluded: readonly string[],
): { slot: AgentSlot; score: number } | undefined {
  for (let score = pool.buckets.length - 1; score >= 0; score--) {
    const bucket = pool.buckets[score]
    if (bucket === undefined || bucket.live === 0) continue
    const slot = bestInBucket(bucket, excluded)
    if (slot !== undefined) return { slot, score }
  }
  return undefined
}

/**
 * For the assignment's reason: the pool's free agents after exclusions, and how many of them
 * other than the chosen one share its proficiency score. An excluded agent counts once however
 * often it is listed.
 */
export function countCandidates(
  pool: AgentPool,
  score: number,
  excluded: readonly string[],
  slots: ReadonlyMap<string, AgentSlot>,
): { candidates: number; tiedOnProficiency: number } {
  let candidates = pool.live
  let tiedOnProficiency = (pool.buckets[score]?.live ?? 0) - 1
  for (let index = 0; index < excluded.length; index++) {
    const id = excluded[index] as string
    const other = slots.get(id)
    if (other === undefined || !other.free || excluded.indexOf(id) !== index) continue
    if (!qualifiesFor(pool, other.agent)) continue
    candidates--
    if (proficiencyFor(other.agent, pool.ranking) === score) tiedOnProficiency--
  }
  return { candidates, tiedOnProficiency }
}

function bestInBucket(bucket: Bucket, excluded: readonly string[]): AgentSlot | undefined {
  const { heap } = bucket
  dropStaleTop(heap)
  const top = heap.items[0]
  if (top === undefined || !excluded.includes(heap.ids[0] as string)) return top
  // Rare: the best agents are excluded from this conversation. Set them aside, then put back.
  const aside: { slot: AgentSlot; idleSince: number; id: string }[] = []
  let found: AgentSlot | undefined
  for (;;) {
    dropStaleTop(heap)
    const slot = heap.items[0]
    if (slot === undefined) break
    const id = heap.ids[0] as string
    aside.push({ slot, idleSince: heap.idle[0] as number, id })
    popTop(heap)
    if (!excluded.includes(id)) {
      found = slot
      break
    }
  }
  for (const entry of aside) pushEntry(heap, entry.slot, entry.idleSince, entry.id)
  return found
}
