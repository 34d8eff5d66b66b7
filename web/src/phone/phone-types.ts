/** Shapes of the phone simulator's API answers (GET /v1/sandbox/…; see /docs). */

export interface SandboxNumbers {
  trunk: string
  deliveryDelayMs: number
  /** Our numbers a simulated phone can text. */
  numbers: { number: string; label?: string; programs: { id: string; name: string }[] }[]
  /** Phones the sandbox treats specially. */
  special: { failTemporary: string[]; failPermanent: string[]; rejectAtSubmit: string[] }
}

export type SpecialKind = keyof SandboxNumbers['special']

export interface PhoneText {
  id: string
  /** The phone's side: sent = the phone texted us, received = we texted the phone. */
  direction: 'sent' | 'received'
  from: string
  to: string
  body: string
  program?: string
  purpose?: string
  status: string
  errorCode?: string
  segments: number
  encoding: string
  /** ISO time. */
  at: string
  /** The statuses with their times: the delivery receipts. */
  history: { status: string; at: string; detail?: Record<string, unknown> }[]
}

export interface PhoneThread {
  /** The phone, normalised to E.164 by the server. */
  phone: string
  texts: PhoneText[]
}

/** The other party of a text: one of our numbers. */
export function peerOf(text: PhoneText): string {
  return text.direction === 'sent' ? text.to : text.from
}
