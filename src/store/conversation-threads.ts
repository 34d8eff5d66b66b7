import type { Kysely } from 'kysely'
import type { Database } from './database.ts'
import { runCompiled } from './run-compiled.ts'

/** A conversation that is neither ended by an agent nor closed, as threading needs it. */
export interface OpenConversation {
  id: string
  queueId: string | undefined
  status: string
  agentId: string | undefined
  acceptedAt: number | undefined
  flagged: boolean
  attributes: Record<string, unknown>
  openedAt: number
  /** The last text either way (`message_in`/`message_out` event), else when it opened. */
  lastActivityAt: number
}

/**
 * The open conversations of one thread (customer number + our number), latest activity first.
 * Open = not ended by an agent and not closed: an ended conversation waits only for its
 * wrap-up, so the customer's next text starts a new one.
 * @example await findOpenConversations(db, '+12505550123', '+12505550101') // [{ id, lastActivityAt, … }]
 */
export async function findOpenConversations(
  db: Kysely<Database>,
  customerNumber: string,
  ourNumber: string,
): Promise<OpenConversation[]> {
  const rows = await openConversationsQuery(db)
    .where('c.customer_number', '=', customerNumber)
    .where('c.our_number', '=', ourNumber)
    .execute()
  return rows.map(toOpenConversation).sort(latestFirst)
}

/** An open conversation with its thread's numbers. */
export type OpenThreadConversation = OpenConversation & {
  customerNumber: string
  ourNumber: string
}

/**
 * The open conversations of many threads in one query per 500 customer numbers (the inbound
 * intake threads a batch of texts at once), each thread's latest activity first.
 * @example await findOpenConversationsOfThreads(db, [{ customerNumber: '+1250…', ourNumber: '+1250…' }])
 */
export async function findOpenConversationsOfThreads(
  db: Kysely<Database>,
  threads: readonly { customerNumber: string; ourNumber: string }[],
): Promise<OpenThreadConversation[]> {
  const wanted = new Set(threads.map((t) => `${t.customerNumber}\u0000${t.ourNumber}`))
  const customers = [...new Set(threads.map((t) => t.customerNumber))]
  const found: OpenThreadConversation[] = []
  for (let i = 0; i < customers.length; i += 500) {
    const values = { customers: customers.slice(i, i + 500) }
    const { rows } = await runCompiled(db, 'open-conversations-of-threads', values, (v) =>
      openConversationsQuery(db)
        .select(['c.customer_number', 'c.our_number'])
        .where('c.customer_number', 'in', v.customers),
    )
    for (const row of rows) {
      if (!wanted.has(`${row.customer_number}\u0000${row.our_number}`)) continue
      found.push({
        ...toOpenConversation(row),
        customerNumber: row.customer_number,
        ourNumber: row.our_number,
      })
    }
  }
  return found.sort(latestFirst)
}

function openConversationsQuery(db: Kysely<Database>) {
  return db
    .selectFrom('conversations as c')
    .select([
      'c.id',
      'c.queue_id',
      'c.status',
      'c.agent_id',
      'c.accepted_at',
      'c.flagged',
      'c.attributes',
      'c.opened_at',
    ])
    .select((eb) =>
      eb
        .selectFrom('conversation_events as e')
        .select((e) => e.fn.max('e.occurred_at').as('at'))
        .whereRef('e.conversation_id', '=', 'c.id')
        .where('e.type', 'in', ['message_in', 'message_out'])
        .as('last_message_at'),
    )
    .where('c.closed_at', 'is', null)
    .where('c.ended_at', 'is', null)
}

function toOpenConversation(r: {
  id: string
  queue_id: string | null
  status: string
  agent_id: string | null
  accepted_at: number | null
  flagged: number
  attributes: string
  opened_at: number
  last_message_at: number | null
}): OpenConversation {
  return {
    id: r.id,
    queueId: r.queue_id ?? undefined,
    status: r.status,
    agentId: r.agent_id ?? undefined,
    acceptedAt: r.accepted_at ?? undefined,
    flagged: r.flagged === 1,
    attributes: JSON.parse(r.attributes) as Record<string, unknown>,
    openedAt: r.opened_at,
    lastActivityAt: Math.max(r.opened_at, r.last_message_at ?? r.opened_at),
  }
}

const latestFirst = (a: OpenConversation, b: OpenConversation) =>
  b.lastActivityAt - a.lastActivityAt || (a.id < b.id ? 1 : -1)

/**
 * Closes an open conversation for a reason (opted_out, timeout). Before an agent accepted it,
 * the conversation is closed and abandoned (REFERENCE.md: abandoned = closed before an agent
 * accepted it); after, it is ended and still waits for the agent's wrap-up. Returns the event
 * type recorded, or undefined when the conversation was no longer open.
 */
export async function closeOpenConversation(
  db: Kysely<Database>,
  close: {
    conversation: Pick<OpenConversation, 'id' | 'queueId' | 'agentId' | 'acceptedAt'>
    reason: string
    number: string
    at: number
    eventId: string
  },
): Promise<'abandoned' | 'ended' | undefined> {
  const { conversation, at, reason } = close
  const accepted = conversation.acceptedAt !== undefined
  const result = await db
    .updateTable('conversations')
    .set(
      accepted
        ? { status: 'ended', ended_at: at, close_reason: reason }
        : { status: 'closed', closed_at: at, close_reason: reason },
    )
    .where('id', '=', conversation.id)
    .where('closed_at', 'is', null)
    .where('ended_at', 'is', null)
    .executeTakeFirst()
  if (result.numUpdatedRows === 0n) return undefined
  const type = accepted ? 'ended' : 'abandoned'
  await db
    .insertInto('conversation_events')
    .values({
      id: close.eventId,
      conversation_id: conversation.id,
      type,
      queue_id: conversation.queueId ?? null,
      agent_id: conversation.agentId ?? null,
      skill: null,
      number: close.number,
      data: JSON.stringify({ reason }),
      occurred_at: at,
    })
    .execute()
  return type
}

/** Replaces a conversation's attributes (the caller merges; one writer per thread at a time). */
export async function setConversationAttributes(
  db: Kysely<Database>,
  id: string,
  attributes: Record<string, unknown>,
): Promise<void> {
  await db
    .updateTable('conversations')
    .set({ attributes: JSON.stringify(attributes) })
    .where('id', '=', id)
    .execute()
}

/** The stored attributes of a conversation, or undefined when there is no such conversation. */
export async function getConversationAttributes(
  db: Kysely<Database>,
  id: string,
): Promise<Record<string, unknown> | undefined> {
  const row = await db
    .selectFrom('conversations')
    .select('attributes')
    .where('id', '=', id)
    .executeTakeFirst()
  return row ? (JSON.parse(row.attributes) as Record<string, unknown>) : undefined
}

/** Marks a conversation for a supervisor's attention (a possible opt-out inside a longer text). */
export async function flagConversation(db: Kysely<Database>, id: string): Promise<void> {
  await flagConversations(db, [id])
}

/** flagConversation for many conversations in one statement. */
export async function flagConversations(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<void> {
  if (ids.length === 0) return
  await db.updateTable('conversations').set({ flagged: 1 }).where('id', 'in', ids).execute()
}

/** Files a stored text (inbound or outbound) under its conversation. */
export async function linkMessageToConversation(
  db: Kysely<Database>,
  messageId: string,
  conversationId: string,
): Promise<void> {
  await db
    .updateTable('messages')
    .set({ conversation_id: conversationId })
    .where('id', '=', messageId)
    .execute()
}

/**
 * Blocks the texts of these conversations still waiting in the outbox (not yet claimed by a
 * dispatcher), with a status event each; used when the customer opts out. Returns their ids.
 */
export async function blockQueuedConversationTexts(
  db: Kysely<Database>,
  conversationIds: readonly string[],
  change: { at: number; reason: string; eventId: () => string },
): Promise<string[]> {
  if (conversationIds.length === 0) return []
  const blocked = await db
    .updateTable('messages')
    .set({ status: 'blocked', error_code: change.reason, updated_at: change.at })
    .where('conversation_id', 'in', conversationIds)
    .where('direction', '=', 'outbound')
    .where('status', '=', 'queued')
    .returning('id')
    .execute()
  if (blocked.length === 0) return []
  await db
    .insertInto('message_status_events')
    .values(
      blocked.map((m) => ({
        id: change.eventId(),
        message_id: m.id,
        status: 'blocked',
        detail: JSON.stringify({ reason: change.reason }),
        occurred_at: change.at,
      })),
    )
    .execute()
  return blocked.map((m) => m.id)
}
