import {
  CONSENT_ACTIONS,
  CONSENT_SOURCES,
  type ConsentAction,
  type ConsentEvent,
  type ConsentSource,
} from './consent-event.ts'

export type ConsentEventProblemCode = 'required' | 'invalid' | 'evidence_required'

export interface ConsentEventProblem {
  readonly field: keyof ConsentEvent | '$'
  readonly code: ConsentEventProblemCode
  readonly message: string
}

export type ConsentEventValidation =
  | { readonly ok: true; readonly event: ConsentEvent }
  | { readonly ok: false; readonly problems: readonly ConsentEventProblem[] }

/** E.164: '+', a non-zero country-code digit, at most 15 digits in all. */
const E164 = /^\+[1-9]\d{1,14}$/

/**
 * Checks untrusted input (API body, import row) before it becomes a ConsentEvent, reporting
 * every problem at once.
 *
 * Evidence rule: an opt-in must say how it was obtained (form URL, signed paper, call note),
 * because CASL puts the burden of proving consent on the sender. The one exception is the
 * 'keyword' source: the inbound message (START, ABONNER…) is itself the evidence and is
 * stored with the conversation. An opt-out never needs evidence: it must be honoured however
 * it arrives.
 * @example validateConsentEvent({ phone: '+15145550100', program: 'alerts', action: 'opt_in',
 *   source: 'web', actor: 'web-form', occurredAt: 1700000000000 })
 *   // { ok: false, problems: [{ field: 'evidence', code: 'evidence_required', … }] }
 */
export function validateConsentEvent(input: unknown): ConsentEventValidation {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, problems: [{ field: '$', code: 'invalid', message: 'expected an object' }] }
  }
  const raw = input as Record<string, unknown>
  const problems: ConsentEventProblem[] = []
  const phone = text(raw, 'phone', problems)
  if (phone !== undefined && !E164.test(phone)) {
    problems.push({
      field: 'phone',
      code: 'invalid',
      message: 'phone must be E.164, e.g. +15145550100',
    })
  }
  const program = text(raw, 'program', problems)
  const action = oneOf<ConsentAction>(raw, 'action', CONSENT_ACTIONS, problems)
  const source = oneOf<ConsentSource>(raw, 'source', CONSENT_SOURCES, problems)
  const actor = text(raw, 'actor', problems)
  const occurredAt = epochMs(raw, problems)
  const evidence = optionalText(raw, problems)
  if (
    action === 'opt_in' &&
    source !== undefined &&
    source !== 'keyword' &&
    evidence === undefined
  ) {
    problems.push({
      field: 'evidence',
      code: 'evidence_required',
      message: `an opt-in from '${source}' must record how consent was obtained`,
    })
  }
  if (
    problems.length > 0 ||
    phone === undefined ||
    program === undefined ||
    action === undefined ||
    source === undefined ||
    actor === undefined ||
    occurredAt === undefined
  ) {
    return { ok: false, problems }
  }
  const event: ConsentEvent = { phone, program, action, source, actor, occurredAt }
  return { ok: true, event: evidence === undefined ? event : { ...event, evidence } }
}

function text(
  raw: Record<string, unknown>,
  field: 'phone' | 'program' | 'actor',
  problems: ConsentEventProblem[],
): string | undefined {
  const value = raw[field]
  if (typeof value === 'string' && value.trim() !== '') return value.trim()
  problems.push({
    field,
    code: value === undefined ? 'required' : 'invalid',
    message: `${field} must be a non-empty string`,
  })
  return undefined
}

function optionalText(
  raw: Record<string, unknown>,
  problems: ConsentEventProblem[],
): string | undefined {
  const value = raw.evidence
  if (value === undefined || value === null) return undefined
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim()
  problems.push({ field: 'evidence', code: 'invalid', message: 'evidence must be a string' })
  return undefined
}

function oneOf<T extends string>(
  raw: Record<string, unknown>,
  field: 'action' | 'source',
  allowed: readonly T[],
  problems: ConsentEventProblem[],
): T | undefined {
  const value = raw[field]
  const match = allowed.find((candidate) => candidate === value)
  if (match !== undefined) return match
  problems.push({
    field,
    code: value === undefined ? 'required' : 'invalid',
    message: `${field} must be one of ${allowed.join(', ')}`,
  })
  return undefined
}

function epochMs(
  raw: Record<string, unknown>,
  problems: ConsentEventProblem[],
): number | undefined {
  const value = raw.occurredAt
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value
  problems.push({
    field: 'occurredAt',
    code: value === undefined ? 'required' : 'invalid',
    message: 'occurredAt must be a non-negative integer of epoch milliseconds',
  })
  return undefined
}
