import { createHash } from 'node:crypto'
import type { Config, ProgramConfig } from '../config/schema.ts'
import { checkSendPolicy } from '../domain/consent/check-send-policy.ts'
import { isLanguage, type Language } from '../domain/language.ts'
import {
  checkRecipientLimits,
  DEFAULT_RECIPIENT_LIMITS,
} from '../domain/outbox/recipient-limits.ts'
import { renderTemplate } from '../domain/templates/render-template.ts'
import type { ApiKeyRecord } from '../store/api-keys.ts'
import type { Store } from '../store/connect.ts'
import { getConsentStatus } from '../store/consents.ts'
import { findContactByPhone } from '../store/contacts.ts'
import { findIdempotentResponse, saveIdempotentResponse } from '../store/idempotency.ts'
import {
  countRecentForRecipient,
  insertMessages,
  type MessagePriority,
  type NewMessage,
} from '../store/messages.ts'
import { insertSurveySessions, type SurveySession } from '../store/surveys.ts'
import { findSendableTemplate } from '../store/templates.ts'
import type { TemplateVersion } from '../domain/templates/template-version.ts'
import { checkDestination } from './check-destination.ts'
import { newMessage } from './new-message.ts'
import type { GroupCommit } from './group-commit.ts'
import type { Clock, Random } from './ports.ts'
import type { Kysely } from 'kysely'
import type { Database } from '../store/database.ts'
import { refuse, type Refusal } from './refusal.ts'

export interface SendRequest {
  to: string
  template: string
  language?: string | undefined
  personalisation: Record<string, string>
  program: string
  priority?: MessagePriority | undefined
  /** ISO 8601 date-time; the message is held until then. */
  sendAt?: string | undefined
  reference?: string | undefined
}

export type AcceptRefusalCode =
  | 'program_not_found'
  | 'invalid_number'
  | 'destination_not_allowed'
  | 'template_not_found'
  | 'template_not_approved'
  | 'template_language_unavailable'
  | 'missing_personalisation'
  | 'consent_required'
  | 'recipient_rate_limited'
  | 'invalid_send_at'
  | 'idempotency_key_reused'
  | 'sandbox_unavailable'

/** The 202 body: what was committed to the outbox. */
export interface AcceptedMessage {
  id: string
  status: 'queued'
  from: string
  to: string
  program: string
  segments: number
  encoding: 'gsm7' | 'ucs2'
  template: { key: string; version: number }
  language: Language
  priority: MessagePriority
  sendAt: string | undefined
  reference: string | undefined
  test: boolean
}

export type AcceptResult =
  | {
      ok: true
      message: AcceptedMessage
      replayed: boolean
      /** The text as sent, when secret values were masked in the stored copy. */
      secretBody?: string
    }
  | Refusal<AcceptRefusalCode>

/** How a caller other than the plain send API shapes the message. */
export interface AcceptOptions {
  apiKey: ApiKeyRecord
  idempotencyKey?: string | undefined
  /** What the text is for; `verification` texts carry a one-time code. */
  purpose?: 'regular' | 'verification'
  /**
   * Personalisation values never stored in clear (a one-time code): the
   * stored body and personalisation show them masked; the real text is
   * returned as `secretBody` for the sender to hold in memory.
   */
  secretValues?: readonly string[]
  /** The process holding the secret in memory (see SecretBodies). */
  heldBy?: string | undefined
}

export interface AcceptDeps {
  config: Config
  store: Store
  clock: Clock
  random: Random
  /** When given, the final write shares a commit with other writers (see GroupCommit). */
  commits?: GroupCommit
}

const IDEMPOTENCY_WINDOW_MS = 24 * 3_600_000

/**
 * Accepts a templated text for sending: checks it (number, destination,
 * template, personalisation, consent, per-recipient caps), then commits it to
 * the outbox in one transaction. Returning `ok: true` means it is durable.
 * A refusal for want of consent is itself recorded, as a blocked message.
 * @example await acceptMessage(deps, { to: '2505550123', template: 'case_update', personalisation: {…}, program: 'general' }, { apiKey })
 */
export async function acceptMessage(
  deps: AcceptDeps,
  request: SendRequest,
  caller: AcceptOptions,
): Promise<AcceptResult> {
  const now = deps.clock.now()
  const requestHash = hashRequest(request)
  if (caller.idempotencyKey) {
    const previous = await findIdempotentResponse(
      deps.store.db,
      caller.apiKey.id,
      caller.idempotencyKey,
      now - IDEMPOTENCY_WINDOW_MS,
    )
    if (previous && previous.requestHash !== requestHash) {
      return refuse(
        'idempotency_key_reused',
        'this Idempotency-Key was used with a different request in the last 24 hours',
      )
    }
    if (previous) return { ok: true, message: previous.body as AcceptedMessage, replayed: true }
  }

  const draft = await prepare(deps, request, caller.apiKey, now)
  if (!draft.ok) return draft
  const { response } = draft
  const secret = maskSecrets(draft.message, request.personalisation, caller.secretValues ?? [])
  const message: NewMessage = {
    ...secret.message,
    purpose: caller.purpose ?? 'regular',
    heldBy: secret.body ? caller.heldBy : undefined,
  }

  const refusal = await checkRecipient(deps, message, now)
  if (refusal) return refusal

  const status = await getConsentStatus(deps.store.db, message.to, message.program ?? '')
  const policy = checkSendPolicy({
    status: status ?? 'unknown',
    purpose: 'regular',
    program: { requiresOptIn: draft.program.requiresOptIn },
  })
  if (!policy.allowed) {
    // nothing is queued, but the attempt is kept as a blocked message for the record
    const blocked: NewMessage = {
      ...message,
      status: 'blocked',
      nextAttemptAt: undefined,
      errorCode: policy.reason,
    }
    await insertMessages(deps.store.db, [blocked], () => deps.random.id())
    const reason = policy.reason === 'opted_out' ? 'has opted out of' : 'has not opted in to'
    return refuse('consent_required', `${message.to} ${reason} program ${draft.program.id}`, {
      consent: status ?? 'unknown',
      messageId: message.id,
    })
  }

  const write = async (trx: Kysely<Database>) => {
    await insertMessages(trx, [message], () => deps.random.id())
    if (draft.category === 'survey') {
      await insertSurveySessions(trx, [surveySessionFor(deps, message)])
    }
    if (caller.idempotencyKey) {
      await saveIdempotentResponse(trx, {
        apiKeyId: caller.apiKey.id,
        key: caller.idempotencyKey,
        requestHash,
        statusCode: 202,
        body: response,
        createdAt: now,
      })
    }
  }
  await (deps.commits ? deps.commits.run(write) : deps.store.db.transaction().execute(write))
  return {
    ok: true,
    message: response,
    replayed: false,
    ...(secret.body ? { secretBody: secret.body } : {}),
  }
}

/** A survey text opens a window in which the number's next reply answers it. */
export function surveySessionFor(deps: AcceptDeps, message: NewMessage): SurveySession {
  return {
    id: deps.random.id(),
    phone: message.to,
    ourNumber: message.from,
    program: message.program ?? '',
    messageId: message.id,
    templateKey: message.templateKey ?? '',
    sentAt: message.createdAt,
    expiresAt: message.createdAt + deps.config.surveys.windowHours * 3_600_000,
  }
}

const MASK = '••••••'

/** The message as stored: secret values masked in its body and personalisation. */
function maskSecrets(
  message: NewMessage,
  personalisation: Record<string, string>,
  secretNames: readonly string[],
): { message: NewMessage; body?: string } {
  const secrets = secretNames.map((name) => personalisation[name]).filter((v): v is string => !!v)
  if (secrets.length === 0) return { message }
  const masked = secrets.reduce((text, value) => text.split(value).join(MASK), message.body)
  const values = Object.fromEntries(
    Object.entries(personalisation).map(([k, v]) => [k, secretNames.includes(k) ? MASK : v]),
  )
  return { message: { ...message, body: masked, personalisation: values }, body: message.body }
}

type Prepared =
  | {
      ok: true
      message: NewMessage
      response: AcceptedMessage
      program: ProgramConfig
      category: TemplateVersion['category']
    }
  | Refusal<AcceptRefusalCode>

/** Everything that needs no write: resolve, render and measure the text. */
async function prepare(
  deps: AcceptDeps,
  request: SendRequest,
  apiKey: ApiKeyRecord,
  now: number,
): Promise<Prepared> {
  const { config } = deps
  const program = config.programs.find((p) => p.id === request.program)
  if (!program) {
    return refuse('program_not_found', `no program ${JSON.stringify(request.program)}`, {
      programs: config.programs.map((p) => p.id),
    })
  }
  const phone = checkDestination(config, request.to)
  if (!phone.ok) return phone
  let sendAt: number | undefined
  if (request.sendAt !== undefined) {
    sendAt = Date.parse(request.sendAt)
    if (Number.isNaN(sendAt))
      return refuse('invalid_send_at', 'sendAt must be an ISO 8601 date-time')
  }

  const template = await findSendableTemplate(deps.store.db, request.template)
  if (!template.exists)
    return refuse('template_not_found', `no template ${JSON.stringify(request.template)}`)
  if (!template.approved) {
    return refuse('template_not_approved', `template ${request.template} has no approved version`)
  }
  const contact = request.language ? undefined : await findContactByPhone(deps.store.db, phone.e164)
  const wanted = request.language ?? contact?.language ?? config.defaultLanguage
  const language: Language = isLanguage(wanted) ? wanted : 'en'
  const rendered = renderTemplate(template.approved, language, request.personalisation)
  if (!rendered.ok && rendered.reason === 'missing_personalisation') {
    return refuse(
      'missing_personalisation',
      `missing personalisation: ${rendered.missing.join(', ')}`,
      {
        missing: rendered.missing,
      },
    )
  }
  if (!rendered.ok) {
    return refuse(
      'template_language_unavailable',
      `template ${request.template} has no ${language} variant`,
      {
        available: rendered.available,
      },
    )
  }

  let trunk: string | undefined
  if (apiKey.test) {
    trunk = Object.values(config.trunks).find((t) => t.type === 'sandbox')?.name
    if (!trunk)
      return refuse('sandbox_unavailable', 'a test key needs a sandbox trunk in the configuration')
  }
  const priority = request.priority ?? 'normal'
  const message = newMessage({
    id: deps.random.id(),
    program: program.id,
    from: program.sender,
    to: phone.e164,
    body: rendered.text,
    personalisation: request.personalisation,
    templateKey: template.approved.key,
    templateVersion: template.approved.version,
    language: rendered.language,
    priority,
    trunk,
    reference: request.reference,
    apiKeyId: apiKey.id,
    test: apiKey.test,
    nextAttemptAt: Math.max(now, sendAt ?? now),
    sendAt,
    createdAt: now,
  })
  const count = { encoding: message.encoding, segments: message.segments }
  const response: AcceptedMessage = {
    id: message.id,
    status: 'queued',
    from: message.from,
    to: message.to,
    program: program.id,
    segments: count.segments,
    encoding: count.encoding,
    template: { key: template.approved.key, version: template.approved.version },
    language: rendered.language,
    priority,
    sendAt: sendAt === undefined ? undefined : new Date(sendAt).toISOString(),
    reference: request.reference,
    test: apiKey.test,
  }
  return { ok: true, message, response, program, category: template.approved.category }
}

async function checkRecipient(
  deps: AcceptDeps,
  message: NewMessage,
  now: number,
): Promise<Refusal<AcceptRefusalCode> | undefined> {
  const limits = DEFAULT_RECIPIENT_LIMITS
  const recent = await countRecentForRecipient(
    deps.store.db,
    message.to,
    now - limits.windowMs,
    message.body,
  )
  const decision = checkRecipientLimits(limits, recent)
  if (decision.ok) return undefined
  const what = decision.limit === 'identical' ? 'identical texts' : 'texts'
  return refuse(
    'recipient_rate_limited',
    `${message.to} already received ${decision.max} ${what} in the last hour`,
    {
      limit: decision.limit,
      max: decision.max,
    },
  )
}

/** A stable hash of a request body: keys sorted at every level. */
function hashRequest(request: SendRequest): string {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical)
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value)
          .filter(([, v]) => v !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([k, v]) => [k, canonical(v)]),
      )
    }
    return value
  }
  return createHash('sha256')
    .update(JSON.stringify(canonical(request)))
    .digest('hex')
}
