import type { Kysely } from 'kysely'
import type { Database } from './database.ts'

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
 * has a conversation waiting (not accepted, not closed; see migration 0006): the caller
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
  const opened = new Set<string>()
  for (let i = 0; i < list.length; i += 500) {
    const chunk = list.slice(i, i + 500)
    const rows = await db
      .insertInto('conversations')
      .values(
        chunk.map(({ conversation: c }) => ({
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
        })),
      )
      // the one-waiting-conversation-per-thread index: another text (or server) opened it first
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .execute()
    for (const row of rows) opened.add(row.id)
  }
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
  // 9 columns a row: 500 rows stay well under both databases' bound-parameter limits
  for (let i = 0; i < events.length; i += 500) {
    await insertEvents(db, events.slice(i, i + 500))
  }
}

async function insertEvents(
  db: Kysely<Database>,
  events: readonly ConversationEvent[],
): Promise<void> {
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
