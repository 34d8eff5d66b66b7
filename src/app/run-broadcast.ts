import type { Config } from '../config/schema.ts'
import { checkSendPolicy } from '../domain/consent/check-send-policy.ts'
import { parseCsv } from '../domain/csv/parse-csv.ts'
import { isLanguage, type Language } from '../domain/language.ts'
import { renderTemplate } from '../domain/templates/render-template.ts'
import type { ApiKeyRecord } from '../store/api-keys.ts'
import {
  cancelBroadcast,
  getBroadcast,
  insertBroadcast,
  type BroadcastRecord,
} from '../store/broadcasts.ts'
import type { Store } from '../store/connect.ts'
import { getConsentStatuses } from '../store/consents.ts'
import { insertMessages, type MessagePriority, type NewMessage } from '../store/messages.ts'
import { countByStatus } from '../store/outbox.ts'
import type { Kysely } from 'kysely'
import type { Database } from '../store/database.ts'
import { insertSurveySessions } from '../store/surveys.ts'
import { findSendableTemplate } from '../store/templates.ts'
import { surveySessionFor } from './accept-message.ts'
import { checkDestination } from './check-destination.ts'
import { newMessage } from './new-message.ts'
import type { Clock, Random } from './ports.ts'
import { refuse, type Refusal } from './refusal.ts'

export interface Recipient {
  to: string
  language?: string | undefined
  personalisation?: Record<string, string> | undefined
}

export interface BroadcastRequest {
  program: string
  template: string
  language?: string | undefined
  priority?: MessagePriority | undefined
  sendAt?: string | undefined
  reference?: string | undefined
  /** Values shared by every recipient; a recipient's own values win. */
  personalisation?: Record<string, string> | undefined
  recipients: readonly Recipient[]
}

export type SkipReason =
  | 'invalid_number'
  | 'destination_not_allowed'
  | 'duplicate'
  | 'consent_required'
  | 'missing_personalisation'
  | 'template_language_unavailable'

export interface BroadcastSummary {
  id: string
  program: string
  template: string
  priority: string
  status: 'sending' | 'completed' | 'cancelled'
  total: number
  accepted: number
  skipped: Partial<Record<SkipReason, number>>
  /** Up to 100 skipped rows, for a CRM to fix (row counts from 1, after a CSV header). */
  problems?: { row: number; to: string; reason: SkipReason }[]
  counts: Record<string, number>
  createdAt: string
  cancelledAt: string | undefined
}

export type BroadcastRefusal =
  | 'program_not_found'
  | 'template_not_found'
  | 'template_not_approved'
  | 'invalid_csv'
  | 'invalid_send_at'
  | 'no_recipients'

export interface BroadcastDeps {
  config: Config
  store: Store
  clock: Clock
  random: Random
}

/** Rows committed per transaction: big enough to be fast, small enough not to hold the writer long. */
const CHUNK = 2_000

/**
 * Queues one templated text per recipient. Numbers are normalised and
 * de-duplicated, consent is checked in bulk, and every recipient who cannot
 * be sent to is skipped with a reason (counted, and the first 100 listed).
 * An alert is simply a broadcast with priority high from the alert
 * program's own sender. Returns once every accepted text is committed.
 * @example await startBroadcast(deps, { program: 'alerts', template: 'emergency_alert', priority: 'high', personalisation: {…}, recipients }, apiKey)
 */
export async function startBroadcast(
  deps: BroadcastDeps,
  request: BroadcastRequest,
  apiKey: ApiKeyRecord,
): Promise<{ ok: true; broadcast: BroadcastSummary } | Refusal<BroadcastRefusal>> {
  const { config } = deps
  const program = config.programs.find((p) => p.id === request.program)
  if (!program) return refuse('program_not_found', `no program ${JSON.stringify(request.program)}`)
  if (request.recipients.length === 0)
    return refuse('no_recipients', 'the broadcast has no recipients')
  const template = await findSendableTemplate(deps.store.db, request.template)
  if (!template.exists)
    return refuse('template_not_found', `no template ${JSON.stringify(request.template)}`)
  if (!template.approved)
    return refuse('template_not_approved', `template ${request.template} has no approved version`)
  const now = deps.clock.now()
  const sendAt = request.sendAt === undefined ? undefined : Date.parse(request.sendAt)
  if (sendAt !== undefined && Number.isNaN(sendAt))
    return refuse('invalid_send_at', 'sendAt must be an ISO 8601 date-time')

  const id = deps.random.id()
  const priority = request.priority ?? 'normal'
  const skipped: Partial<Record<SkipReason, number>> = {}
  const problems: { row: number; to: string; reason: SkipReason }[] = []
  const skip = (row: number, to: string, reason: SkipReason) => {
    skipped[reason] = (skipped[reason] ?? 0) + 1
    if (problems.length < 100) problems.push({ row, to, reason })
  }

  // 1. numbers: normalise, check the destination, drop duplicates
  const seen = new Set<string>()
  const valid: { row: number; e164: string; recipient: Recipient }[] = []
  request.recipients.forEach((recipient, index) => {
    const destination = checkDestination(config, recipient.to)
    if (!destination.ok) return skip(index + 1, recipient.to, destination.code)
    if (seen.has(destination.e164)) return skip(index + 1, recipient.to, 'duplicate')
    seen.add(destination.e164)
    valid.push({ row: index + 1, e164: destination.e164, recipient })
  })

  // 2. consent, in bulk
  const consent = await getConsentStatuses(
    deps.store.db,
    program.id,
    valid.map((v) => v.e164),
  )

  // 3. render and measure each text
  const testTrunk = apiKey.test
    ? Object.values(config.trunks).find((t) => t.type === 'sandbox')?.name
    : undefined
  const messages: NewMessage[] = []
  for (const { row, e164, recipient } of valid) {
    const policy = checkSendPolicy({
      status: consent.get(e164) ?? 'unknown',
      purpose: 'regular',
      program: { requiresOptIn: program.requiresOptIn },
    })
    if (!policy.allowed) {
      skip(row, recipient.to, 'consent_required')
      continue
    }
    const wanted = recipient.language ?? request.language ?? config.defaultLanguage
    const language: Language = isLanguage(wanted) ? wanted : 'en'
    const values = { ...request.personalisation, ...recipient.personalisation }
    const rendered = renderTemplate(template.approved, language, values)
    if (!rendered.ok) {
      skip(
        row,
        recipient.to,
        rendered.reason === 'missing_personalisation'
          ? rendered.reason
          : 'template_language_unavailable',
      )
      continue
    }
    messages.push(
      newMessage({
        id: deps.random.id(),
        program: program.id,
        from: program.sender,
        to: e164,
        body: rendered.text,
        personalisation: values,
        templateKey: template.approved.key,
        templateVersion: template.approved.version,
        language: rendered.language,
        priority,
        trunk: testTrunk,
        reference: request.reference,
        apiKeyId: apiKey.id,
        broadcastId: id,
        test: apiKey.test,
        nextAttemptAt: Math.max(now, sendAt ?? now),
        sendAt,
        createdAt: now,
      }),
    )
  }

  // 4. commit: the broadcast row first (so progress can be read at once), then the texts in chunks
  const record: Omit<BroadcastRecord, 'cancelledAt'> = {
    id,
    program: program.id,
    templateKey: template.approved.key,
    priority,
    total: request.recipients.length,
    accepted: messages.length,
    skipped,
    apiKeyId: apiKey.id,
    reference: request.reference,
    createdAt: now,
  }
  const survey = template.approved.category === 'survey'
  const queueChunk = async (trx: Kysely<Database>, chunk: NewMessage[]) => {
    await insertMessages(trx, chunk, () => deps.random.id())
    if (survey)
      await insertSurveySessions(
        trx,
        chunk.map((m) => surveySessionFor(deps, m)),
      )
  }
  await deps.store.db.transaction().execute(async (trx) => {
    await insertBroadcast(trx, record)
    await queueChunk(trx, messages.slice(0, CHUNK))
  })
  for (let i = CHUNK; i < messages.length; i += CHUNK) {
    await deps.store.db
      .transaction()
      .execute((trx) => queueChunk(trx, messages.slice(i, i + CHUNK)))
  }
  const summary = await summarise(deps, { ...record, cancelledAt: undefined })
  return { ok: true, broadcast: { ...summary, problems } }
}

/**
 * Turns an uploaded CSV into recipients: a `phone` (or `to`) column, an
 * optional `language` column, and every other column a personalisation value.
 */
export function recipientsFromCsv(
  text: string,
): { ok: true; recipients: Recipient[] } | Refusal<'invalid_csv'> {
  const parsed = parseCsv(text)
  if (!parsed.ok)
    return refuse('invalid_csv', `row ${parsed.problem.row}: ${parsed.problem.message}`, {
      row: parsed.problem.row,
    })
  const phoneColumn = parsed.header.findIndex((h) => h === 'phone' || h === 'to')
  if (phoneColumn < 0)
    return refuse('invalid_csv', 'row 1: the header needs a phone (or to) column', { row: 1 })
  const languageColumn = parsed.header.indexOf('language')
  const recipients = parsed.rows.map((row) => {
    const personalisation: Record<string, string> = {}
    parsed.header.forEach((name, i) => {
      if (i !== phoneColumn && i !== languageColumn && name !== '')
        personalisation[name] = row[i] ?? ''
    })
    return {
      to: row[phoneColumn] ?? '',
      language: languageColumn >= 0 ? row[languageColumn] || undefined : undefined,
      personalisation,
    }
  })
  return { ok: true, recipients }
}

/** A broadcast's progress: per-status counts of its texts. */
export async function readBroadcast(
  deps: BroadcastDeps,
  id: string,
): Promise<BroadcastSummary | undefined> {
  const record = await getBroadcast(deps.store.db, id)
  return record ? summarise(deps, record) : undefined
}

/** Cancels a broadcast's texts still waiting in the outbox; texts already with a carrier go on. */
export async function stopBroadcast(
  deps: BroadcastDeps,
  id: string,
): Promise<
  | { ok: true; stopped: number; broadcast: BroadcastSummary }
  | Refusal<'not_found' | 'already_cancelled'>
> {
  const record = await getBroadcast(deps.store.db, id)
  if (!record) return refuse('not_found', `no broadcast ${id}`)
  const stopped = await cancelBroadcast(deps.store.db, id, deps.clock.now())
  if (stopped === undefined)
    return refuse('already_cancelled', `broadcast ${id} was already cancelled`)
  const summary = await readBroadcast(deps, id)
  return summary
    ? { ok: true, stopped, broadcast: summary }
    : refuse('not_found', `no broadcast ${id}`)
}

async function summarise(deps: BroadcastDeps, record: BroadcastRecord): Promise<BroadcastSummary> {
  const counts = await countByStatus(deps.store.db, { broadcastId: record.id })
  const pending = (counts.queued ?? 0) + (counts.sending ?? 0)
  return {
    id: record.id,
    program: record.program,
    template: record.templateKey,
    priority: record.priority,
    status: record.cancelledAt !== undefined ? 'cancelled' : pending > 0 ? 'sending' : 'completed',
    total: record.total,
    accepted: record.accepted,
    skipped: record.skipped,
    counts,
    createdAt: new Date(record.createdAt).toISOString(),
    cancelledAt:
      record.cancelledAt === undefined ? undefined : new Date(record.cancelledAt).toISOString(),
  }
}
