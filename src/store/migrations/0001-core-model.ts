import { sql, type Kysely, type Migration } from 'kysely'
import type { Dialect } from '../connect.ts'

/**
 * The core model: contacts and consent, templates, queues and agents, API keys,
 * messages with their status history, conversations with their events, and the
 * append-only audit log. Portable schema-builder calls; the only dialect branch
 * is the trigger that makes audit_events append-only.
 */
// Migrations run against an untyped Kysely: the schema they build is what later code types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

export function coreModel(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('contacts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('phone', 'text', (c) => c.notNull().unique())
        .addColumn('email', 'text')
        .addColumn('name', 'text')
        .addColumn('language', 'text')
        .addColumn('attributes', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute()

      await db.schema
        .createTable('consent_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('phone', 'text', (c) => c.notNull())
        .addColumn('program', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull().check(sql`action in ('opt_in', 'opt_out')`))
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('evidence', 'text')
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('occurred_at', 'bigint', (c) => c.notNull())
        .addColumn('recorded_at', 'bigint', (c) => c.notNull())
        .execute()
      await db.schema
        .createIndex('consent_events_by_phone')
        .on('consent_events')
        .columns(['phone', 'program', 'occurred_at'])
        .execute()

      await db.schema
        .createTable('consents')
        .addColumn('phone', 'text', (c) => c.notNull())
        .addColumn('program', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('since', 'bigint', (c) => c.notNull())
        .addColumn('last_event_id', 'text', (c) => c.notNull().references('consent_events.id'))
        .addPrimaryKeyConstraint('consents_pk', ['phone', 'program'])
        .execute()

      await db.schema
        .createTable('templates')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute()
      await db.schema
        .createTable('template_versions')
        .addColumn('template_key', 'text', (c) => c.notNull().references('templates.key'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('review_due', 'text')
        .addColumn('variants', 'text', (c) => c.notNull())
        .addColumn('email', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('approved_by', 'text')
        .addColumn('approved_at', 'bigint')
        .addPrimaryKeyConstraint('template_versions_pk', ['template_key', 'version'])
        .execute()

      await db.schema
        .createTable('queues')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute()

      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) =>
          c.notNull().check(sql`role in ('agent', 'supervisor', 'admin')`),
        )
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('capacity', 'integer', (c) => c.notNull().defaultTo(3))
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('offline'))
        .addColumn('not_ready_reason', 'text')
        .addColumn('status_since', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('disabled_at', 'bigint')
        .execute()
      await db.schema
        .createTable('agent_skills')
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('skill', 'text', (c) => c.notNull())
        .addColumn('proficiency', 'integer', (c) =>
          c.notNull().check(sql`proficiency between 1 and 5`),
        )
        .addPrimaryKeyConstraint('agent_skills_pk', ['user_id', 'skill'])
        .execute()
      await db.schema
        .createTable('agent_queues')
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('queue_id', 'text', (c) => c.notNull().references('queues.id'))
        .addPrimaryKeyConstraint('agent_queues_pk', ['user_id', 'queue_id'])
        .execute()
      await db.schema
        .createTable('agent_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('status', 'text')
        .addColumn('reason', 'text')
        .addColumn('data', 'text')
        .addColumn('occurred_at', 'bigint', (c) => c.notNull())
        .execute()
      await db.schema
        .createIndex('agent_events_by_time')
        .on('agent_events')
        .columns(['occurred_at'])
        .execute()

      await db.schema
        .createTable('api_keys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('prefix', 'text', (c) => c.notNull().unique())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('scopes', 'text', (c) => c.notNull())
        .addColumn('is_test', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .addColumn('last_used_at', 'bigint')
        .execute()

      await db.schema
        .createTable('conversations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('customer_number', 'text', (c) => c.notNull())
        .addColumn('our_number', 'text', (c) => c.notNull())
        .addColumn('program', 'text')
        .addColumn('queue_id', 'text', (c) => c.references('queues.id'))
        .addColumn('category', 'text')
        .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(5))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('agent_id', 'text', (c) => c.references('users.id'))
        .addColumn('attributes', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('flagged', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('opened_at', 'bigint', (c) => c.notNull())
        .addColumn('accepted_at', 'bigint')
        .addColumn('ended_at', 'bigint')
        .addColumn('closed_at', 'bigint')
        .addColumn('close_reason', 'text')
        .execute()
      await db.schema
        .createIndex('conversations_by_thread')
        .on('conversations')
        .columns(['customer_number', 'our_number', 'status'])
        .execute()
      await db.schema
        .createTable('conversation_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('queue_id', 'text')
        .addColumn('agent_id', 'text')
        .addColumn('skill', 'text')
        .addColumn('number', 'text')
        .addColumn('data', 'text')
        .addColumn('occurred_at', 'bigint', (c) => c.notNull())
        .execute()
      await db.schema
        .createIndex('conversation_events_by_conversation')
        .on('conversation_events')
        .columns(['conversation_id', 'occurred_at'])
        .execute()
      await db.schema
        .createIndex('conversation_events_by_time')
        .on('conversation_events')
        .columns(['occurred_at'])
        .execute()

      await db.schema
        .createTable('broadcasts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('program', 'text', (c) => c.notNull())
        .addColumn('template_key', 'text', (c) => c.notNull())
        .addColumn('priority', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('total', 'integer', (c) => c.notNull())
        .addColumn('accepted', 'integer', (c) => c.notNull())
        .addColumn('skipped', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('api_key_id', 'text', (c) => c.references('api_keys.id'))
        .addColumn('reference', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('cancelled_at', 'bigint')
        .execute()

      await db.schema
        .createTable('messages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('direction', 'text', (c) =>
          c.notNull().check(sql`direction in ('outbound', 'inbound')`),
        )
        .addColumn('program', 'text')
        .addColumn('from_number', 'text', (c) => c.notNull())
        .addColumn('to_number', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        // kept for the e-mail fallback, which renders the template's e-mail variant
        .addColumn('personalisation', 'text')
        .addColumn('encoding', 'text', (c) => c.notNull())
        .addColumn('segments', 'integer', (c) => c.notNull())
        .addColumn('template_key', 'text')
        .addColumn('template_version', 'integer')
        .addColumn('language', 'text')
        .addColumn('priority', 'text', (c) => c.notNull().defaultTo('normal'))
        // the dispatcher's lane: 0 = high (alerts) before 1 = normal
        .addColumn('lane', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('purpose', 'text', (c) => c.notNull().defaultTo('regular'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('trunk', 'text')
        .addColumn('carrier_id', 'text')
        .addColumn('reference', 'text')
        .addColumn('api_key_id', 'text', (c) => c.references('api_keys.id'))
        .addColumn('broadcast_id', 'text', (c) => c.references('broadcasts.id'))
        .addColumn('is_test', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('conversation_id', 'text', (c) => c.references('conversations.id'))
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'bigint')
        .addColumn('send_at', 'bigint')
        .addColumn('expires_at', 'bigint')
        .addColumn('lease_until', 'bigint')
        .addColumn('fallback_email', 'text')
        // the process holding this text's secret (a one-time code); only it may send it
        .addColumn('held_by', 'text')
        .addColumn('error_code', 'text')
        .addColumn('error_detail', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute()
      // the dispatcher's claim: due rows by status and time
      await db.schema
        .createIndex('messages_due')
        .on('messages')
        .columns(['status', 'next_attempt_at'])
        .execute()
      await db.schema
        .createIndex('messages_by_carrier_id')
        .on('messages')
        .columns(['carrier_id'])
        .execute()
      await db.schema
        .createIndex('messages_by_created')
        .on('messages')
        .columns(['created_at'])
        .execute()
      await db.schema
        .createTable('idempotency_keys')
        .addColumn('api_key_id', 'text', (c) => c.notNull().references('api_keys.id'))
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('status_code', 'integer', (c) => c.notNull())
        .addColumn('response', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_keys_pk', ['api_key_id', 'key'])
        .execute()
      // carrier ids of each submitted part, for receipts (SMPP gives one id per part)
      await db.schema
        .createTable('carrier_refs')
        .addColumn('trunk', 'text', (c) => c.notNull())
        .addColumn('carrier_id', 'text', (c) => c.notNull())
        .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id'))
        .addColumn('part', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('carrier_refs_pk', ['trunk', 'carrier_id'])
        .execute()
      await db.schema
        .createIndex('carrier_refs_by_message')
        .on('carrier_refs')
        .columns(['message_id'])
        .execute()
      await db.schema
        .createTable('message_status_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('detail', 'text')
        .addColumn('occurred_at', 'bigint', (c) => c.notNull())
        .execute()
      await db.schema
        .createIndex('message_status_events_by_message')
        .on('message_status_events')
        .columns(['message_id', 'occurred_at'])
        .execute()

      await db.schema
        .createTable('verifications')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('phone', 'text', (c) => c.notNull())
        .addColumn('program', 'text', (c) => c.notNull())
        .addColumn('code_hash', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('message_id', 'text', (c) => c.references('messages.id'))
        .addColumn('api_key_id', 'text', (c) => c.references('api_keys.id'))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute()
      await db.schema
        .createIndex('verifications_by_phone')
        .on('verifications')
        .columns(['phone', 'program', 'created_at'])
        .execute()

      await db.schema
        .createTable('survey_sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('phone', 'text', (c) => c.notNull())
        .addColumn('our_number', 'text', (c) => c.notNull())
        .addColumn('program', 'text', (c) => c.notNull())
        .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id'))
        .addColumn('template_key', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('answered_at', 'bigint')
        .addColumn('rating', 'integer')
        .addColumn('response', 'text')
        .addColumn('conversation_id', 'text', (c) => c.references('conversations.id'))
        .execute()
      await db.schema
        .createIndex('survey_sessions_open')
        .on('survey_sessions')
        .columns(['phone', 'our_number', 'expires_at'])
        .execute()

      await db.schema
        .createTable('audit_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('subject', 'text')
        .addColumn('data', 'text')
        .addColumn('occurred_at', 'bigint', (c) => c.notNull())
        .execute()
      await db.schema
        .createIndex('audit_events_by_time')
        .on('audit_events')
        .columns(['occurred_at'])
        .execute()
      await makeAppendOnly(db, dialect, 'audit_events')
    },
  }
}

/** Rejects UPDATE on a table (DELETE stays possible for the retention purge only). */
async function makeAppendOnly(db: AnyDb, dialect: Dialect, table: string): Promise<void> {
  const message = `${table} is append-only`
  if (dialect === 'sqlite') {
    await sql
      .raw(
        `CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${message}'); END`,
      )
      .execute(db)
    return
  }
  await sql
    .raw(
      `CREATE FUNCTION ${table}_no_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${message}'; END $$`,
    )
    .execute(db)
  await sql
    .raw(
      `CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${table}_no_update()`,
    )
    .execute(db)
}
