import type { ConsentEvent } from './consent-event.ts'

/**
 * Total order on consent events: later `occurredAt` is greater; at the same instant an opt-out
 * is greater than an opt-in, because wrongly keeping someone opted in (an unwanted message, a
 * CASL/FCC breach) is worse than wrongly keeping them opted out (a missed notification they can
 * restore with START). Remaining ties are broken on the other fields so that the winner never
 * depends on the order events were read in.
 * @example compareConsentEvents(optInAt(5), optOutAt(5)) < 0 // the opt-out wins the tie
 */
export function compareConsentEvents(a: ConsentEvent, b: ConsentEvent): number {
  if (a.occurredAt !== b.occurredAt) return a.occurredAt < b.occurredAt ? -1 : 1
  if (a.action !== b.action) return a.action === 'opt_out' ? 1 : -1
  return (
    compareText(a.source, b.source) ||
    compareText(a.actor, b.actor) ||
    compareText(a.evidence ?? '', b.evidence ?? '') ||
    compareText(a.phone, b.phone) ||
    compareText(a.program, b.program)
  )
}

function compareText(a: string, b: string): number {
  if (a === b) return 0
  return a < b ? -1 : 1
}
