import { sql, type Kysely, type Migration } from 'kysely'

// Migrations run against an untyped Kysely: the schema they build is what later code types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

/**
 * The inbound intake (decision 0009):
 * - `inbound_texts` holds each carrier's text from the moment it is stored (before the carrier
 *   is answered) until it has been processed, then the row is deleted. It is the only place a
 *   text's unmasked body is ever written, and only for that short while. Rows are claimed oldest
 *   first (ids sort by arrival) with a lease, like the outbox.
 * - At most one conversation per thread (customer number + our number) that is open and not yet
 *   accepted: two texts opening a conversation at once, in one process or on two servers, cannot
 *   both succeed. An accepted conversation past the threading window may stay open beside a new
 *   one (the agent still holds it), so accepted ones are outside the index; accepted_at is never
 *   cleared, so a conversation never re-enters it. Duplicates from before this migration (two
 *   servers' race) are closed first, keeping the oldest, with close_reason 'duplicate_thread'.
 */
export function inboundIntake(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('inbound_texts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('trunk', 'text', (c) => c.notNull())
        .addColumn('carrier_id', 'text', (c) => c.notNull())
        .addColumn('from_number', 'text', (c) => c.notNull())
        .addColumn('to_number', 'text', (c) => c.notNull())
        // unmasked until processed; the row is deleted in the transaction that stores it masked
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('received_at', 'bigint', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('lease_until', 'bigint')
        .addColumn('lease_token', 'text')
        .execute()
      // a carrier's repeat of a text not yet processed is recognised at once
      await db.schema
        .createIndex('inbound_texts_by_carrier_id')
        .on('inbound_texts')
        .columns(['trunk', 'carrier_id'])
        .unique()
        .execute()
      // a thread's texts in arrival order: a claim skips a text while an earlier one is leased
      await db.schema
        .createIndex('inbound_texts_by_thread')
        .on('inbound_texts')
        .columns(['from_number', 'to_number', 'id'])
        .execute()

      await sql`
        update conversations set status = 'closed', closed_at = opened_at,
          close_reason = 'duplicate_thread'
        where closed_at is null and ended_at is null and accepted_at is null
          and exists (
            select 1 from conversations older
            where older.customer_number = conversations.customer_number
              and older.our_number = conversations.our_number
              and older.closed_at is null and older.ended_at is null and older.accepted_at is null
              and (older.opened_at < conversations.opened_at
                or (older.opened_at = conversations.opened_at and older.id < conversations.id)))
      `.execute(db)
      await db.schema
        .createIndex('conversations_one_waiting_per_thread')
        .on('conversations')
        .columns(['customer_number', 'our_number'])
        .unique()
        .where(sql.ref('closed_at'), 'is', null)
        .where(sql.ref('ended_at'), 'is', null)
        .where(sql.ref('accepted_at'), 'is', null)
        .execute()
    },
  }
}
