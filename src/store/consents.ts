import type { Kysely } from 'kysely'
import type { Database } from './database.ts'
import { runCompiled } from './run-compiled.ts'

export interface StoredConsentEvent {
  id: string
  phone: string
  program: string
  action: 'opt_in' | 'opt_out'
  source: string
  evidence: string | undefined
  actor: string
  occurredAt: number
  recordedAt: number
}

export interface CurrentConsent {
  phone: string
  program: string
  status: 'opted_in' | 'opted_out'
  since: number
  lastEventId: string
}

/**
 * Appends a consent event and updates the current consent in one
 * transaction. The current row changes only if this event is at least as
 * recent as the one it was derived from (ties: opt-out wins), so events
 * recorded out of order still leave the right state.
 * @example await recordConsentEvent(db, { id, phone: '+12505550123', program: 'general', action: 'opt_in', source: 'api', evidence: 'web form 2026-11-01', actor: 'apikey:crm', occurredAt, recordedAt })
 */
export async function recordConsentEvent(
  db: Kysely<Database>,
  event: StoredConsentEvent,
): Promise<CurrentConsent> {
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('consent_events')
      .values({
        id: event.id,
        phone: event.phone,
        program: event.program,
        action: event.action,
        source: event.source,
        evidence: event.evidence ?? null,
        actor: event.actor,
        occurred_at: event.occurredAt,
        recorded_at: event.recordedAt,
      })
      .execute()
    const status = event.action === 'opt_in' ? 'opted_in' : 'opted_out'
    const current = await trx
      .selectFrom('consents')
      .selectAll()
      .where('phone', '=', event.phone)
      .where('program', '=', event.program)
      .executeTakeFirst()
    const newer =
      !current ||
      event.occurredAt > current.since ||
      (event.occurredAt === current.since && status === 'opted_out')
    if (!current) {
      await trx
        .insertInto('consents')
        .values({
          phone: event.phone,
          program: event.program,
          status,
          since: event.occurredAt,
          last_event_id: event.id,
        })
        .execute()
    } else if (newer) {
      await trx
        .updateTable('consents')
        .set({ status, since: event.occurredAt, last_event_id: event.id })
        .where('phone', '=', event.phone)
        .where('program', '=', event.program)
        .execute()
    }
    const row =
      current && !newer ? current : { status, since: event.occurredAt, last_event_id: event.id }
    return {
      phone: event.phone,
      program: event.program,
      status: row.status as CurrentConsent['status'],
      since: row.since,
      lastEventId: row.last_event_id,
    }
  })
}

/** Current consent of a number, per program (programs never heard of are absent: unknown). */
export async function getConsents(db: Kysely<Database>, phone: string): Promise<CurrentConsent[]> {
  const rows = await db
    .selectFrom('consents')
    .selectAll()
    .where('phone', '=', phone)
    .orderBy('program')
    .execute()
  return rows.map((r) => ({
    phone: r.phone,
    program: r.program,
    status: r.status as CurrentConsent['status'],
    since: r.since,
    lastEventId: r.last_event_id,
  }))
}

/** The current status for one program, or undefined when never recorded. */
export async function getConsentStatus(
  db: Kysely<Database>,
  phone: string,
  program: string,
): Promise<CurrentConsent['status'] | undefined> {
  const row = await db
    .selectFrom('consents')
    .select('status')
    .where('phone', '=', phone)
    .where('program', '=', program)
    .executeTakeFirst()
  return row?.status as CurrentConsent['status'] | undefined
}

/** A number's consent history, newest first. */
export async function listConsentEvents(
  db: Kysely<Database>,
  phone: string,
  program?: string,
): Promise<StoredConsentEvent[]> {
  let query = db.selectFrom('consent_events').selectAll().where('phone', '=', phone)
  if (program) query = query.where('program', '=', program)
  const rows = await query.orderBy('occurred_at', 'desc').orderBy('id', 'desc').execute()
  return rows.map((r) => ({
    id: r.id,
    phone: r.phone,
    program: r.program,
    action: r.action as StoredConsentEvent['action'],
    source: r.source,
    evidence: r.evidence ?? undefined,
    actor: r.actor,
    occurredAt: r.occurred_at,
    recordedAt: r.recorded_at,
  }))
}

/** Current statuses for many numbers in one program (absent = never recorded). */
export async function getConsentStatuses(
  db: Kysely<Database>,
  program: string,
  phones: readonly string[],
): Promise<Map<string, CurrentConsent['status']>> {
  const statuses = new Map<string, CurrentConsent['status']>()
  for (let i = 0; i < phones.length; i += 500) {
    const values = { program, phones: phones.slice(i, i + 500) }
    const { rows } = await runCompiled(db, 'consent-statuses', values, (v) =>
      db
        .selectFrom('consents')
        .select(['phone', 'status'])
        .where('program', '=', v.program)
        .where('phone', 'in', v.phones),
    )
    for (const row of rows) statuses.set(row.phone, row.status as CurrentConsent['status'])
  }
  return statuses
}
