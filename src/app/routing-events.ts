import type { ConversationEvent } from '../store/conversations.ts'
import type { AgentEvent } from '../store/routing-agents.ts'
import type { AgentBusEvent, ConversationBusEvent } from './event-bus.ts'

/** A stored conversation event as the bus carries it. */
export function toBusEvent(event: ConversationEvent): ConversationBusEvent {
  return {
    kind: 'conversation',
    id: event.id,
    type: event.type,
    conversationId: event.conversationId,
    queueId: event.queueId,
    agentId: event.agentId,
    data: event.data,
    occurredAt: event.occurredAt,
  }
}

/** A stored agent event as the bus carries it. */
export function agentBusEvent(event: AgentEvent): AgentBusEvent {
  return {
    kind: 'agent',
    id: event.id,
    type: event.type,
    agentId: event.userId,
    status: event.status,
    reason: event.reason,
    occurredAt: event.occurredAt,
  }
}
