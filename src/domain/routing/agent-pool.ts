import type { Agent } from './agent.ts'
import { hasSkills, isFree, MAX_PROFICIENCY, proficiencyFor, servesQueue } from './agent.ts'

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

interface Entry {
  readonly slot: AgentSlot
  readonly version: number
  readonly idleSince: number
  readonly id: string
}

interface Bucket {
  heap: Entry[]
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
  for (let score = 0; score <= MAX_PROFICIENCY; score++) buckets.push({ heap: [], live: 0, pool })
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
  const { agent, version } = slot
  if (bucket.heap.length > 2 * bucket.live + 32) compact(bucket)
  push(bucket.heap, { slot, version, idleSince: agent.idleSince, id: agent.id })
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
  slot.memberships = []
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
  excluded.forEach((id, index) => {
    const other = slots.get(id)
    if (other === undefined || !other.free || excluded.indexOf(id) !== index) return
    if (!qualifiesFor(pool, other.agent)) return
    candidates--
    if (proficiencyFor(other.agent, pool.ranking) === score) tiedOnProficiency--
  })
  return { candidates, tiedOnProficiency }
}

function bestInBucket(bucket: Bucket, excluded: readonly string[]): AgentSlot | undefined {
  const heap = bucket.heap
  dropStaleTop(heap)
  const top = heap[0]
  if (top === undefined) return undefined
  if (!excluded.includes(top.id)) return top.slot
  const aside: Entry[] = []
  let found: AgentSlot | undefined
  while (found === undefined) {
    const entry = pop(heap)
    if (entry === undefined) break
    if (isStale(entry)) continue
    aside.push(entry)
    if (!excluded.includes(entry.id)) found = entry.slot
  }
  for (const entry of aside) push(heap, entry)
  return found
}

function isStale(entry: Entry): boolean {
  return entry.version !== entry.slot.version
}

function dropStaleTop(heap: Entry[]): void {
  while (heap.length > 0 && isStale(heap[0] as Entry)) pop(heap)
}

function compact(bucket: Bucket): void {
  const live = bucket.heap.filter((e) => !isStale(e))
  live.sort(compareEntries)
  bucket.heap = live // a sorted array is a valid min-heap
}

function compareEntries(a: Entry, b: Entry): number {
  if (a.idleSince !== b.idleSince) return a.idleSince - b.idleSince
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

function push(heap: Entry[], entry: Entry): void {
  let i = heap.length
  heap.push(entry)
  while (i > 0) {
    const parent = (i - 1) >> 1
    const above = heap[parent] as Entry
    if (compareEntries(above, entry) <= 0) break
    heap[i] = above
    i = parent
  }
  heap[i] = entry
}

function pop(heap: Entry[]): Entry | undefined {
  const top = heap[0]
  const last = heap.pop()
  if (top === undefined || last === undefined || heap.length === 0) return top
  let i = 0
  const n = heap.length
  for (;;) {
    const left = 2 * i + 1
    if (left >= n) break
    const right = left + 1
    let child = left
    if (right < n && compareEntries(heap[right] as Entry, heap[left] as Entry) < 0) child = right
    const below = heap[child] as Entry
    if (compareEntries(last, below) <= 0) break
    heap[i] = below
    i = child
  }
  heap[i] = last
  return top
}
