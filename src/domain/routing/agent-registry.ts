import type { Agent } from './agent.ts'
import { isFree } from './agent.ts'
import type { AgentPool, AgentSlot } from './agent-pool.ts'
import { createAgentPool, createAgentSlot, joinPool, leavePools } from './agent-pool.ts'
import { keptSkillCount } from './required-skills-at.ts'
import type { WaitingClass } from './waiting-class.ts'

/** The router's agents and the pools indexing the free ones. */
export interface AgentRegistry {
  readonly slots: ReadonlyMap<string, AgentSlot>
  /** Stores the agent and re-indexes it in every pool of the queues it serves. */
  set(agent: Agent): AgentSlot
  remove(agentId: string): Agent | undefined
  /** The pool a conversation of the class searches at a relaxation ring. */
  poolAt(waitingClass: WaitingClass, ring: number): AgentPool
  readonly poolCount: () => number
}

const NO_POOLS: readonly AgentPool[] = []

/**
 * Pools are created the first time a (queue, required skills, ring) is searched, from every
 * agent then known, and kept up to date as agents change: a change costs one cheap test per
 * pool of the agent's queues, plus a heap push in each pool the agent joins.
 * @example createAgentRegistry().set(agent).free // true for an available agent with a free slot
 */
export function createAgentRegistry(): AgentRegistry {
  const slots = new Map<string, AgentSlot>()
  const pools = new Map<string, AgentPool>()
  const poolsByQueue = new Map<string, AgentPool[]>()

  return {
    slots,
    set(agent) {
      let slot = slots.get(agent.id)
      if (slot === undefined) {
        slot = createAgentSlot(agent)
        slots.set(agent.id, slot)
      } else {
        leavePools(slot)
        slot.agent = agent
        slot.free = isFree(agent)
      }
      if (!slot.free) return slot
      const { queues } = agent
      queues.forEach((queue, index) => {
        if (queues.indexOf(queue) !== index) return // listed twice: join once
        for (const pool of poolsByQueue.get(queue) ?? NO_POOLS) joinPool(pool, slot)
      })
      return slot
    },
    remove(agentId) {
      const slot = slots.get(agentId)
      if (slot === undefined) return undefined
      leavePools(slot)
      slots.delete(agentId)
      return slot.agent
    },
    poolAt(waitingClass, ring) {
      const cached = waitingClass.pools[ring]
      if (cached !== undefined) return cached
      const { queue, skills } = waitingClass
      const kept = keptSkillCount(queue, skills.length, ring)
      const key = `${queue.id}\u0001${kept}\u0001${skills.join('\u0000')}`
      let pool = pools.get(key)
      if (pool === undefined) {
        pool = createAgentPool(queue.id, skills.slice(0, kept), skills)
        for (const slot of slots.values()) joinPool(pool, slot)
        pools.set(key, pool)
        const forQueue = poolsByQueue.get(queue.id) ?? []
        forQueue.push(pool)
        poolsByQueue.set(queue.id, forQueue)
      }
      waitingClass.pools[ring] = pool
      return pool
    },
    poolCount: () => pools.size,
  }
}
