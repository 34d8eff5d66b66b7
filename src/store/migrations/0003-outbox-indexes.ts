import type { Kysely, Migration } from 'kysely'

// Migrations run against an untyped Kysely: the schema they build is what later code types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

/**
 * Indexes for the outbox's hot queries, found by the benchmarks (`npm run bench`):
 * - the dispatcher's claim orders due rows by lane, then time; without `lane` in the index every
 *   claim sorted the whole queue, so emptying a 20,000-text queue cost O(n²);
 * - the per-recipient caps count a number's texts of the last hour on every accepted text;
 * - a broadcast's progress counts its texts by status (covering, so no table reads).
 */
export function outboxIndexes(): Migration {
  return {
    async up(db: AnyDb) {
      // replaces messages_due (status, next_attempt_at): one index fewer to update per status change
      await db.schema.dropIndex('messages_due').execute()
      await db.schema
        .createIndex('messages_claim')
        .on('messages')
        .columns(['status', 'lane', 'next_attempt_at'])
        .execute()
      await db.schema
        .createIndex('messages_by_recipient')
        .on('messages')
        .columns(['to_number', 'created_at'])
        .execute()
      await db.schema
        .createIndex('messages_by_broadcast')
        .on('messages')
        .columns(['broadcast_id', 'status'])
        .execute()
    },
  }
}
