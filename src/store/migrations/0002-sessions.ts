import type { Kysely, Migration } from 'kysely'

// Migrations run against an untyped Kysely: the schema they build is what later code types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

/**
 * Sign-in sessions of people (agents, supervisors, admins). The id is the
 * SHA-256 of the session token, so a copy of the database cannot be replayed
 * as a live session; the token itself is never stored.
 */
export function sessions(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .execute()
      // revoking every session of a user (disable), and purging old ones by expiry
      await db.schema.createIndex('sessions_by_user').on('sessions').columns(['user_id']).execute()
      await db.schema
        .createIndex('sessions_by_expiry')
        .on('sessions')
        .columns(['expires_at'])
        .execute()
    },
  }
}
