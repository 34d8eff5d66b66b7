import type { Config } from '../config/schema.ts'
import type { ConsentSource } from '../domain/consent/consent-event.ts'
import { validateConsentEvent } from '../domain/consent/validate-consent-event.ts'
import { isCountryCode } from '../domain/phone/country-code.ts'
import { parsePhone } from '../domain/phone/parse-phone.ts'
import type { Store } from '../store/connect.ts'
import {
  getConsents,
  listConsentEvents,
  recordConsentEvent,
  type StoredConsentEvent,
} from '../store/consents.ts'
import type { Clock, Random } from './ports.ts'
import { refuse, type Refusal } from './refusal.ts'

export interface ConsentDeps {
  config: Config
  store: Store
  clock: Clock
  random: Random
}

export interface ConsentChange {
  phone: string
  program: string
  status: 'opted_in' | 'opted_out'
  source: ConsentSource
  evidence?: string | undefined
  /** When the person gave or withdrew consent (ISO 8601); now when absent. */
  occurredAt?: string | undefined
  actor: string
}

export interface ProgramConsent {
  program: string
  status: 'opted_in' | 'opted_out' | 'unknown'
  since: string | undefined
}

export type ConsentRefusalCode = 'invalid_number' | 'program_not_found' | 'invalid_consent'

/**
 * Records a change of consent as an event (with source, evidence, who and
 * when) and returns the resulting status for that program.
 * @example await recordConsent(deps, { phone: '+12505550123', program: 'general', status: 'opted_in', source: 'api', evidence: 'web form #123', actor: 'apikey:crm' })
 */
export async function recordConsent(
  deps: ConsentDeps,
  change: ConsentChange,
): Promise<
  { ok: true; consent: ProgramConsent; event: StoredConsentEvent } | Refusal<ConsentRefusalCode>
> {
  const phone = normalisePhone(deps.config, change.phone)
  if (!phone.ok) return phone
  if (!deps.config.programs.some((p) => p.id === change.program)) {
    return refuse('program_not_found', `no program ${JSON.stringify(change.program)}`)
  }
  const now = deps.clock.now()
  const occurredAt = change.occurredAt === undefined ? now : Date.parse(change.occurredAt)
  const validation = validateConsentEvent({
    phone: phone.e164,
    program: change.program,
    action: change.status === 'opted_in' ? 'opt_in' : 'opt_out',
    source: change.source,
    evidence: change.evidence,
    actor: change.actor,
    occurredAt: Number.isNaN(occurredAt) ? undefined : occurredAt,
  })
  if (!validation.ok) {
    return refuse('invalid_consent', validation.problems.map((p) => p.message).join('; '), {
      problems: validation.problems,
    })
  }
  const event: StoredConsentEvent = {
    ...validation.event,
    id: deps.random.id(),
    evidence: validation.event.evidence,
    recordedAt: now,
  }
  const current = await recordConsentEvent(deps.store.db, event)
  return {
    ok: true,
    consent: {
      program: current.program,
      status: current.status,
      since: new Date(current.since).toISOString(),
    },
    event,
  }
}

/**
 * A number's consent for every configured program (unknown where never
 * recorded), with its full history.
 */
export async function lookUpConsent(
  deps: ConsentDeps,
  rawPhone: string,
): Promise<
  | { ok: true; phone: string; consents: ProgramConsent[]; events: StoredConsentEvent[] }
  | Refusal<'invalid_number'>
> {
  const phone = normalisePhone(deps.config, rawPhone)
  if (!phone.ok) return phone
  const stored = new Map((await getConsents(deps.store.db, phone.e164)).map((c) => [c.program, c]))
  const programs = new Set([...deps.config.programs.map((p) => p.id), ...stored.keys()])
  const consents = [...programs].map((program): ProgramConsent => {
    const c = stored.get(program)
    return {
      program,
      status: c?.status ?? 'unknown',
      since: c ? new Date(c.since).toISOString() : undefined,
    }
  })
  return {
    ok: true,
    phone: phone.e164,
    consents,
    events: await listConsentEvents(deps.store.db, phone.e164),
  }
}

function normalisePhone(
  config: Config,
  raw: string,
): { ok: true; e164: string } | Refusal<'invalid_number'> {
  const region = isCountryCode(config.defaultRegion) ? config.defaultRegion : 'CA'
  const parsed = parsePhone(raw, region)
  return parsed.ok
    ? { ok: true, e164: parsed.e164 }
    : refuse('invalid_number', parsed.message, { reason: parsed.reason })
}
