import { compareConsentEvents } from './compare-consent-events.ts'
import type { ConsentEvent, ConsentStatus } from './consent-event.ts'
import { ConsentScopeError } from './consent-scope-error.ts'

/**
 * A number's consent for one program. `since` is the time of the event that set the status
 * (the latest one), not the start of an unbroken run of same-status events: a run start could
 * not be kept up to date one event at a time when events arrive out of order.
 */
export interface ConsentState {
  readonly status: ConsentStatus
  readonly since?: number
  readonly lastEvent?: ConsentEvent
}

/** The state of a number with no consent history. */
export const UNKNOWN_CONSENT: ConsentState = Object.freeze({ status: 'unknown' })

/**
 * Derives the current consent from the full history of one (phone, program): the latest event
 * wins; at the same instant an opt-out wins (see compareConsentEvents). Input order is ignored.
 * Throws ConsentScopeError if the events belong to different numbers or programs.
 * @example deriveConsent([{ action: 'opt_in', occurredAt: 1, … }, { action: 'opt_out', occurredAt: 2, … }])
 *   // { status: 'opted_out', since: 2, lastEvent: { action: 'opt_out', … } }
 */
export function deriveConsent(events: readonly ConsentEvent[]): ConsentState {
  let state = UNKNOWN_CONSENT
  for (const event of events) state = applyConsentEvent(state, event)
  return state
}

/**
 * Folds one more event into a consent state. Folding a history in any order gives the same
 * state as deriveConsent, so a stored state can be updated without re-reading the history,
 * even when events arrive late (a CRM sync carrying an older opt-in changes nothing).
 * @example applyConsentEvent(UNKNOWN_CONSENT, { action: 'opt_in', occurredAt: 7, … }).status // 'opted_in'
 */
export function applyConsentEvent(current: ConsentState, event: ConsentEvent): ConsentState {
  const last = current.lastEvent
  if (last === undefined) return stateOf(event)
  if (last.phone !== event.phone || last.program !== event.program) {
    throw new ConsentScopeError(
      `consent events for ${last.phone}/${last.program} and ${event.phone}/${event.program} cannot be combined`,
    )
  }
  return compareConsentEvents(event, last) > 0 ? stateOf(event) : current
}

function stateOf(event: ConsentEvent): ConsentState {
  return {
    status: event.action === 'opt_in' ? 'opted_in' : 'opted_out',
    since: event.occurredAt,
    lastEvent: event,
  }
}
