import { findEmails } from './find-emails.ts'
import { findNumericIds } from './find-numeric-ids.ts'
import { findPhones } from './find-phones.ts'
import { PII_KINDS } from './pii-match.ts'
import type { PiiKind, PiiMatch } from './pii-match.ts'

/**
 * When spans overlap, the more specific kind wins: a checksum-valid card, SIN or PHN over an
 * e-mail or phone pattern (a valid PHN '9698658215' is also shaped like a NANP phone number).
 */
const PRIORITY: Readonly<Record<PiiKind, number>> = {
  payment_card: 0,
  sin: 1,
  bc_phn: 2,
  email: 3,
  phone: 4,
}

/**
 * Finds personal information in a message: payment cards, Canadian SINs, BC PHNs (all
 * checksum-validated: a number failing its check digit is not flagged), e-mail addresses and
 * phone numbers. Results are sorted by start and never overlap. Overlaps are settled across all
 * kinds before `kinds` filters the result, so asking only for phones never reports a valid PHN
 * as a phone. Digits are ASCII 0–9. Never throws.
 * @example findPii('Card 4111 1111 1111 1111, call 250-555-0199')
 * // [{ kind: 'payment_card', start: 5, end: 24, value: '4111 1111 1111 1111' },
 * //  { kind: 'phone', start: 31, end: 43, value: '250-555-0199' }]
 */
export function findPii(text: string, kinds: readonly PiiKind[] = PII_KINDS): PiiMatch[] {
  const candidates = [...findNumericIds(text), ...findEmails(text), ...findPhones(text)]
  candidates.sort(
    (a, b) => PRIORITY[a.kind] - PRIORITY[b.kind] || a.start - b.start || b.end - a.end,
  )
  // One flag per UTF-16 index taken by a chosen match: overlap checks stay linear in the spans.
  const taken = new Uint8Array(text.length)
  const chosen: PiiMatch[] = []
  for (const candidate of candidates) {
    if (taken.subarray(candidate.start, candidate.end).includes(1)) continue
    taken.fill(1, candidate.start, candidate.end)
    chosen.push(candidate)
  }
  const wanted = new Set(kinds)
  return chosen.filter((m) => wanted.has(m.kind)).sort((a, b) => a.start - b.start)
}
