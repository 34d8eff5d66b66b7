import type { Config } from '../config/schema.ts'
import { isCountryCode } from '../domain/phone/country-code.ts'
import { parsePhone } from '../domain/phone/parse-phone.ts'
import { refuse, type Refusal } from './refusal.ts'

/**
 * A recipient number in E.164, if it parses and its country is allowed.
 * @example checkDestination(config, '(250) 555-0123') // { ok: true, e164: '+12505550123' }
 */
export function checkDestination(
  config: Config,
  raw: string,
): { ok: true; e164: string } | Refusal<'invalid_number' | 'destination_not_allowed'> {
  const region = isCountryCode(config.defaultRegion) ? config.defaultRegion : 'CA'
  const phone = parsePhone(raw, region)
  if (!phone.ok) return refuse('invalid_number', phone.message, { reason: phone.reason })
  if (!phone.country || !config.allowedCountries.includes(phone.country)) {
    return refuse(
      'destination_not_allowed',
      `texts to ${phone.country ?? 'this destination'} are not allowed`,
      {
        allowedCountries: config.allowedCountries,
      },
    )
  }
  return { ok: true, e164: phone.e164 }
}
