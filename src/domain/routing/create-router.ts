import type { Agent } from './agent.ts'
import { proficiencyFor, validateAgent } from './agent.ts'
import type { AgentPool, AgentSlot } from './agent-pool.ts'
import { bestInPool, countCandidates, qualifiesFor } from './agent-pool.ts'
import { createAgentRegistry } from './agent-registry.ts'
import { offerConversation } from './agent-transitions.ts'
import type { Assignment } from './assignment.ts'
import { explainChoice } from './assignment.ts'
import type { QueuePolicy } from './queue-policy.ts'
import { validateQueuePolicy } from './queue-policy.ts'
import { relaxationRing } from './required-skills-at.ts'
import { RoutingInputError } from './routing-input-error.ts'
import type { WaitingEntry } from './waiting-class.ts'
import type { Visit } from './waiting-list.ts'
import { createWaitingList } from './waiting-list.ts'
import type { WaitingConversation } from './waiting-conversation.ts'
import { validateConversation } from './waiting-conversation.ts'

/** The outcome of one routing decision; the router has already applied it. */
export type RouterDecision =
  | {
      readonly ok: true
      readonly assignment: Assignment
      /** The conversation offered, now out of the router's waiting list. */
      readonly conversation: WaitingConversation
      /** The agent after the offer (one more active, `offered` set), as the router now holds it. */
      readonly agent: Agent
    }
  | { readonly ok: false; readonly waiting: number }

export interface RouterStats {
  readonly agents: number
  readonly waiting: number
  readonly waitingClasses: number
  readonly agentPools: number
}

/**
 * The ACD state of one process: agents and waiting conversations, indexed so that a decision
 * does not scan them. Waiting conversations sit in classes (queue, base priority, skill list)
 * kept oldest first, which is already routing order within a class; classes of one queue and
 * base priority form a group whose best class is known, so a decision compares one head per
 * group (at most 10 per queue). Free agents sit in pools (queue, skills required at a
 * relaxation ring), bucketed by proficiency and heap-ordered by idle time, so the best agent is
 * a heap top. An agent change re-indexes it in the pools of its queues; a decision costs about
 * O(groups + log agents), plus the conversations it must pass over (held for a preferred agent,
 * or whose eligible agents are all excluded).
 * Pure: no clock (`now` is an argument), no I/O; agents and conversations go in and come out as
 * plain data, so the runtime can rebuild it from the database at start-up.
 */
export interface Router {
  /** Adds or replaces an agent (status change, offer accepted, conversation ended…). */
  upsertAgent(agent: Agent): void
  removeAgent(agentId: string): Agent | undefined
  getAgent(agentId: string): Agent | undefined
  /** Adds or replaces a waiting conversation (a replaced one keeps nothing of the old). */
  enqueue(conversation: WaitingConversation): void
  /** Takes a conversation out of waiting (abandoned, moved, assigned by a supervisor…). */
  remove(conversationId: string): WaitingConversation | undefined
  getConversation(conversationId: string): WaitingConversation | undefined
  /**
   * Makes the first assignment of a routing pass at `now` (as matchAll would) and applies it:
   * the conversation leaves the waiting list and the agent holds the offer.
   */
  next(now: number): RouterDecision
  /** Assigns until nothing more can be: the same assignments, in the same order, as matchAll. */
  drain(now: number): Assignment[]
  stats(): RouterStats
}

type Evaluation =
  | { readonly kind: 'assign'; readonly slot: AgentSlot; readonly decision: Assignment }
  | { readonly kind: 'skip_class' }
  | { readonly kind: 'skip' }

const NONE: readonly string[] = []
// shared: a decision that passes a conversation over allocates nothing for it
const SKIP: Evaluation = { kind: 'skip' }
const SKIP_CLASS: Evaluation = { kind: 'skip_class' }

/**
 * Builds an empty router for the given queues. Throws RoutingInputError when a policy is invalid.
 * @example
 * const router = createRouter(config.queues)
 * router.upsertAgent({ id: 'a1', status: 'available', skills: { bceid: 4 }, queues: ['SBC_HD_SMS_BCEID'], active: 0, idleSince: 0 })
 * router.enqueue({ id: 'c1', queue: 'SBC_HD_SMS_BCEID', basePriority: 5, requiredSkills: ['bceid'], enqueuedAt: 0, customerNumber: '+12505550100' })
 * router.next(1000) // { ok: true, assignment: { conversationId: 'c1', agentId: 'a1', reason: { rule: 'only_eligible', … } }, … }
 */
export function createRouter(queues: readonly QueuePolicy[]): Router {
  const policies = new Map<string, QueuePolicy>()
  for (const queue of queues) {
    const problems = validateQueuePolicy(queue)
    if (problems.length > 0) {
      throw new RoutingInputError(
        'invalid_queue_policy',
        `queue ${queue.id}: ${problems.join('; ')}`,
      )
    }
    policies.set(queue.id, queue)
  }
  const agents = createAgentRegistry()
  const slots = agents.slots
  const waiting = createWaitingList()

  function evaluate(entry: WaitingEntry, now: number): Evaluation {
    const { conversation, waitingClass } = entry
    const { queue } = waitingClass
    const waited = Math.max(0, now - conversation.enqueuedAt)
    const ring = relaxationRing(queue, waited)
    const pool = agents.poolAt(waitingClass, ring)
    // Later conversations of the class need the same skills or more: none can be matched either.
    if (pool.live === 0) return SKIP_CLASS
    const excluded = conversation.excludedAgents ?? NONE

    const preferredId = conversation.preferredAgentId
    if (preferredId !== undefined && !excluded.includes(preferredId)) {
      const preferred = slots.get(preferredId)
      if (preferred !== undefined && qualifiesFor(pool, preferred.agent)) {
        if (preferred.free) {
          const score = proficiencyFor(preferred.agent, pool.ranking)
          return assign(entry, now, ring, pool, preferred, score, true)
        }
        const holdMs = (queue.preferredAgentWaitSeconds ?? 0) * 1000
        if (waited < holdMs && preferred.agent.status === 'available') return SKIP
      }
    }
    const best = bestInPool(pool, excluded)
    if (best === undefined) return SKIP
    return assign(entry, now, ring, pool, best.slot, best.score, false)
  }

  function assign(
    entry: WaitingEntry,
    now: number,
    ring: number,
    pool: AgentPool,
    slot: AgentSlot,
    score: number,
    preferred: boolean,
  ): Evaluation {
    const { conversation, waitingClass } = entry
    const { candidates, tiedOnProficiency } = countCandidates(
      pool,
      score,
      conversation.excludedAgents ?? NONE,
      slots,
    )
    const reason = explainChoice({
      conversation,
      queue: waitingClass.queue,
      now,
      ring,
      keptSkills: pool.eligibility.length,
      agent: slot.agent,
      preferred,
      candidates,
      tiedOnProficiency,
      // the pool ranks by the class's skills, which are the conversation's required skills
      proficiency: score,
    })
    return {
      kind: 'assign',
      slot,
      decision: { conversationId: conversation.id, agentId: slot.agent.id, reason },
    }
  }

  function next(now: number): RouterDecision {
    let taken: Extract<Evaluation, { kind: 'assign' }> | undefined
    const entry = waiting.first(now, (candidate): Visit => {
      const evaluation = evaluate(candidate, now)
      if (evaluation.kind === 'assign') taken = evaluation
      return evaluation.kind === 'assign'
        ? 'take'
        : evaluation.kind === 'skip'
          ? 'skip'
          : 'skip_class'
    })
    if (entry === undefined || taken === undefined) return { ok: false, waiting: waiting.size() }
    waiting.take(entry)
    const agent = offerConversation(taken.slot.agent, entry.id)
    agents.set(agent)
    return { ok: true, assignment: taken.decision, conversation: entry.conversation, agent }
  }

  return {
    upsertAgent(agent) {
      const problems = validateAgent(agent)
      if (problems.length > 0) {
        throw new RoutingInputError('invalid_agent', `agent ${agent.id}: ${problems.join('; ')}`)
      }
      agents.set(agent)
    },
    removeAgent: (agentId) => agents.remove(agentId),
    getAgent: (agentId) => slots.get(agentId)?.agent,
    enqueue(conversation) {
      const problems = validateConversation(conversation)
      if (problems.length > 0) {
        throw new RoutingInputError(
          'invalid_conversation',
          `conversation ${conversation.id}: ${problems.join('; ')}`,
        )
      }
      const queue = policies.get(conversation.queue)
      if (queue === undefined) {
        throw new RoutingInputError(
          'unknown_queue',
          `conversation ${conversation.id}: no queue ${conversation.queue}`,
        )
      }
      waiting.add(conversation, queue)
    },
    remove: (conversationId) => waiting.remove(conversationId),
    getConversation: (conversationId) => waiting.get(conversationId),
    next,
    drain(now) {
      const assignments: Assignment[] = []
      for (let decision = next(now); decision.ok; decision = next(now)) {
        assignments.push(decision.assignment)
      }
      return assignments
    },
    stats: () => ({
      agents: slots.size,
      waiting: waiting.size(),
      waitingClasses: waiting.classCount(),
      agentPools: agents.poolCount(),
    }),
  }
}
