import type { ConsentStatus } from './consent-event.ts'

/** Why a message is being sent; replies to keywords follow different rules from campaigns. */
export type MessagePurpose =
  'regular' | 'opt_out_confirmation' | 'opt_in_confirmation' | 'help_reply' | 'conversation_reply'

export interface SendPolicyInput {
  readonly status: ConsentStatus
  readonly purpose: MessagePurpose
  readonly program: { readonly requiresOptIn: boolean }
}

export type SendPolicyDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly reason: 'consent_required' | 'opted_out' }

/**
 * Decides whether a message may be sent to a number given its consent. Re-checked at dispatch,
 * so an opt-out also stops messages already queued (REFERENCE.md, Law).
 * - An opted-out number never gets a regular message, whatever the program.
 * - Opt-out confirmations and help replies are always allowed: STOP is confirmed even when the
 *   number was not subscribed, and HELP is always answered (CWTA short-code guidelines).
 * - An opt-in confirmation only follows an opt-in.
 * - A program that does not require opt-in (e.g. transactional notices) may message 'unknown'.
 * - An agent's reply in a conversation the customer started is allowed unless they opted out:
 *   writing in asks for the answer.
 * @example checkSendPolicy({ status: 'opted_out', purpose: 'regular', program: { requiresOptIn: false } })
 *   // { allowed: false, reason: 'opted_out' }
 */
export function checkSendPolicy(input: SendPolicyInput): SendPolicyDecision {
  const { status, purpose, program } = input
  switch (purpose) {
    case 'opt_out_confirmation':
    case 'help_reply':
      return ALLOWED
    case 'opt_in_confirmation':
      return status === 'opted_in' ? ALLOWED : refuse(status)
    case 'conversation_reply':
      return status === 'opted_out' ? refuse(status) : ALLOWED
    case 'regular':
      if (status === 'opted_in') return ALLOWED
      if (status === 'unknown' && !program.requiresOptIn) return ALLOWED
      return refuse(status)
  }
}

const ALLOWED: SendPolicyDecision = Object.freeze({ allowed: true })

function refuse(status: ConsentStatus): SendPolicyDecision {
  return { allowed: false, reason: status === 'opted_out' ? 'opted_out' : 'consent_required' }
}
