import { sql, type Kysely } from 'kysely'
import type { BroadcastRow, Database } from './database.ts'

export interface BroadcastRecord {
  id: string
  program: string
  templateKey: string
  priority: string
  total: number
  accepted: number
  skipped: Record<string, number>
  apiKeyId: string | undefined
  reference: string | undefined
  createdAt: number
  cancelledAt: number | undefined
}

function fromRow(row: BroadcastRow): BroadcastRecord {
  return {
    id: row.id,
    program: row.program,
    templateKey: row.template_key,
    priority: row.priority,
    total: row.total,
    accepted: row.accepted,
    skipped: JSON.parse(row.skipped) as Record<string, number>,
    apiKeyId: row.api_key_id ?? undefined,
    reference: row.reference ?? undefined,
    createdAt: row.created_at,
    cancelledAt: row.cancelled_at ?? undefined,
  }
}

/** Records a broadcast; call in the transaction that queues its messages. */
export async function insertBroadcast(
  db: Kysely<Database>,
  b: Omit<BroadcastRecord, 'cancelledAt'>,
): Promise<void> {
  await db
    .insertInto('broadcasts')
    .values({
      id: b.id,
      program: b.program,
      template_key: b.templateKey,
      priority: b.priority,
      status: 'accepted',
      total: b.total,
      accepted: b.accepted,
      skipped: JSON.stringify(b.skipped),
      api_key_id: b.apiKeyId ?? null,
      reference: b.reference ?? null,
      created_at: b.createdAt,
      cancelled_at: null,
    })
    .execute()
}

export async function getBroadcast(
  db: Kysely<Database>,
  id: string,
): Promise<BroadcastRecord | undefined> {
  const row = await db.selectFrom('broadcasts').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? fromRow(row) : undefined
}

/**
 * Cancels a broadcast: its texts still waiting in the outbox become expired
 * (error code `cancelled`); those already with a carrier go on. Returns how
 * many were stopped, or undefined when it was already cancelled.
 */
export async function cancelBroadcast(
  db: Kysely<Database>,
  id: string,
  now: number,
): Promise<number | undefined> {
  return db.transaction().execute(async (trx) => {
    const marked = await trx
      .updateTable('broadcasts')
      .set({ status: 'cancelled', cancelled_at: now })
      .where('id', '=', id)
      .where('cancelled_at', 'is', null)
      .executeTakeFirst()
    if (marked.numUpdatedRows === 0n) return undefined
    await trx
      .insertInto('message_status_events')
      .columns(['id', 'message_id', 'status', 'detail', 'occurred_at'])
      .expression((eb) =>
        eb
          .selectFrom('messages')
          .select([
            sql<string>`id || ':cancelled'`.as('id'),
            'id as message_id',
            sql<string>`'expired'`.as('status'),
            sql<string>`'{"reason":"cancelled"}'`.as('detail'),
            sql<number>`cast(${now} as bigint)`.as('occurred_at'),
          ])
          .where('broadcast_id', '=', id)
          .where('status', '=', 'queued'),
      )
      .execute()
    const stopped = await trx
      .updateTable('messages')
      .set({ status: 'expired', error_code: 'cancelled', updated_at: now, next_attempt_at: null })
      .where('broadcast_id', '=', id)
      .where('status', '=', 'queued')
      .executeTakeFirst()
    return Number(stopped.numUpdatedRows)
  })
}
