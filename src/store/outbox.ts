import { sql, type Kysely } from 'kysely'
import type { Dialect } from './connect.ts'
import type { Database } from './database.ts'
import type { MessageStatus } from '../domain/outbox/message-status.ts'
import { messageFromRow, predecessorsOf, type MessageRecord } from './messages.ts'

/**
 * Claims up to `limit` due messages for sending: high lane first, then oldest
 * due. Each claimed row becomes `sending` with a lease; a process that dies
 * mid-send leaves the lease to expire and `recoverExpiredLeases` requeues it.
 * PostgreSQL claims with FOR UPDATE SKIP LOCKED so several dispatchers never
 * take the same row; SQLite has one writer, and the process holds the file.
 * @example const batch = await claimDueMessages(db, 'sqlite', { now, limit: 100, leaseMs: 60000 })
 */
export async function claimDueMessages(
  db: Kysely<Database>,
  dialect: Dialect,
  options: { now: number; limit: number; leaseMs: number; holder?: string },
): Promise<MessageRecord[]> {
  const { now, limit, leaseMs } = options
  let due = db
    .selectFrom('messages')
    .select('id')
    .where('status', '=', 'queued')
    .where('next_attempt_at', '<=', now)
    // a text whose secret another process holds is that process's to send
    .where((eb) => eb.or([eb('held_by', 'is', null), eb('held_by', '=', options.holder ?? '')]))
    // SQLite, without statistics, otherwise walks every queued row, due or not (a backlog
    // behind a slow sender is handed back to future slots: thousands of rows per claim)
    .$if(dialect === 'sqlite', (qb) => qb.where('lane', 'in', [0, 1]))
    .orderBy('lane')
    .orderBy('next_attempt_at')
    .limit(limit)
  if (dialect === 'postgres') due = due.forUpdate().skipLocked()
  const rows = await db
    .updateTable('messages')
    .set((eb) => ({
      status: 'sending',
      lease_until: now + leaseMs,
      attempts: eb('attempts', '+', 1),
      updated_at: now,
    }))
    .where('id', 'in', due)
    .returningAll()
    .execute()
  // RETURNING order is unspecified: restore lane-then-due order for the dispatcher
  return rows
    .map(messageFromRow)
    .sort((a, b) => laneOf(a) - laneOf(b) || (a.nextAttemptAt ?? 0) - (b.nextAttemptAt ?? 0))
}

const laneOf = (m: MessageRecord) => (m.priority === 'high' ? 0 : 1)

/**
 * Puts messages whose lease ran out back in the queue (their sender died or
 * hung). They may have reached the carrier already: that is the bounded
 * duplicate window of an at-least-once outbox. Returns how many.
 */
export async function recoverExpiredLeases(db: Kysely<Database>, now: number): Promise<number> {
  const result = await db
    .updateTable('messages')
    .set({ status: 'queued', lease_until: null, next_attempt_at: now, updated_at: now })
    .where('status', '=', 'sending')
    .where('lease_until', '<', now)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/**
 * Puts every message being sent back in the queue, whatever its lease. Only
 * for a store no other dispatcher can be using (SQLite under the instance
 * lock): there, a `sending` row at start was left by a process that died
 * mid-send, and waiting for its lease would only delay the texts. Returns how many.
 */
export async function requeueAllSending(db: Kysely<Database>, now: number): Promise<number> {
  const result = await db
    .updateTable('messages')
    .set({ status: 'queued', lease_until: null, next_attempt_at: now, updated_at: now })
    .where('status', '=', 'sending')
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** Returns a message being sent to the queue for a later attempt. */
export async function scheduleRetry(
  db: Kysely<Database>,
  retry: {
    id: string
    at: number
    nextAttemptAt: number
    errorCode: string
    errorDetail: string
    eventId: string
  },
): Promise<boolean> {
  const result = await db
    .updateTable('messages')
    .set({
      status: 'queued',
      lease_until: null,
      next_attempt_at: retry.nextAttemptAt,
      error_code: retry.errorCode,
      error_detail: retry.errorDetail,
      updated_at: retry.at,
    })
    .where('id', '=', retry.id)
    .where('status', '=', 'sending')
    .executeTakeFirst()
  if (result.numUpdatedRows === 0n) return false
  await db
    .insertInto('message_status_events')
    .values({
      id: retry.eventId,
      message_id: retry.id,
      status: 'queued',
      detail: JSON.stringify({
        retry: true,
        code: retry.errorCode,
        nextAttemptAt: retry.nextAttemptAt,
      }),
      occurred_at: retry.at,
    })
    .execute()
  return true
}

/** Remembers the carrier's id for each submitted part, for receipts. */
export async function recordCarrierRefs(
  db: Kysely<Database>,
  refs: { trunk: string; messageId: string; carrierIds: readonly string[] },
): Promise<void> {
  if (refs.carrierIds.length === 0) return
  await db
    .insertInto('carrier_refs')
    .values(
      refs.carrierIds.map((carrierId, part) => ({
        trunk: refs.trunk,
        carrier_id: carrierId,
        message_id: refs.messageId,
        part,
        status: 'sent',
      })),
    )
    .onConflict((oc) => oc.columns(['trunk', 'carrier_id']).doNothing())
    .execute()
}

/**
 * Records one part's receipt and returns the message with every part's
 * status, so the caller can decide the message's status.
 */
export async function recordPartReceipt(
  db: Kysely<Database>,
  receipt: { trunk: string; carrierId: string; status: MessageStatus },
): Promise<{ messageId: string; partStatuses: string[] } | undefined> {
  const ref = await db
    .selectFrom('carrier_refs')
    .select('message_id')
    .where('trunk', '=', receipt.trunk)
    .where('carrier_id', '=', receipt.carrierId)
    .executeTakeFirst()
  if (!ref) return undefined
  // a part's status only moves forward too: receipts race and repeat
  await db
    .updateTable('carrier_refs')
    .set({ status: receipt.status })
    .where('trunk', '=', receipt.trunk)
    .where('carrier_id', '=', receipt.carrierId)
    .where('status', 'in', predecessorsOf(receipt.status))
    .execute()
  const parts = await db
    .selectFrom('carrier_refs')
    .select('status')
    .where('message_id', '=', ref.message_id)
    .orderBy('part')
    .execute()
  return { messageId: ref.message_id, partStatuses: parts.map((p) => p.status) }
}

/** Counts by status, e.g. for a broadcast's progress. */
export async function countByStatus(
  db: Kysely<Database>,
  where: { broadcastId: string },
): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('messages')
    .select(['status', sql<number>`count(*)`.as('n')])
    .where('broadcast_id', '=', where.broadcastId)
    .groupBy('status')
    .execute()
  return Object.fromEntries(rows.map((r) => [r.status, r.n]))
}

/**
 * Hands a claimed message back to the queue, due at `nextAttemptAt` (its sender's throughput
 * is spent for now): not a failed attempt.
 */
export async function deferMessage(
  db: Kysely<Database>,
  id: string,
  nextAttemptAt: number,
): Promise<void> {
  await db
    .updateTable('messages')
    .set((eb) => ({
      status: 'queued',
      lease_until: null,
      next_attempt_at: nextAttemptAt,
      attempts: eb('attempts', '-', 1),
    }))
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute()
}
