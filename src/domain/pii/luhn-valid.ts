/**
 * The Luhn (mod 10) check used by payment cards and Canadian SINs: from the right, double every
 * second digit, subtract 9 from doubles over 9, and the sum must be a multiple of 10.
 * Takes bare ASCII digits (at least 2: a payload and its check digit); anything else is false.
 * @example luhnValid('4111111111111111') // true
 * @example luhnValid('4111111111111112') // false
 */
export function luhnValid(digits: string): boolean {
  if (digits.length < 2) return false
  let sum = 0
  let double = false
  for (let i = digits.length - 1; i >= 0; i--) {
    const d = digits.charCodeAt(i) - 48
    if (d < 0 || d > 9) return false
    if (double) sum += d < 5 ? d * 2 : d * 2 - 9
    else sum += d
    double = !double
  }
  return sum % 10 === 0
}
