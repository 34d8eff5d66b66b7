import { sql, type Kysely, type Migration } from 'kysely'
import type { Dialect } from '../connect.ts'

// Migrations run against an untyped Kysely: the schema they build is what later code types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

/** The channel servers LISTEN on (event-feed.ts); the payload is the schema that stored events. */
const EVENTS_CHANNEL = 'parley_events'

const FEED_TABLES = ['conversation_events', 'agent_events'] as const

/**
 * The event tables as a feed that routing follows by position instead of by time (see
 * src/store/event-feed.ts). PostgreSQL only: each row gets the id of the transaction that wrote
 * it (`tx_id`, xid8) and a sequence number (`seq`), indexed together; and every insert notifies
 * EVENTS_CHANNEL, which PostgreSQL delivers when (and only if) the transaction commits, so no
 * writer can forget to tell the other servers. SQLite needs nothing: its `rowid` already grows
 * in commit order (one writer at a time).
 */
export function eventFeed(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      if (dialect === 'sqlite') return
      await sql
        .raw(
          `CREATE FUNCTION parley_notify_events() RETURNS trigger LANGUAGE plpgsql AS $$ ` +
            `BEGIN PERFORM pg_notify('${EVENTS_CHANNEL}', TG_TABLE_SCHEMA); RETURN NULL; END $$`,
        )
        .execute(db)
      for (const table of FEED_TABLES) {
        await sql
          .raw(
            `ALTER TABLE ${table} ADD COLUMN tx_id xid8 NOT NULL DEFAULT pg_current_xact_id(), ` +
              `ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY`,
          )
          .execute(db)
        await db.schema.createIndex(`${table}_feed`).on(table).columns(['tx_id', 'seq']).execute()
        // once per statement, and PostgreSQL folds identical notifications of one transaction
        await sql
          .raw(
            `CREATE TRIGGER ${table}_notify AFTER INSERT ON ${table} ` +
              `FOR EACH STATEMENT EXECUTE FUNCTION parley_notify_events()`,
          )
          .execute(db)
      }
    },
  }
}
