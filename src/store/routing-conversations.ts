import { sql, type Kysely } from 'kysely'
import type { ConversationEvent, ConversationEventType } from './conversations.ts'
import type { ConversationEventRow, ConversationRow, Database } from './database.ts'
import { runCompiled } from './run-compiled.ts'

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

/** Ids per `in (…)` list: well under both databases' parameter limits. */
const CHUNK = 500

/**
 * Conversations with their latest `queued` and `offered` events.
 * @example await loadRoutingConversations(db, ['019…']) // [{ id, status: 'waiting', queued: { skills: ['bceid'], at }, … }]
 */
export async function loadRoutingConversations(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<RoutingConversationRow[]> {
  const out: RoutingConversationRow[] = []
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK)
    const [{ rows: conversations }, { rows: events }] = await Promise.all([
      runCompiled(db, 'routing-conversations', { chunk }, (v) =>
        selectConversations(db).where('id', 'in', v.chunk),
      ),
      runCompiled(db, 'routing-events', { chunk }, (v) => routingEvents(db, v.chunk)),
    ])
    out.push(...toRoutingRows(conversations, events))
  }
  return out
}

/**
 * Every conversation waiting or offered (the ACD's start-up rebuild), a page at a time in id
 * order. Read in one go, 100,000 waiting conversations' rows, events and parsed JSON were a
 * peak that the process kept as resident memory (about 90 MB in the inbound benchmark); a page
 * of 500 dies young. Whatever changes between pages is in the event tables, which the ACD
 * reads from a cursor taken before the rebuild.
 * @example for await (const page of routingConversationPages(db)) apply(page)
 */
export async function* routingConversationPages(
  db: Kysely<Database>,
): AsyncGenerator<RoutingConversationRow[]> {
  let after: string | undefined
  for (;;) {
    let query = selectConversations(db)
      .where('status', 'in', ['waiting', 'offered'])
      .orderBy('id')
      .limit(CHUNK)
    if (after !== undefined) query = query.where('id', '>', after)
    const conversations = await query.execute()
    const last = conversations[conversations.length - 1]
    if (last === undefined) return
    const events = await routingEvents(
      db,
      conversations.map((c) => c.id),
    ).execute()
    yield toRoutingRows(conversations, events)
    if (conversations.length < CHUNK) return
    after = last.id
  }
}

const CONVERSATION_COLUMNS = [
  'id',
  'status',
  'queue_id',
  'agent_id',
  'priority',
  'customer_number',
  'our_number',
  'opened_at',
] as const
type ConversationColumns = Pick<ConversationRow, (typeof CONVERSATION_COLUMNS)[number]>
type EventColumns = Pick<ConversationEventRow, 'conversation_id' | 'type' | 'data' | 'occurred_at'>

function selectConversations(db: Kysely<Database>) {
  return db.selectFrom('conversations').select(CONVERSATION_COLUMNS)
}

function routingEvents(db: Kysely<Database>, ids: readonly string[]) {
  return db
    .selectFrom('conversation_events')
    .select(['conversation_id', 'type', 'data', 'occurred_at'])
    .where('type', 'in', ['queued', 'offered'])
    .where('conversation_id', 'in', ids)
    .orderBy('occurred_at')
    .orderBy('id')
}

function toRoutingRows(
  conversations: readonly ConversationColumns[],
  history: readonly EventColumns[],
): RoutingConversationRow[] {
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
    const values = { numbers: numbers.slice(i, i + CHUNK), since }
    const { rows } = await runCompiled(db, 'recent-agents', values, (v) =>
      db
        .selectFrom('conversations')
        .select(['customer_number', 'our_number', 'agent_id', 'ended_at'])
        .where('customer_number', 'in', v.numbers)
        .where('agent_id', 'is not', null)
        .where('accepted_at', 'is not', null)
        .where('ended_at', '>=', v.since)
        .orderBy('ended_at'),
    )
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

/**
 * Offers waiting conversations to agents in one statement (the routing runtime offers many per
 * cycle, and on PostgreSQL a statement each was a round trip each): each conversation becomes
 * `offered` to its agent only if it is still waiting. Returns the ids that were.
 * @example await offerConversations(trx, [{ conversationId: 'c1', agentId: 'a1' }]) // Set { 'c1' }
 */
export async function offerConversations(
  db: Kysely<Database>,
  offers: readonly { conversationId: string; agentId: string }[],
): Promise<Set<string>> {
  if (offers.length === 0) return new Set()
  const values = {
    ids: offers.map((o) => o.conversationId),
    agents: offers.map((o) => o.agentId),
  }
  const { rows } = await runCompiled(db, 'offer-conversations', values, ({ ids, agents }) => {
    const agentOf = sql.join(
      ids.map((id, i) => sql`when ${id} then ${agents[i]}`),
      sql` `,
    )
    return db
      .updateTable('conversations')
      .set({ status: 'offered', agent_id: sql<string>`case "id" ${agentOf} end` })
      .where('id', 'in', ids)
      .where('status', '=', 'waiting')
      .returning('id')
  })
  return new Set(rows.map((r) => r.id))
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
