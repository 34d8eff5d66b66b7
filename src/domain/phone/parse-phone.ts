import {
  ParseError,
  parsePhoneNumberWithError,
  validatePhoneNumberLength,
} from 'libphonenumber-js/max'
import type { PhoneNumber } from 'libphonenumber-js/max'
import type { CountryCode } from './country-code.ts'

/** Why an input is not a phone number we can text. */
export type PhoneRejection =
  | 'empty'
  | 'not_a_number'
  | 'too_short'
  | 'too_long'
  | 'invalid_country'
  | 'invalid'
  | 'has_extension'

export type ParsedPhone =
  | { readonly ok: true; readonly e164: string; readonly country: CountryCode | undefined }
  | { readonly ok: false; readonly reason: PhoneRejection; readonly message: string }

const MESSAGES: Readonly<Record<PhoneRejection, string>> = {
  empty: 'Enter a phone number.',
  not_a_number: 'This does not look like a phone number.',
  too_short: 'This phone number has too few digits.',
  too_long: 'This phone number has too many digits.',
  invalid_country: 'This country calling code does not exist.',
  invalid: 'This is not a valid phone number for its country.',
  has_extension: 'A text message cannot be sent to an extension.',
}

/**
 * Parses a phone number typed by a person or found in config into E.164, validated against the
 * full ('max') metadata. National input uses `defaultRegion`; international input starts with
 * '+' or the region's own international prefix (011 from Canada/US, 00 from France: '001 250…'
 * is rejected in CA, accepted in FR). The whole input must be the number (surrounding spaces
 * aside): "call me at 250…" is rejected, so a typo never turns into a different number.
 * Numbers with an extension are rejected: the SMS would reach the main line, not the person.
 * Never throws.
 * @example parsePhone('(250) 555-0199', 'CA') // { ok: true, e164: '+12505550199', country: 'CA' }
 * @example parsePhone('12', 'CA') // { ok: false, reason: 'too_short', message: '…' }
 */
export function parsePhone(input: string, defaultRegion: CountryCode): ParsedPhone {
  const text = input.trim()
  if (text === '') return reject('empty')
  let phone: PhoneNumber
  try {
    phone = parsePhoneNumberWithError(text, { defaultCountry: defaultRegion, extract: false })
  } catch (error) {
    return reject(error instanceof ParseError ? fromLibraryCode(error.message) : 'not_a_number')
  }
  if (phone.ext !== undefined) return reject('has_extension')
  if (!phone.isValid()) return reject(lengthProblem(text, defaultRegion) ?? 'invalid')
  return { ok: true, e164: phone.number, country: phone.country }
}

function reject(reason: PhoneRejection): ParsedPhone {
  return { ok: false, reason, message: MESSAGES[reason] }
}

function lengthProblem(text: string, region: CountryCode): PhoneRejection | undefined {
  const problem = validatePhoneNumberLength(text, region)
  return problem === undefined || problem === 'INVALID_LENGTH'
    ? undefined
    : fromLibraryCode(problem)
}

function fromLibraryCode(code: string): PhoneRejection {
  switch (code) {
    case 'TOO_SHORT':
      return 'too_short'
    case 'TOO_LONG':
      return 'too_long'
    case 'INVALID_COUNTRY':
      return 'invalid_country'
    default:
      return 'not_a_number'
  }
}
