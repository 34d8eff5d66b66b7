import type { Kysely } from 'kysely'
import type { Database } from './database.ts'

export interface AuditEvent {
  id: string
  actor: string
  action: string
  subject?: string | undefined
  data?: Record<string, unknown> | undefined
  occurredAt: number
}

/**
 * Appends one event to the audit log (the table rejects updates).
 * @example await appendAuditEvent(db, { id, actor: 'user:ana', action: 'pii.reveal', subject: 'conversation:c1', occurredAt: now })
 */
export async function appendAuditEvent(db: Kysely<Database>, event: AuditEvent): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      id: event.id,
      actor: event.actor,
      action: event.action,
      subject: event.subject ?? null,
      data: event.data ? JSON.stringify(event.data) : null,
      occurred_at: event.occurredAt,
    })
    .execute()
}

/** The most recent audit events first, optionally for one subject. */
export async function listAuditEvents(
  db: Kysely<Database>,
  filter: { subject?: string; limit?: number } = {},
): Promise<AuditEvent[]> {
  let query = db
    .selectFrom('audit_events')
    .selectAll()
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
  if (filter.subject) query = query.where('subject', '=', filter.subject)
  const rows = await query.limit(filter.limit ?? 100).execute()
  return rows.map((row) => ({
    id: row.id,
    actor: row.actor,
    action: row.action,
    subject: row.subject ?? undefined,
    data: row.data ? (JSON.parse(row.data) as Record<string, unknown>) : undefined,
    occurredAt: row.occurred_at,
  }))
}
