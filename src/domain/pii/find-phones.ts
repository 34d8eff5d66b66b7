import type { PiiMatch } from './pii-match.ts'

// Both patterns are bounded (fixed or {m,n} repetition with distinct separators), so they run in
// linear time. A phone number must not sit inside a longer number: no letter or digit may touch
// either end, nor a digit across a dot or dash ('1.250.555.0199.7'). A space does separate: in
// 'card 4111111111111111 250-555-0199' the phone number is its own.
const NOT_AFTER = String.raw`(?<![\p{L}\p{N}_+]|\d[.-])`
const NOT_BEFORE = String.raw`(?![\p{L}\p{N}_]|[.-]\d)`

/** NANP: optional +1/1, area code and exchange starting 2–9, common separators or (area) code. */
const NANP = new RegExp(
  NOT_AFTER +
    String.raw`(?:\+?1[ .-]?)?(?:\([2-9]\d{2}\) ?|[2-9]\d{2}[ .-]?)[2-9]\d{2}[ .-]?\d{4}` +
    NOT_BEFORE,
  'gu',
)

/** International: '+', then 8–15 digits in total (E.164), with spaces, dots, dashes or (groups). */
const INTERNATIONAL = new RegExp(
  NOT_AFTER + String.raw`\+[1-9](?:(?:[ .-]| ?\(|\) ?)?\d){7,14}\)?` + NOT_BEFORE,
  'gu',
)

/**
 * Phone numbers written the usual North American ways or in international '+' form. Matches of
 * both patterns are returned (they may overlap); findPii keeps one.
 * @example findPhones('Call (250) 555-0199')[0]?.value // '(250) 555-0199'
 */
export function findPhones(text: string): PiiMatch[] {
  const found: PiiMatch[] = []
  for (const pattern of [NANP, INTERNATIONAL]) {
    for (const m of text.matchAll(pattern)) {
      found.push({ kind: 'phone', start: m.index, end: m.index + m[0].length, value: m[0] })
    }
  }
  return found
}
