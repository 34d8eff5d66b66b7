import { sql, type Kysely, type Migration } from 'kysely'

// Migrations run against an untyped Kysely: the schema they build is what later code types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

/**
 * The texts a number sent us, newest first (the sandbox phone's thread, a citizen's history):
 * inbound rows only, so outbound writes, whose from_number is one of a few senders of ours,
 * never pay for it. Queries must say `direction = 'inbound'` as a literal to use it.
 */
export function inboundBySender(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createIndex('messages_inbound_by_sender')
        .on('messages')
        .columns(['from_number', 'created_at'])
        .where(sql.ref('direction'), '=', sql.lit('inbound'))
        .execute()
    },
  }
}
