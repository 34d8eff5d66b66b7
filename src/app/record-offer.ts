import type { Config } from '../config/schema.ts'
import type { AssignmentReason } from '../domain/routing/assignment.ts'
import { NOT_RESPONDING } from '../domain/routing/agent-transitions.ts'
import {
  activeExclusions,
  exclusionsFrom,
  withExclusion,
} from '../domain/routing/offer-exclusions.ts'
import { exclusionMs } from '../domain/routing/queue-policy.ts'
import type { WaitingConversation } from '../domain/routing/waiting-conversation.ts'
import type { Store } from '../store/connect.ts'
import { appendConversationEvents, type ConversationEvent } from '../store/conversations.ts'
import { appendAgentEvents, updateAgentStatus, type AgentEvent } from '../store/routing-agents.ts'
import {
  changeConversation,
  loadRoutingConversations,
  offerConversations,
  type QueuedData,
  type RoutingConversationRow,
} from '../store/routing-conversations.ts'
import type { BusEvent } from './event-bus.ts'
import type { Random } from './ports.ts'
import { agentBusEvent, toBusEvent } from './routing-events.ts'

type Deps = { config: Config; store: Store; random: Random }

export interface Offer {
  conversation: WaitingConversation
  agentId: string
  reason: AssignmentReason
  ourNumber: string | undefined
  expiresAt: number
  now: number
}

/**
 * Stores offers the router made, in one transaction: each conversation becomes `offered` to its
 * agent, only if it is still waiting, with an `offered` event whose data is the assignment
 * reason (why this agent). Returns each offer's stored events, none for a conversation that had
 * left the queue.
 * @example const [events] = await recordOffers(deps, [{ conversation, agentId: 'a1', reason, ourNumber: '+12505550101', expiresAt, now }])
 */
export async function recordOffers(deps: Deps, offers: readonly Offer[]): Promise<BusEvent[][]> {
  const events = offers.map((offer): ConversationEvent => ({
    id: deps.random.id(),
    conversationId: offer.conversation.id,
    type: 'offered',
    queueId: offer.conversation.queue,
    agentId: offer.agentId,
    skill: offer.conversation.requiredSkills[0],
    number: offer.ourNumber,
    data: { reason: offer.reason, expiresAt: offer.expiresAt },
    occurredAt: offer.now,
  }))
  const moved = await deps.store.db.transaction().execute(async (trx) => {
    const offered = await offerConversations(
      trx,
      offers.map((o) => ({ conversationId: o.conversation.id, agentId: o.agentId })),
    )
    const stored = events.filter((e) => offered.has(e.conversationId))
    if (stored.length > 0) await appendConversationEvents(trx, stored)
    return offered
  })
  return events.map((event) => (moved.has(event.conversationId) ? [toBusEvent(event)] : []))
}

/**
 * An offer the agent let time out: the conversation goes back to waiting (keeping the time it
 * started waiting, so the priority and relaxation it earned) with the agent excluded for the
 * queue's `excludeAgentForSeconds`, and the
 * agent, if still available, becomes not_ready with reason NOT_RESPONDING. Nothing happens when
 * the offer was accepted or withdrawn meanwhile.
 * @example await recordOfferTimeout(deps, { conversationId: 'c1', agentId: 'a1', now })
 */
export async function recordOfferTimeout(
  deps: Deps,
  timeout: { conversationId: string; agentId: string; now: number },
): Promise<{ timedOut: boolean; events: BusEvent[] }> {
  const { conversationId, agentId, now } = timeout
  return deps.store.db.transaction().execute(async (trx) => {
    const [row] = await loadRoutingConversations(trx, [conversationId])
    if (row?.status !== 'offered' || row.agentId !== agentId) return { timedOut: false, events: [] }
    const moved = await changeConversation(
      trx,
      conversationId,
      { from: ['offered'], agentId },
      { status: 'waiting', agentId: null },
    )
    if (!moved) return { timedOut: false, events: [] }
    const queued = requeuedEvent(deps, row, {
      reason: 'offer_timeout',
      agentId,
      exclude: agentId,
      now,
    })
    await appendConversationEvents(trx, [queued])
    const events: BusEvent[] = [toBusEvent(queued)]
    const statusChanged = await updateAgentStatus(trx, {
      id: agentId,
      status: 'not_ready',
      reason: NOT_RESPONDING.code,
      at: now,
      onlyFrom: ['available', 'busy'],
    })
    if (statusChanged) {
      const agentEvent: AgentEvent = {
        id: deps.random.id(),
        userId: agentId,
        type: 'status_changed',
        status: 'not_ready',
        reason: NOT_RESPONDING.code,
        data: { conversationId, cause: 'offer_timeout' },
        occurredAt: now,
      }
      await appendAgentEvents(trx, [agentEvent])
      events.push(agentBusEvent(agentEvent))
    }
    return { timedOut: true, events }
  })
}

/**
 * The `queued` event of a conversation going back to its queue after an offer (timed out,
 * declined, withdrawn): the same routing record, keeping the time the customer started waiting,
 * so the priority and relaxation earned so far. `exclude` names an agent to pass over for the
 * queue's `excludeAgentForSeconds`; exclusions that have ended are dropped.
 */
export function requeuedEvent(
  deps: Pick<Deps, 'random' | 'config'>,
  row: RoutingConversationRow,
  change: { reason: string; agentId: string | undefined; exclude?: string; now: number },
): ConversationEvent {
  const { at, excludedAgents, excludedUntil, ...previous } = row.queued
  const forMs = exclusionMs(deps.config.queues.find((q) => q.id === row.queueId))
  const recorded = exclusionsFrom({ excludedAgents, excludedUntil }, at, forMs)
  const exclusions =
    change.exclude === undefined
      ? recorded
      : withExclusion(recorded, change.exclude, change.now, forMs)
  const { agents } = activeExclusions(exclusions, change.now)
  const data: QueuedData = {
    ...previous,
    priority: row.priority,
    enqueuedAt: previous.enqueuedAt ?? at,
    ...(agents.length > 0 && {
      excludedAgents: agents,
      excludedUntil: Object.fromEntries(agents.map((id) => [id, exclusions[id] ?? change.now])),
    }),
    reason: change.reason,
  }
  return {
    id: deps.random.id(),
    conversationId: row.id,
    type: 'queued',
    queueId: row.queueId,
    agentId: change.agentId,
    skill: previous.skills?.[0],
    number: row.ourNumber,
    data: data as Record<string, unknown>,
    occurredAt: change.now,
  }
}
