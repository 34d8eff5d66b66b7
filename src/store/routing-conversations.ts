import type { Kysely } from 'kysely'
import type { ConversationEvent, ConversationEventType } from './conversations.ts'
import type { Database } from './database.ts'

/**
 * The routing record a `queued` event carries in `data`: the latest one of a conversation says
 * how it waits now (skills, when it started waiting, the agents it must not be offered to).
 */
export interface QueuedData {
  skills?: string[]
  priority?: number
  /** Kept across an offer timeout, so the customer keeps the priority earned by waiting. */
  enqueuedAt?: number
  /** The agents passed over for it (see excludedUntil). */
  excludedAgents?: string[]
  /**
   * Until when each excluded agent is passed over (epoch ms); an agent listed in excludedAgents
   * without an end (written before exclusions ended) is excluded for the queue's
   * excludeAgentForSeconds from the event's time.
   */
  excludedUntil?: Record<string, number>
  /** Why it (re)joined the queue: offer_timeout, offer_declined, offer_withdrawn, transferred, moved… */
  reason?: string
}

/** A conversation as the ACD needs it. */
export interface RoutingConversationRow {
  id: string
  status: string
  queueId: string | undefined
  agentId: string | undefined
  priority: number
  customerNumber: string
  ourNumber: string
  /** From the latest `queued` event (its time when `enqueuedAt` is absent). */
  queued: QueuedData & { at: number }
  /** Time of the latest `offered` event, for the offer timeout. */
  offeredAt: number | undefined
}

const CHUNK = 500

/**
 * Conversations with their latest `queued` and `offered` events. Without ids, every conversation
 * waiting or offered (the ACD's start-up rebuild).
 * @example await loadRoutingConversations(db, ['019…']) // [{ id, status: 'waiting', queued: { skills: ['bceid'], at }, … }]
 */
export async function loadRoutingConversations(
  db: Kysely<Database>,
  ids?: readonly string[],
): Promise<RoutingConversationRow[]> {
  if (ids === undefined) return loadWhere(db, undefined)
  const out: RoutingConversationRow[] = []
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK)
    if (chunk.length > 0) out.push(...(await loadWhere(db, chunk)))
  }
  return out
}

async function loadWhere(
  db: Kysely<Database>,
  ids: readonly string[] | undefined,
): Promise<RoutingConversationRow[]> {
  let rows = db
    .selectFrom('conversations')
    .select([
      'id',
      'status',
      'queue_id',
      'agent_id',
      'priority',
      'customer_number',
      'our_number',
      'opened_at',
    ])
  let events = db
    .selectFrom('conversation_events as e')
    .select(['e.conversation_id', 'e.type', 'e.data', 'e.occurred_at'])
    .where('e.type', 'in', ['queued', 'offered'])
  if (ids) {
    rows = rows.where('id', 'in', ids)
    events = events.where('e.conversation_id', 'in', ids)
  } else {
    rows = rows.where('status', 'in', ['waiting', 'offered'])
    events = events
      .innerJoin('conversations as c', 'c.id', 'e.conversation_id')
      .where('c.status', 'in', ['waiting', 'offered'])
  }
  const [conversations, history] = await Promise.all([
    rows.execute(),
    events.orderBy('e.occurred_at').orderBy('e.id').execute(),
  ])
  const queued = new Map<string, QueuedData & { at: number }>()
  const offered = new Map<string, number>()
  for (const e of history) {
    if (e.type === 'offered') offered.set(e.conversation_id, e.occurred_at)
    else {
      const data = e.data ? (JSON.parse(e.data) as QueuedData) : {}
      queued.set(e.conversation_id, { ...data, at: e.occurred_at })
    }
  }
  return conversations.map((c) => ({
    id: c.id,
    status: c.status,
    queueId: c.queue_id ?? undefined,
    agentId: c.agent_id ?? undefined,
    priority: c.priority,
    customerNumber: c.customer_number,
    ourNumber: c.our_number,
    queued: queued.get(c.id) ?? { at: c.opened_at },
    offeredAt: offered.get(c.id),
  }))
}

/**
 * The agent who last served each customer on a number, among conversations an agent accepted
 * that ended at or after `since`: a customer who writes again soon prefers that agent.
 */
export async function recentAgents(
  db: Kysely<Database>,
  threads: readonly { customerNumber: string; ourNumber: string }[],
  since: number,
): Promise<Map<string, string>> {
  const found = new Map<string, string>()
  const numbers = [...new Set(threads.map((t) => t.customerNumber))]
  for (let i = 0; i < numbers.length; i += CHUNK) {
    const rows = await db
      .selectFrom('conversations')
      .select(['customer_number', 'our_number', 'agent_id', 'ended_at'])
      .where('customer_number', 'in', numbers.slice(i, i + CHUNK))
      .where('agent_id', 'is not', null)
      .where('accepted_at', 'is not', null)
      .where('ended_at', '>=', since)
      .orderBy('ended_at')
      .execute()
    for (const r of rows) {
      if (r.agent_id) found.set(threadOf(r.customer_number, r.our_number), r.agent_id)
    }
  }
  return found
}

/** The key recentAgents' map uses. */
export function threadOf(customerNumber: string, ourNumber: string): string {
  return `${customerNumber}>${ourNumber}`
}

/** What a conditional status change may set. */
export interface ConversationChange {
  status: string
  agentId?: string | null
  queueId?: string
  priority?: number
  acceptedAt?: number
  endedAt?: number
  closedAt?: number
  closeReason?: string
}

/**
 * Moves a conversation to a new status only if it is in one of `from` (and, when given, held by
 * `agentId`): two people acting at once cannot both win. Returns whether it moved.
 * @example await changeConversation(db, 'c1', { from: ['offered'], agentId: 'a1' }, { status: 'active', acceptedAt: now })
 */
export async function changeConversation(
  db: Kysely<Database>,
  id: string,
  expect: { from: readonly string[]; agentId?: string },
  change: ConversationChange,
): Promise<boolean> {
  let query = db
    .updateTable('conversations')
    .set({
      status: change.status,
      ...(change.agentId !== undefined && { agent_id: change.agentId }),
      ...(change.queueId !== undefined && { queue_id: change.queueId }),
      ...(change.priority !== undefined && { priority: change.priority }),
      ...(change.acceptedAt !== undefined && { accepted_at: change.acceptedAt }),
      ...(change.endedAt !== undefined && { ended_at: change.endedAt }),
      ...(change.closedAt !== undefined && { closed_at: change.closedAt }),
      ...(change.closeReason !== undefined && { close_reason: change.closeReason }),
    })
    .where('id', '=', id)
    .where('status', 'in', expect.from)
  if (expect.agentId !== undefined) query = query.where('agent_id', '=', expect.agentId)
  const result = await query.executeTakeFirst()
  return result.numUpdatedRows > 0n
}

/** A conversation's events, oldest first (its transcript and history). */
export async function conversationEvents(
  db: Kysely<Database>,
  conversationId: string,
): Promise<ConversationEvent[]> {
  const rows = await db
    .selectFrom('conversation_events')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .orderBy('occurred_at')
    .orderBy('id')
    .execute()
  return rows.map(conversationEventFromRow)
}

/** A conversation_events row as the app sees it. */
export function conversationEventFromRow(r: {
  id: string
  conversation_id: string
  type: string
  queue_id: string | null
  agent_id: string | null
  skill: string | null
  number: string | null
  data: string | null
  occurred_at: number
}): ConversationEvent {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    type: r.type as ConversationEventType,
    queueId: r.queue_id ?? undefined,
    agentId: r.agent_id ?? undefined,
    skill: r.skill ?? undefined,
    number: r.number ?? undefined,
    data: r.data ? (JSON.parse(r.data) as Record<string, unknown>) : undefined,
    occurredAt: r.occurred_at,
  }
}
