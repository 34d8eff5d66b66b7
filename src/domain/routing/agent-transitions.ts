import type { Agent, AgentStatus } from './agent.ts'
import type { WaitingConversation } from './waiting-conversation.ts'

/** The not-ready reason given to an agent who let an offer time out (issue 5). */
export const NOT_RESPONDING = Object.freeze({ code: 'NOT_RESPONDING', label: 'Not Responding' })

/** An agent status change, for the runtime's agent_status_changed event. */
export interface AgentStatusChange {
  readonly agentId: string
  readonly from: AgentStatus
  readonly to: AgentStatus
  readonly reason?: string
  readonly at: number
}

export type OfferOutcome<T> =
  ({ readonly ok: true } & T) | { readonly ok: false; readonly reason: 'offer_not_pending' }

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/**
 * The agent after being offered a conversation: the offer takes a slot until it is accepted
 * (the slot stays), declined or times out (the slot is given back).
 * @example offerConversation({ active: 1, … }, 'c9') // { active: 2, offered: 'c9', … }
 */
export function offerConversation(agent: Agent, conversationId: string): Agent {
  return copyAgent(agent, agent.active + 1, conversationId)
}

/**
 * The agent after accepting the pending offer: the conversation keeps its slot and the agent can
 * be offered another one if a slot is still free.
 * @example acceptOffer({ active: 2, offered: 'c9', … }, 'c9') // { ok: true, agent: { active: 2, … } }
 */
export function acceptOffer(agent: Agent, conversationId: string): OfferOutcome<{ agent: Agent }> {
  if (agent.offered !== conversationId) return { ok: false, reason: 'offer_not_pending' }
  return { ok: true, agent: withoutOffer(agent) }
}

/**
 * The agent declines the pending offer: the slot is given back, the agent stays available, and
 * the conversation goes back to waiting (keeping its enqueue time) with this agent excluded (the
 * runtime ends the exclusion after the queue's excludeAgentForSeconds; see offer-exclusions.ts).
 * @example declineOffer({ offered: 'c9', active: 1, … }, { id: 'c9', … })
 * // { ok: true, agent: { active: 0, … }, conversation: { excludedAgents: ['a1'], … } }
 */
export function declineOffer(
  agent: Agent,
  conversation: WaitingConversation,
): OfferOutcome<{ agent: Agent; conversation: WaitingConversation }> {
  if (agent.offered !== conversation.id) return { ok: false, reason: 'offer_not_pending' }
  return {
    ok: true,
    agent: { ...withoutOffer(agent), active: Math.max(0, agent.active - 1) },
    conversation: excluding(conversation, agent.id),
  }
}

/**
 * The offer timed out: the agent becomes not_ready with reason NOT_RESPONDING (an agent who does
 * not answer is probably away, and offering them the next customer would only delay that one
 * too), the slot is given back, and the conversation goes back to waiting, keeping its enqueue
 * time and so the priority and relaxation it has earned, with this agent excluded. A timer that
 * fires after the offer was accepted or withdrawn changes nothing.
 * @example onOfferTimeout({ id: 'a1', offered: 'c9', … }, { id: 'c9', … }, now)
 * // { ok: true, agent: { status: 'not_ready', notReadyReason: 'NOT_RESPONDING', … }, conversation: { excludedAgents: ['a1'], … }, statusChange: { … } }
 */
export function onOfferTimeout(
  agent: Agent,
  conversation: WaitingConversation,
  now: number,
): OfferOutcome<{
  agent: Agent
  conversation: WaitingConversation
  statusChange: AgentStatusChange
}> {
  if (agent.offered !== conversation.id) return { ok: false, reason: 'offer_not_pending' }
  const next: Agent = {
    ...withoutOffer(agent),
    status: 'not_ready',
    notReadyReason: NOT_RESPONDING.code,
    active: Math.max(0, agent.active - 1),
  }
  return {
    ok: true,
    agent: next,
    conversation: excluding(conversation, agent.id),
    statusChange: {
      agentId: agent.id,
      from: agent.status,
      to: 'not_ready',
      reason: NOT_RESPONDING.code,
      at: now,
    },
  }
}

/**
 * A conversation the agent was handling ended (or was transferred away): the slot is free and
 * the agent goes to the back of the idle-longest order.
 * @example releaseConversation({ active: 2, idleSince: 0, … }, 5000) // { active: 1, idleSince: 5000, … }
 */
export function releaseConversation(agent: Agent, now: number): Agent {
  return copyAgent(agent, Math.max(0, agent.active - 1), agent.offered, now)
}

/**
 * Changes an agent's status. Becoming available starts the idle clock; not_ready needs a reason
 * code; leaving available withdraws a pending offer (returned as `withdrawnOffer`, for the
 * runtime to put the conversation back in its queue) and gives its slot back.
 * @example setAgentStatus({ status: 'available', offered: 'c9', active: 1, … }, 'not_ready', 9000, 'LUNCH')
 * // { agent: { status: 'not_ready', notReadyReason: 'LUNCH', active: 0, … }, withdrawnOffer: 'c9', statusChange: { … } }
 */
export function setAgentStatus(
  agent: Agent,
  status: AgentStatus,
  now: number,
  reason?: string,
): { agent: Agent; withdrawnOffer?: string; statusChange: AgentStatusChange } {
  const next: Mutable<Agent> = { ...agent, status }
  delete next.notReadyReason
  if (status === 'not_ready' && reason !== undefined) next.notReadyReason = reason
  if (status === 'available' && agent.status !== 'available') next.idleSince = now
  const withdrawnOffer = status !== 'available' ? agent.offered : undefined
  if (withdrawnOffer !== undefined) {
    delete next.offered
    next.active = Math.max(0, agent.active - 1)
  }
  const statusChange: AgentStatusChange = {
    agentId: agent.id,
    from: agent.status,
    to: status,
    ...(next.notReadyReason !== undefined && { reason: next.notReadyReason }),
    at: now,
  }
  return { agent: next, ...(withdrawnOffer !== undefined && { withdrawnOffer }), statusChange }
}

function withoutOffer(agent: Agent): Agent {
  return copyAgent(agent, agent.active, undefined)
}

/**
 * The agent with another load, pending offer or idle time, equal to spreading it with them.
 * Built field by field: agents reach the router in many shapes, and V8 clones a spread of an
 * unfamiliar shape property by property in its slow path (an eighth of a decision's time in
 * the matcher benchmark's profile), where a literal of fixed layout is one allocation; deleting
 * `offered` from a copy would also turn it into a slow dictionary object.
 */
function copyAgent(
  agent: Agent,
  active: number,
  offered: string | undefined,
  idleSince = agent.idleSince,
): Agent {
  const next: Mutable<Agent> = {
    id: agent.id,
    status: agent.status,
    skills: agent.skills,
    queues: agent.queues,
    active,
    idleSince,
  }
  if (Object.hasOwn(agent, 'notReadyReason')) next.notReadyReason = agent.notReadyReason
  if (Object.hasOwn(agent, 'capacity')) next.capacity = agent.capacity
  if (offered !== undefined) next.offered = offered
  return next
}

function excluding(conversation: WaitingConversation, agentId: string): WaitingConversation {
  const excluded = conversation.excludedAgents ?? []
  if (excluded.includes(agentId)) return conversation
  return { ...conversation, excludedAgents: [...excluded, agentId] }
}
