/** What a consent event does to a number's standing for one program. */
export type ConsentAction = 'opt_in' | 'opt_out'

/** Where a consent event came from; kept so an auditor can trace every change. */
export type ConsentSource = 'api' | 'keyword' | 'crm_sync' | 'agent' | 'import' | 'web'

/** The standing derived from a number's consent history for one program. */
export type ConsentStatus = 'opted_in' | 'opted_out' | 'unknown'

/** Every ConsentAction, for validation and exhaustive tests. */
export const CONSENT_ACTIONS: readonly ConsentAction[] = Object.freeze(['opt_in', 'opt_out'])

/** Every ConsentSource, for validation and exhaustive tests. */
export const CONSENT_SOURCES: readonly ConsentSource[] = Object.freeze([
  'api',
  'keyword',
  'crm_sync',
  'agent',
  'import',
  'web',
])

/**
 * One recorded change of consent. The history is append-only: the current status is derived
 * from all events (see deriveConsent), never stored on its own.
 */
export interface ConsentEvent {
  /** E.164, e.g. '+15145550100'. */
  readonly phone: string
  readonly program: string
  readonly action: ConsentAction
  readonly source: ConsentSource
  /** How the consent was obtained (form URL, message id, signed paper reference…). */
  readonly evidence?: string
  /** Who recorded it: a user id, an API client id, or 'system'. */
  readonly actor: string
  /** Epoch milliseconds at which the person gave or withdrew consent. */
  readonly occurredAt: number
}
