import type { Kysely } from 'kysely'
import type { Database } from './database.ts'
import { insertRows } from './insert-rows.ts'

export type ConversationEventType =
  | 'created'
  | 'queued'
  | 'offered'
  | 'accepted'
  | 'declined'
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
 * full list with the priority in `data`. Returns false, writing nothing, when its thread already
 * has a conversation waiting (not accepted, not closed; see migration 0007): the caller
 * continues that one instead.
 */
export async function openConversation(
  db: Kysely<Database>,
  c: NewConversation,
  eventIds: [string, string],
): Promise<boolean> {
  return (await openConversations(db, [{ conversation: c, eventIds }])).has(c.id)
}

/**
 * openConversation for many conversations (of distinct threads) in two statements. Returns
 * the ids opened; the others' threads already had a conversation waiting.
 * @example const opened = await openConversations(trx, [{ conversation, eventIds: [id1, id2] }])
 */
export async function openConversations(
  db: Kysely<Database>,
  list: readonly { conversation: NewConversation; eventIds: readonly [string, string] }[],
): Promise<Set<string>> {
  const rows = await insertRows(
    db,
    'conversations',
    [
      'id',
      'customer_number',
      'our_number',
      'program',
      'queue_id',
      'category',
      'priority',
      'status',
      'attributes',
      'flagged',
      'opened_at',
    ],
    list.map(({ conversation: c }) => [
      c.id,
      c.customerNumber,
      c.ourNumber,
      c.program ?? null,
      c.queueId,
      c.category,
      c.priority,
      'waiting',
      JSON.stringify(c.attributes),
      c.flagged ? 1 : 0,
      c.openedAt,
    ]),
    // the one-waiting-conversation-per-thread index: another text (or server) opened it first
    { onConflictDoNothing: true, returning: 'id' },
  )
  const opened = new Set(rows.map((row) => String(row.id)))
  await appendConversationEvents(
    db,
    list
      .filter(({ conversation }) => opened.has(conversation.id))
      .flatMap(({ conversation: c, eventIds }) => openingEvents(c, eventIds)),
  )
  return opened
}

function openingEvents(
  c: NewConversation,
  eventIds: readonly [string, string],
): ConversationEvent[] {
  const common = {
    conversationId: c.id,
    queueId: c.queueId,
    number: c.ourNumber,
    occurredAt: c.openedAt,
  }
  return [
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
  ]
}

/** Appends events; reporting is computed from them, so each carries queue, agent, skill and number. */
export async function appendConversationEvents(
  db: Kysely<Database>,
  events: readonly ConversationEvent[],
): Promise<void> {
  if (events.length === 0) return
  await insertRows(
    db,
    'conversation_events',
    [
      'id',
      'conversation_id',
      'type',
      'queue_id',
      'agent_id',
      'skill',
      'number',
      'data',
      'occurred_at',
    ],
    events.map((e) => [
      e.id,
      e.conversationId,
      e.type,
      e.queueId ?? null,
      e.agentId ?? null,
      e.skill ?? null,
      e.number ?? null,
      e.data ? JSON.stringify(e.data) : null,
      e.occurredAt,
    ]),
  )
}
