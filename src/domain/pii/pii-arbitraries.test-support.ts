import fc from 'fast-check'

/** Test helpers that build checksum-valid numbers independently of the code under test. */

/** Appends the Luhn check digit to a payload of digits. */
export function withLuhnCheckDigit(payload: string): string {
  let sum = 0
  for (let i = 0; i < payload.length; i++) {
    // Digits at even distance from the (future) check digit are doubled.
    const d = Number(payload[payload.length - 1 - i])
    const doubled = i % 2 === 0 ? d * 2 : d
    sum += doubled > 9 ? doubled - 9 : doubled
  }
  return payload + String((10 - (sum % 10)) % 10)
}

/** Appends the BC PHN check digit to 9 digits, or undefined when the payload admits none. */
export function withPhnCheckDigit(payload: string): string | undefined {
  const weights = [2, 4, 8, 5, 10, 9, 7, 3]
  let sum = 0
  for (let i = 0; i < 8; i++) sum += Number(payload[i + 1]) * (weights[i] ?? 0)
  const check = 11 - (sum % 11)
  return check >= 10 ? undefined : payload + String(check)
}

const digits = (min: number, max: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...Array.from('0123456789')), minLength: min, maxLength: max })

export const cardDigits = digits(12, 18).map(withLuhnCheckDigit)
export const sinDigits = digits(8, 8).map(withLuhnCheckDigit)
export const phnDigits = digits(8, 8)
  .map((d) => withPhnCheckDigit(`9${d}`))
  .filter((d): d is string => d !== undefined)

/** Groups digits as people type them. */
export function grouped(number: string, sizes: readonly number[], separator: string): string {
  const parts: string[] = []
  let at = 0
  for (const size of sizes) {
    if (at >= number.length) break
    parts.push(number.slice(at, at + size))
    at += size
  }
  if (at < number.length) parts.push(number.slice(at))
  return parts.join(separator)
}

/** Surrounding text without digits or '+', in English and French, with an e-mail now and then. */
export const filler = fc.string({
  unit: fc.constantFrom(...Array.from('abc XYZ éÉç.,;:!?()-\'"’\n😀'), 'merci', 'card', 'SIN', 'à'),
  maxLength: 30,
})
