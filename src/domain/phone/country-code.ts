import { isSupportedCountry } from 'libphonenumber-js/max'
import type { CountryCode } from 'libphonenumber-js/max'

/** ISO 3166-1 alpha-2 region ('CA', 'US', 'FR'…); re-exported so no one else imports libphonenumber-js. */
export type { CountryCode }

/**
 * Narrows a string from config or a request to a region libphonenumber-js has metadata for.
 * @example isCountryCode('CA') // true
 * @example isCountryCode('XX') // false
 */
export function isCountryCode(value: string): value is CountryCode {
  return /^[A-Z]{2}$/.test(value) && isSupportedCountry(value)
}
