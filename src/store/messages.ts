import type { Kysely, Selectable } from 'kysely'
import { MESSAGE_STATUSES, canMoveTo, type MessageStatus } from '../domain/outbox/message-status.ts'
import type { Database, MessageRow } from './database.ts'
import { insertRows } from './insert-rows.ts'

export type MessagePriority = 'normal' | 'high'

/** An outbound (or inbound) text as the app sees it. */
export interface MessageRecord {
  id: string
  direction: 'outbound' | 'inbound'
  program: string | undefined
  from: string
  to: string
  body: string
  personalisation: Record<string, string> | undefined
  encoding: 'gsm7' | 'ucs2'
  segments: number
  templateKey: string | undefined
  templateVersion: number | undefined
  language: string | undefined
  priority: MessagePriority
  purpose: string
  status: MessageStatus
  trunk: string | undefined
  reference: string | undefined
  apiKeyId: string | undefined
  broadcastId: string | undefined
  test: boolean
  conversationId: string | undefined
  attempts: number
  nextAttemptAt: number | undefined
  sendAt: number | undefined
  expiresAt: number | undefined
  fallbackEmail: string | undefined
  /** The process that holds this text's secret in memory, when it has one. */
  heldBy: string | undefined
  errorCode: string | undefined
  errorDetail: string | undefined
  createdAt: number
  updatedAt: number
}

export interface StatusEvent {
  status: MessageStatus
  detail: Record<string, unknown> | undefined
  occurredAt: number
}

/** A message to write: outbound texts start queued (or blocked); inbound ones arrive delivered. */
export type NewMessage = Omit<MessageRecord, 'attempts' | 'updatedAt' | 'status' | 'heldBy'> & {
  status: 'queued' | 'blocked' | 'delivered'
  heldBy?: string | undefined
}

const u = <T>(value: T | null): T | undefined => value ?? undefined

export function messageFromRow(row: Selectable<MessageRow>): MessageRecord {
  return {
    id: row.id,
    direction: row.direction as MessageRecord['direction'],
    program: u(row.program),
    from: row.from_number,
    to: row.to_number,
    body: row.body,
    personalisation: row.personalisation
      ? (JSON.parse(row.personalisation) as Record<string, string>)
      : undefined,
    encoding: row.encoding as MessageRecord['encoding'],
    segments: row.segments,
    templateKey: u(row.template_key),
    templateVersion: u(row.template_version),
    language: u(row.language),
    priority: row.priority as MessagePriority,
    purpose: row.purpose,
    status: row.status as MessageStatus,
    trunk: u(row.trunk),
    reference: u(row.reference),
    apiKeyId: u(row.api_key_id),
    broadcastId: u(row.broadcast_id),
    test: row.is_test === 1,
    conversationId: u(row.conversation_id),
    attempts: row.attempts,
    nextAttemptAt: u(row.next_attempt_at),
    sendAt: u(row.send_at),
    expiresAt: u(row.expires_at),
    fallbackEmail: u(row.fallback_email),
    heldBy: u(row.held_by),
    errorCode: u(row.error_code),
    errorDetail: u(row.error_detail),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

function toRow(m: NewMessage) {
  return {
    id: m.id,
    direction: m.direction,
    program: m.program ?? null,
    from_number: m.from,
    to_number: m.to,
    body: m.body,
    personalisation: m.personalisation ? JSON.stringify(m.personalisation) : null,
    encoding: m.encoding,
    segments: m.segments,
    template_key: m.templateKey ?? null,
    template_version: m.templateVersion ?? null,
    language: m.language ?? null,
    priority: m.priority,
    lane: m.priority === 'high' ? 0 : 1,
    purpose: m.purpose,
    status: m.status,
    trunk: m.trunk ?? null,
    carrier_id: null,
    reference: m.reference ?? null,
    api_key_id: m.apiKeyId ?? null,
    broadcast_id: m.broadcastId ?? null,
    is_test: m.test ? 1 : 0,
    conversation_id: m.conversationId ?? null,
    next_attempt_at: m.nextAttemptAt ?? null,
    send_at: m.sendAt ?? null,
    expires_at: m.expiresAt ?? null,
    lease_until: null,
    fallback_email: m.fallbackEmail ?? null,
    held_by: m.heldBy ?? null,
    error_code: m.errorCode ?? null,
    error_detail: m.errorDetail ?? null,
    created_at: m.createdAt,
    updated_at: m.createdAt,
  }
}

const MESSAGE_COLUMNS = Object.keys(toRow(newMessageShape())) as (keyof ReturnType<typeof toRow>)[]

/** Every column toRow writes, in its order (taken from a row, so the two cannot drift apart). */
function newMessageShape(): NewMessage {
  return {
    id: '',
    direction: 'outbound',
    program: undefined,
    from: '',
    to: '',
    body: '',
    personalisation: undefined,
    encoding: 'gsm7',
    segments: 1,
    templateKey: undefined,
    templateVersion: undefined,
    language: undefined,
    priority: 'normal',
    purpose: 'regular',
    status: 'queued',
    trunk: undefined,
    reference: undefined,
    apiKeyId: undefined,
    broadcastId: undefined,
    test: false,
    conversationId: undefined,
    nextAttemptAt: undefined,
    sendAt: undefined,
    expiresAt: undefined,
    fallbackEmail: undefined,
    errorCode: undefined,
    errorDetail: undefined,
    createdAt: 0,
  }
}

/**
 * Writes new messages and their first status event, a few statements for any number (the
 * inbound intake writes hundreds at once; see insertRows). Call inside the transaction that
 * must make them durable together with anything else.
 * @example await insertMessages(trx, [message], idFor)
 */
export async function insertMessages(
  db: Kysely<Database>,
  messages: readonly NewMessage[],
  eventId: (message: NewMessage) => string,
): Promise<void> {
  if (messages.length === 0) return
  await insertRows(
    db,
    'messages',
    MESSAGE_COLUMNS,
    messages.map((m) => {
      const row = toRow(m)
      return MESSAGE_COLUMNS.map((column) => row[column])
    }),
  )
  await insertRows(
    db,
    'message_status_events',
    ['id', 'message_id', 'status', 'detail', 'occurred_at'],
    messages.map((m) => [
      eventId(m),
      m.id,
      m.status,
      m.errorCode ? JSON.stringify({ code: m.errorCode }) : null,
      m.createdAt,
    ]),
  )
}

/** A message and its status history (oldest first), or undefined. */
export async function getMessage(
  db: Kysely<Database>,
  id: string,
): Promise<{ message: MessageRecord; history: StatusEvent[] } | undefined> {
  const row = await db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) return undefined
  const events = await db
    .selectFrom('message_status_events')
    .select(['status', 'detail', 'occurred_at'])
    .where('message_id', '=', id)
    .orderBy('occurred_at')
    .orderBy('id')
    .execute()
  return {
    message: messageFromRow(row),
    history: events.map((e) => ({
      status: e.status as MessageStatus,
      detail: e.detail ? (JSON.parse(e.detail) as Record<string, unknown>) : undefined,
      occurredAt: e.occurred_at,
    })),
  }
}

export interface MessageFilter {
  status?: MessageStatus | undefined
  program?: string | undefined
  reference?: string | undefined
  since?: number | undefined
  until?: number | undefined
  /** Only messages whose id sorts before this one (the previous page's last id). */
  before?: string | undefined
  apiKeyId?: string | undefined
  limit: number
}

/** Messages newest first, filtered; page with `before` = the last id of the previous page. */
export async function listMessages(
  db: Kysely<Database>,
  filter: MessageFilter,
): Promise<MessageRecord[]> {
  let query = db.selectFrom('messages').selectAll()
  if (filter.status) query = query.where('status', '=', filter.status)
  if (filter.program) query = query.where('program', '=', filter.program)
  if (filter.reference) query = query.where('reference', '=', filter.reference)
  if (filter.since !== undefined) query = query.where('created_at', '>=', filter.since)
  if (filter.until !== undefined) query = query.where('created_at', '<', filter.until)
  if (filter.before) query = query.where('id', '<', filter.before)
  if (filter.apiKeyId) query = query.where('api_key_id', '=', filter.apiKeyId)
  const rows = await query.orderBy('id', 'desc').limit(filter.limit).execute()
  return rows.map(messageFromRow)
}

/** How many texts went to a number since a time, and how many of them had this body. */
export async function countRecentForRecipient(
  db: Kysely<Database>,
  to: string,
  since: number,
  body: string,
): Promise<{ identical: number; total: number }> {
  const row = await db
    .selectFrom('messages')
    .select(({ fn, eb }) => [
      fn.countAll<number>().as('total'),
      fn
        .sum<number | null>(eb.case().when('body', '=', body).then(1).else(0).end())
        .as('identical'),
    ])
    .where('to_number', '=', to)
    .where('direction', '=', 'outbound')
    .where('created_at', '>=', since)
    .where('status', '!=', 'blocked')
    .executeTakeFirstOrThrow()
  return { identical: row.identical ?? 0, total: row.total }
}

/** Statuses from which `next` may be reached (the SQL guard of canMoveTo). */
export function predecessorsOf(next: MessageStatus): MessageStatus[] {
  return MESSAGE_STATUSES.filter((s) => canMoveTo(s, next))
}

/**
 * Moves a message to a new status if its current status allows it, and
 * records the event. Returns false (and changes nothing) when it does not:
 * an older receipt never overwrites a final status.
 */
export async function moveMessageStatus(
  db: Kysely<Database>,
  change: {
    id: string
    to: MessageStatus
    at: number
    eventId: string
    detail?: Record<string, unknown>
    patch?: Partial<
      Pick<
        MessageRow,
        'trunk' | 'carrier_id' | 'error_code' | 'error_detail' | 'next_attempt_at' | 'lease_until'
      >
    >
  },
): Promise<boolean> {
  // the status and its history event change together, or not at all
  const move = async (trx: Kysely<Database>) => {
    const result = await trx
      .updateTable('messages')
      .set({ status: change.to, updated_at: change.at, ...change.patch })
      .where('id', '=', change.id)
      .where('status', 'in', predecessorsOf(change.to))
      .executeTakeFirst()
    if (result.numUpdatedRows === 0n) return false
    await trx
      .insertInto('message_status_events')
      .values({
        id: change.eventId,
        message_id: change.id,
        status: change.to,
        detail: change.detail ? JSON.stringify(change.detail) : null,
        occurred_at: change.at,
      })
      .execute()
    return true
  }
  return db.isTransaction ? move(db) : db.transaction().execute(move)
}
