import { sql, type Kysely } from 'kysely'
import type { MessageStatus } from '../domain/outbox/message-status.ts'
import type { Database } from './database.ts'
import { messageFromRow, type MessageRecord, type StatusEvent } from './messages.ts'

export interface ThreadMessage {
  message: MessageRecord
  /** Oldest first: queued, sent, delivered… with the receipts' times. */
  history: StatusEvent[]
}

/**
 * What one phone exchanged with us through one trunk, oldest first: the texts it sent (inbound
 * on `trunk`) and the texts sent to it through `trunk`, or still waiting to leave from one of
 * `ourNumbers` (the senders that trunk carries). At most `limit` of each direction, the newest.
 * @example await listPhoneThread(db, { phone: '+12505550123', trunk: 'sandbox', ourNumbers: ['+12505550199'], limit: 100 })
 */
export async function listPhoneThread(
  db: Kysely<Database>,
  query: { phone: string; trunk: string; ourNumbers: readonly string[]; limit: number },
): Promise<ThreadMessage[]> {
  const sent = db
    .selectFrom('messages')
    .selectAll()
    .where('from_number', '=', query.phone)
    // a literal, so the partial index messages_inbound_by_sender applies
    .where('direction', '=', sql.lit('inbound'))
    .where('trunk', '=', query.trunk)
    .orderBy('created_at', 'desc')
    .limit(query.limit)
    .execute()
  const received = db
    .selectFrom('messages')
    .selectAll()
    .where('to_number', '=', query.phone)
    .where('direction', '=', 'outbound')
    .where((eb) =>
      eb.or([
        eb('trunk', '=', query.trunk),
        ...(query.ourNumbers.length > 0
          ? [eb.and([eb('trunk', 'is', null), eb('from_number', 'in', query.ourNumbers)])]
          : []),
      ]),
    )
    .orderBy('created_at', 'desc')
    .limit(query.limit)
    .execute()
  const rows = (await Promise.all([sent, received])).flat().map(messageFromRow)
  rows.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const histories = new Map<string, StatusEvent[]>()
  if (rows.length > 0) {
    const events = await db
      .selectFrom('message_status_events')
      .select(['message_id', 'status', 'detail', 'occurred_at'])
      .where(
        'message_id',
        'in',
        rows.map((m) => m.id),
      )
      .orderBy('occurred_at')
      .orderBy('id')
      .execute()
    for (const e of events) {
      const history = histories.get(e.message_id) ?? []
      history.push({
        status: e.status as MessageStatus,
        detail: e.detail ? (JSON.parse(e.detail) as Record<string, unknown>) : undefined,
        occurredAt: e.occurred_at,
      })
      histories.set(e.message_id, history)
    }
  }
  return rows.map((message) => ({ message, history: histories.get(message.id) ?? [] }))
}
