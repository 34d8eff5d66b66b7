import type { Kysely } from 'kysely'
import type { Database } from './database.ts'

export type ConversationEventType =
  | 'created'
  | 'queued'
  | 'offered'
  | 'accepted'
  | 'transferred'
  | 'ended'
  | 'wrapped_up'
  | 'abandoned'
  | 'message_in'
  | 'message_out'

export interface NewConversation {
  id: string
  customerNumber: string
  ourNumber: string
  program: string | undefined
  queueId: string
  category: string
  priority: number
  attributes: Record<string, unknown>
  flagged: boolean
  openedAt: number
  /** Required skills, most important first; kept on the `queued` event (the router reads them). */
  skills?: readonly string[] | undefined
  /** The screening rule that chose the queue, for the `created` event. */
  rule?: string | undefined
}

export interface ConversationEvent {
  id: string
  conversationId: string
  type: ConversationEventType
  queueId?: string | undefined
  agentId?: string | undefined
  skill?: string | undefined
  number?: string | undefined
  data?: Record<string, unknown> | undefined
  occurredAt: number
}

/**
 * Opens a conversation waiting in its queue, with its `created` and `queued` events. The
 * `queued` event carries the first required skill in `skill` (reports group by it) and the
 * full list with the priority in `data`.
 */
export async function openConversation(
  db: Kysely<Database>,
  c: NewConversation,
  eventIds: [string, string],
): Promise<void> {
  await db
    .insertInto('conversations')
    .values({
      id: c.id,
      customer_number: c.customerNumber,
      our_number: c.ourNumber,
      program: c.program ?? null,
      queue_id: c.queueId,
      category: c.category,
      priority: c.priority,
      status: 'waiting',
      agent_id: null,
      attributes: JSON.stringify(c.attributes),
      flagged: c.flagged ? 1 : 0,
      opened_at: c.openedAt,
      accepted_at: null,
      ended_at: null,
      closed_at: null,
      close_reason: null,
    })
    .execute()
  const common = {
    conversationId: c.id,
    queueId: c.queueId,
    number: c.ourNumber,
    occurredAt: c.openedAt,
  }
  await appendConversationEvents(db, [
    {
      ...common,
      id: eventIds[0],
      type: 'created',
      data: {
        category: c.category,
        priority: c.priority,
        ...(c.rule === undefined ? {} : { rule: c.rule }),
        ...(c.flagged ? { flagged: true } : {}),
      },
    },
    {
      ...common,
      id: eventIds[1],
      type: 'queued',
      skill: c.skills?.[0],
      ...(c.skills === undefined ? {} : { data: { skills: c.skills, priority: c.priority } }),
    },
  ])
}

/** Appends events; reporting is computed from them, so each carries queue, agent, skill and number. */
export async function appendConversationEvents(
  db: Kysely<Database>,
  events: readonly ConversationEvent[],
): Promise<void> {
  if (events.length === 0) return
  await db
    .insertInto('conversation_events')
    .values(
      events.map((e) => ({
        id: e.id,
        conversation_id: e.conversationId,
        type: e.type,
        queue_id: e.queueId ?? null,
        agent_id: e.agentId ?? null,
        skill: e.skill ?? null,
        number: e.number ?? null,
        data: e.data ? JSON.stringify(e.data) : null,
        occurred_at: e.occurredAt,
      })),
    )
    .execute()
}
