import type { Kysely } from 'kysely'
import type { QueueEvent } from '../domain/reporting/service-level.ts'
import type { Database } from './database.ts'

/**
 * The events service levels are computed from (queued, accepted, abandoned) since a time,
 * in the order they occurred, with the `enqueuedAt` a `queued` event carries.
 * @example await listQueueEventsSince(db, midnight) // [{ conversationId, type: 'queued', queueId, occurredAt, enqueuedAt }]
 */
export async function listQueueEventsSince(
  db: Kysely<Database>,
  since: number,
): Promise<QueueEvent[]> {
  const rows = await db
    .selectFrom('conversation_events')
    .select(['conversation_id', 'type', 'queue_id', 'data', 'occurred_at'])
    .where('occurred_at', '>=', since)
    .where('type', 'in', ['queued', 'accepted', 'abandoned'])
    .orderBy('occurred_at')
    .orderBy('id')
    .execute()
  return rows.map((r) => ({
    conversationId: r.conversation_id,
    type: r.type as QueueEvent['type'],
    queueId: r.queue_id ?? undefined,
    occurredAt: r.occurred_at,
    enqueuedAt: r.type === 'queued' ? enqueuedAtOf(r.data) : undefined,
  }))
}

function enqueuedAtOf(data: string | null): number | undefined {
  if (data === null) return undefined
  const parsed = JSON.parse(data) as { enqueuedAt?: unknown }
  return typeof parsed.enqueuedAt === 'number' ? parsed.enqueuedAt : undefined
}

/** Enabled agents who are not ready, by queue served and reason code. */
export async function countNotReadyByQueue(
  db: Kysely<Database>,
): Promise<{ queueId: string; reason: string; count: number }[]> {
  const rows = await db
    .selectFrom('agent_queues as q')
    .innerJoin('users as u', 'u.id', 'q.user_id')
    .select(['q.queue_id', 'u.not_ready_reason'])
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('u.disabled_at', 'is', null)
    .where('u.status', '=', 'not_ready')
    .groupBy(['q.queue_id', 'u.not_ready_reason'])
    .execute()
  return rows.map((r) => ({
    queueId: r.queue_id,
    // a not-ready agent always has a reason; an old row without one still shows up
    reason: r.not_ready_reason ?? 'UNKNOWN',
    count: Number(r.count),
  }))
}

/** The conversations people hold: offered to them, active, or ended awaiting their wrap-up. */
export async function listHeldConversations(
  db: Kysely<Database>,
): Promise<{ id: string; agentId: string; status: string; queueId: string | undefined }[]> {
  const rows = await db
    .selectFrom('conversations')
    .select(['id', 'agent_id', 'status', 'queue_id'])
    .where('agent_id', 'is not', null)
    .where('status', 'in', ['offered', 'active', 'ended'])
    .orderBy('opened_at')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    agentId: r.agent_id ?? '',
    status: r.status,
    queueId: r.queue_id ?? undefined,
  }))
}
