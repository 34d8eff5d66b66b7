import { bcPhnValid } from './bc-phn-valid.ts'
import { digitRuns } from './digit-runs.ts'
import type { DigitGroup, DigitRun } from './digit-runs.ts'
import { luhnValid } from './luhn-valid.ts'
import type { PiiKind, PiiMatch } from './pii-match.ts'

const MAX_DIGITS = 19

/**
 * Candidate payment cards, SINs and BC PHNs (REFERENCE.md "Personal information"): spans of whole
 * digit groups with the right length, a shape people actually type, and a valid check digit.
 * - payment card: 13–19 digits, Luhn-valid; one block, or a first group of 4 then groups of 3–6
 *   (4-4-4-4, 4-6-5 Amex, 4-4-4-4-3);
 * - SIN: 9 digits, one block or 3-3-3, Luhn-valid (first digit 9, a temporary SIN, included);
 * - BC PHN: 10 digits starting with 9, MOD-11 valid; one block or three groups of 3–4 (4-3-3).
 * A grouped span uses one separator throughout. Spans never start or end inside a group, so
 * '4111 1111 1111 1111 123' (card + CVV) still yields the card, while in
 * '250-555-0199 250-555-0199' no card is made of pieces of two phone numbers.
 * Candidates may overlap; findPii chooses among them.
 */
export function findNumericIds(text: string): PiiMatch[] {
  const found: PiiMatch[] = []
  for (const run of digitRuns(text)) collectFromRun(text, run, found)
  return found
}

function collectFromRun(text: string, run: DigitRun, found: PiiMatch[]): void {
  // '+1 969 865 8215' is a phone number even though '969 865 8215' passes the PHN check.
  if (run.international) return
  const { groups } = run
  for (let i = run.gluedBefore ? 1 : 0; i < groups.length; i++) {
    const first = groups[i] as DigitGroup
    const separator = text[first.end]
    const sizes: number[] = []
    let digits = ''
    for (let j = i; j < groups.length; j++) {
      const group = groups[j] as DigitGroup
      if (j > i && text[group.start - 1] !== separator) break
      digits += text.slice(group.start, group.end)
      sizes.push(group.end - group.start)
      if (digits.length > MAX_DIGITS) break
      if (j === groups.length - 1 && run.gluedAfter) break
      const kind = identify(digits, sizes)
      if (kind !== undefined) {
        found.push({
          kind,
          start: first.start,
          end: group.end,
          value: text.slice(first.start, group.end),
        })
      }
    }
  }
}

function identify(digits: string, sizes: readonly number[]): PiiKind | undefined {
  const n = digits.length
  const single = sizes.length === 1
  if (n >= 13 && (single || isCardShape(sizes)) && luhnValid(digits)) return 'payment_card'
  if (n === 9 && (single || sizes.join('-') === '3-3-3') && luhnValid(digits)) return 'sin'
  if (n === 10 && (single || isPhnShape(sizes)) && bcPhnValid(digits)) return 'bc_phn'
  return undefined
}

function isCardShape(sizes: readonly number[]): boolean {
  return sizes[0] === 4 && sizes.every((size, k) => k === 0 || (size >= 3 && size <= 6))
}

function isPhnShape(sizes: readonly number[]): boolean {
  return sizes.length === 3 && sizes.every((size) => size === 3 || size === 4)
}
