import assert from 'node:assert/strict'
import { it } from 'node:test'
import { forEachDialect } from '../../test/support/dialects.ts'
import { appendAuditEvent, listAuditEvents } from './audit-events.ts'
import { pendingMigrations } from './migrate.ts'

const now = 1_795_000_000_000 // a 2026 timestamp: beyond 32-bit, must round-trip exactly

forEachDialect('core model', (ctx) => {
  it('is fully migrated', async () => {
    assert.deepEqual(await pendingMigrations(ctx.store), [])
  })

  it('has every core table', async () => {
    const tables = (await ctx.store.db.introspection.getTables()).map((t) => t.name)
    for (const table of [
      'contacts',
      'consent_events',
      'consents',
      'templates',
      'template_versions',
      'messages',
      'message_status_events',
      'conversations',
      'conversation_events',
      'queues',
      'users',
      'agent_skills',
      'agent_queues',
      'agent_events',
      'api_keys',
      'audit_events',
      'broadcasts',
      'carrier_refs',
      'idempotency_keys',
    ]) {
      assert.ok(tables.includes(table), `missing table ${table}`)
    }
  })

  it('keeps the audit log append-only: an update is rejected', async () => {
    await appendAuditEvent(ctx.store.db, {
      id: 'a1',
      actor: 'user:ana',
      action: 'pii.reveal',
      subject: 'conversation:c1',
      data: { field: 'sin' },
      occurredAt: now,
    })
    await assert.rejects(
      ctx.store.db
        .updateTable('audit_events')
        .set({ actor: 'someone-else' })
        .where('id', '=', 'a1')
        .execute(),
      /append-only/,
    )
    const [event] = await listAuditEvents(ctx.store.db, { subject: 'conversation:c1' })
    assert.deepEqual(event, {
      id: 'a1',
      actor: 'user:ana',
      action: 'pii.reveal',
      subject: 'conversation:c1',
      data: { field: 'sin' },
      occurredAt: now,
    })
  })

  it('enforces foreign keys: a status event needs its message', async () => {
    await assert.rejects(
      ctx.store.db
        .insertInto('message_status_events')
        .values({ id: 'e1', message_id: 'nope', status: 'sent', detail: null, occurred_at: now })
        .execute(),
    )
  })
})
