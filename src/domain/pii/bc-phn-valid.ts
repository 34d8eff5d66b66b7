/** Weights for digits 2–9 of a BC Personal Health Number (REFERENCE.md). */
const WEIGHTS = [2, 4, 8, 5, 10, 9, 7, 3] as const

/**
 * Whether 10 bare digits are a valid BC Personal Health Number: first digit 9, then a MOD-11
 * check digit. The rule, as the Province of BC's own validators apply it (HealthGateway and the
 * client-registry conformance guide): sum digit × weight over digits 2–9 with weights
 * 2,4,8,5,10,9,7,3; r = sum mod 11; check digit = 11 − r. When r is 0 or 1 the result (11 or 10)
 * is not a digit, so no valid PHN has that payload. (Some third-party libraries instead map
 * r = 0 to check digit 0; we follow the Province.)
 * @example bcPhnValid('9698658215') // true
 * @example bcPhnValid('9698658216') // false
 */
export function bcPhnValid(digits: string): boolean {
  if (digits.length !== 10 || !/^9\d{9}$/.test(digits)) return false
  let sum = 0
  for (let i = 0; i < WEIGHTS.length; i++) {
    sum += (digits.charCodeAt(i + 1) - 48) * (WEIGHTS[i] ?? 0)
  }
  const check = 11 - (sum % 11)
  return check < 10 && check === digits.charCodeAt(9) - 48
}
