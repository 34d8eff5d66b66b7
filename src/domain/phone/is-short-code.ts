/**
 * Whether a sender number is a Canadian/US common short code: 5 or 6 digits, no '+' (a short
 * code has no E.164 form). Spaces and dashes people type in ('787-87') are ignored.
 * @example isShortCode('78787') // true
 * @example isShortCode('+12505550199') // false
 */
export function isShortCode(number: string): boolean {
  return /^\d{5,6}$/.test(number.trim().replace(/[ -]/g, ''))
}
