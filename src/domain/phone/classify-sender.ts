import { getCountryCallingCode, parsePhoneNumberWithError } from 'libphonenumber-js/max'
import type { CountryCode } from './country-code.ts'
import { isShortCode } from './is-short-code.ts'

/** The kind of number we send from; it sets throughput (REFERENCE.md "Throughput"). */
export type SenderKind = 'short_code' | 'long_code' | 'toll_free'

/** NANP toll-free area codes in service (822 and 880–887, 889 are reserved, not yet in use). */
export const NANP_TOLL_FREE_AREA_CODES: readonly string[] = Object.freeze([
  '800',
  '833',
  '844',
  '855',
  '866',
  '877',
  '888',
])

const TOLL_FREE = new Set(NANP_TOLL_FREE_AREA_CODES)

/**
 * Classifies one of OUR sender numbers: 5–6 digits is a short code; a NANP number in a toll-free
 * area code is toll-free; outside NANP, libphonenumber's metadata decides toll-free; anything else
 * (including a number we cannot parse) is a long code, the slowest class, so a mistake never
 * over-estimates throughput.
 * @example classifySender('78787', 'CA') // 'short_code'
 * @example classifySender('+1 833 555 0199', 'CA') // 'toll_free'
 * @example classifySender('(250) 555-0199', 'CA') // 'long_code'
 */
export function classifySender(number: string, region: CountryCode): SenderKind {
  if (isShortCode(number)) return 'short_code'
  const areaCode = nanpAreaCode(number, region)
  if (areaCode !== undefined) return TOLL_FREE.has(areaCode) ? 'toll_free' : 'long_code'
  return isTollFreeElsewhere(number, region) ? 'toll_free' : 'long_code'
}

function nanpAreaCode(number: string, region: CountryCode): string | undefined {
  const text = number.trim()
  if (/[^\d\s+().-]/.test(text)) return undefined
  const digits = text.replace(/\D/g, '')
  const withCountryCode = digits.length === 11 && digits.startsWith('1')
  if (text.startsWith('+')) return withCountryCode ? digits.slice(1, 4) : undefined
  // National input is NANP only in a NANP region: an 11-digit Chinese mobile also starts with 1.
  if (getCountryCallingCode(region) !== '1') return undefined
  if (digits.length === 10) return digits.slice(0, 3)
  return withCountryCode ? digits.slice(1, 4) : undefined
}

function isTollFreeElsewhere(number: string, region: CountryCode): boolean {
  try {
    const phone = parsePhoneNumberWithError(number.trim(), {
      defaultCountry: region,
      extract: false,
    })
    return phone.countryCallingCode !== '1' && phone.getType() === 'TOLL_FREE'
  } catch {
    return false
  }
}
