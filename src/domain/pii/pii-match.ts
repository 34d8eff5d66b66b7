/** Kinds of personal information Parley screens for and redacts (REFERENCE.md "Personal information"). */
export type PiiKind = 'payment_card' | 'sin' | 'bc_phn' | 'email' | 'phone'

export const PII_KINDS: readonly PiiKind[] = Object.freeze([
  'payment_card',
  'sin',
  'bc_phn',
  'email',
  'phone',
])

/** One piece of personal information found in a text. */
export interface PiiMatch {
  readonly kind: PiiKind
  /** UTF-16 index of the first character. */
  readonly start: number
  /** UTF-16 index just after the last character (end exclusive). */
  readonly end: number
  /** The text as written, separators included: text.slice(start, end). */
  readonly value: string
}
