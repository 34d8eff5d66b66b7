import type { Kysely } from 'kysely'
import type { ConversationRow, Database } from './database.ts'

/**
 * An agent's desk: the conversations they hold (offered, active, or ended and awaiting wrap-up),
 * and those waiting in the queues they serve, longest waiting first.
 * @example await listDesk(db, { agentId: '019…', queues: ['SBC_HD_SMS_BCEID'] })
 */
export async function listDesk(
  db: Kysely<Database>,
  desk: { agentId: string; queues: readonly string[] },
): Promise<{ mine: ConversationRow[]; waiting: ConversationRow[] }> {
  const mine = await db
    .selectFrom('conversations')
    .selectAll()
    .where('agent_id', '=', desk.agentId)
    .where('status', 'in', ['offered', 'active', 'ended'])
    .orderBy('opened_at')
    .execute()
  const waiting =
    desk.queues.length === 0
      ? []
      : await db
          .selectFrom('conversations')
          .selectAll()
          .where('status', '=', 'waiting')
          .where('queue_id', 'in', desk.queues)
          .orderBy('opened_at')
          .limit(500)
          .execute()
  return { mine, waiting }
}

/** Conversations not yet finished, by queue and status, for the supervisors' board. */
export async function countByQueue(
  db: Kysely<Database>,
): Promise<{ queueId: string | null; status: string; count: number }[]> {
  const rows = await db
    .selectFrom('conversations')
    .select(['queue_id', 'status'])
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('status', 'in', ['waiting', 'offered', 'active', 'ended'])
    .groupBy(['queue_id', 'status'])
    .execute()
  return rows.map((r) => ({ queueId: r.queue_id, status: r.status, count: Number(r.count) }))
}

/** Waiting conversations of one queue, longest waiting first (at most `limit`). */
export async function listWaiting(
  db: Kysely<Database>,
  queueId: string,
  limit: number,
): Promise<ConversationRow[]> {
  return db
    .selectFrom('conversations')
    .selectAll()
    .where('status', '=', 'waiting')
    .where('queue_id', '=', queueId)
    .orderBy('opened_at')
    .limit(limit)
    .execute()
}

/** Agents serving each queue, by status. */
export async function countAgentsByQueue(
  db: Kysely<Database>,
): Promise<{ queueId: string; status: string; count: number }[]> {
  const rows = await db
    .selectFrom('agent_queues as q')
    .innerJoin('users as u', 'u.id', 'q.user_id')
    .select(['q.queue_id', 'u.status'])
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('u.disabled_at', 'is', null)
    .groupBy(['q.queue_id', 'u.status'])
    .execute()
  return rows.map((r) => ({ queueId: r.queue_id, status: r.status, count: Number(r.count) }))
}

/** The texts of a conversation either way, oldest first: its transcript. */
export async function listConversationMessages(
  db: Kysely<Database>,
  conversationId: string,
): Promise<
  {
    id: string
    direction: string
    from: string
    to: string
    body: string
    status: string
    segments: number
    createdAt: number
  }[]
> {
  const rows = await db
    .selectFrom('messages')
    .select([
      'id',
      'direction',
      'from_number',
      'to_number',
      'body',
      'status',
      'segments',
      'created_at',
    ])
    .where('conversation_id', '=', conversationId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    direction: r.direction,
    from: r.from_number,
    to: r.to_number,
    body: r.body,
    status: r.status,
    segments: r.segments,
    createdAt: r.created_at,
  }))
}
