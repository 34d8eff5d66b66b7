import type { Kysely, Migration } from 'kysely'

// Migrations run against an untyped Kysely: the schema they build is what later code types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

/**
 * Supervisors' quality reviews of conversations: one row per review, the scores per criterion
 * (ids from the configuration's `qualityReview.criteria`, as they were when scored) as JSON.
 * Reviews are kept as written; a second review of a conversation is another row.
 */
export function qualityReviews(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('quality_reviews')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
        .addColumn('reviewer_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('scores', 'text', (c) => c.notNull())
        .addColumn('comment', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute()
      await db.schema
        .createIndex('quality_reviews_by_conversation')
        .on('quality_reviews')
        .columns(['conversation_id', 'created_at'])
        .execute()
    },
  }
}
