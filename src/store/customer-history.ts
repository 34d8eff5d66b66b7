import type { Kysely } from 'kysely'
import type { Database } from './database.ts'

/** One of a customer's other conversations, as the agent's customer panel lists it. */
export interface PastConversation {
  id: string
  status: string
  ourNumber: string
  queueId: string | undefined
  agentId: string | undefined
  openedAt: number
  /** When it ended (an agent or the customer's opt-out) or was closed unanswered. */
  endedAt: number | undefined
  /** The wrap-up code, once wrapped up. */
  disposition: string | undefined
  /** The last text either way (stored masked), if any. */
  lastText: { direction: 'inbound' | 'outbound'; body: string; at: number } | undefined
}

/**
 * A customer's conversations opened before the given one (any of our numbers), newest first,
 * with their disposition and last text, in three queries whatever `limit` is.
 * @example await listEarlierConversations(db, { customerNumber: '+12505550123', before: { id, openedAt }, limit: 10 })
 */
export async function listEarlierConversations(
  db: Kysely<Database>,
  query: { customerNumber: string; before: { id: string; openedAt: number }; limit: number },
): Promise<PastConversation[]> {
  const rows = await db
    .selectFrom('conversations')
    .select([
      'id',
      'status',
      'our_number',
      'queue_id',
      'agent_id',
      'opened_at',
      'ended_at',
      'closed_at',
    ])
    .where('customer_number', '=', query.customerNumber)
    .where('id', '!=', query.before.id)
    .where('opened_at', '<=', query.before.openedAt)
    .orderBy('opened_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit)
    .execute()
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const [wrapUps, texts] = await Promise.all([
    db
      .selectFrom('conversation_events')
      .select(['conversation_id', 'data'])
      .where('conversation_id', 'in', ids)
      .where('type', '=', 'wrapped_up')
      .orderBy('occurred_at')
      .execute(),
    db
      .selectFrom('messages')
      .select(['conversation_id', 'direction', 'body', 'created_at'])
      .where('conversation_id', 'in', ids)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
  ])
  const disposition = new Map<string, string>()
  for (const w of wrapUps) {
    const data = w.data === null ? {} : (JSON.parse(w.data) as { disposition?: unknown })
    if (typeof data.disposition === 'string') disposition.set(w.conversation_id, data.disposition)
  }
  const lastText = new Map<string, PastConversation['lastText']>()
  for (const t of texts) {
    if (t.conversation_id === null) continue
    lastText.set(t.conversation_id, {
      direction: t.direction as 'inbound' | 'outbound', // the column's check constraint
      body: t.body,
      at: t.created_at,
    })
  }
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    ourNumber: r.our_number,
    queueId: r.queue_id ?? undefined,
    agentId: r.agent_id ?? undefined,
    openedAt: r.opened_at,
    endedAt: r.ended_at ?? r.closed_at ?? undefined,
    disposition: disposition.get(r.id),
    lastText: lastText.get(r.id),
  }))
}
