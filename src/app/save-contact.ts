import type { Config } from '../config/schema.ts'
import { isCountryCode } from '../domain/phone/country-code.ts'
import { parsePhone } from '../domain/phone/parse-phone.ts'
import type { Store } from '../store/connect.ts'
import { upsertContact } from '../store/contacts.ts'
import type { Clock, Random } from './ports.ts'
import { refuse, type Refusal } from './refusal.ts'

/** Creates or updates the contact for a number (e-mail for the fallback, name, language). */
export async function saveContact(
  deps: { config: Config; store: Store; clock: Clock; random: Random },
  contact: {
    phone: string
    email?: string | undefined
    name?: string | undefined
    language?: string | undefined
  },
): Promise<{ ok: true; phone: string } | Refusal<'invalid_number'>> {
  const region = isCountryCode(deps.config.defaultRegion) ? deps.config.defaultRegion : 'CA'
  const parsed = parsePhone(contact.phone, region)
  if (!parsed.ok) return refuse('invalid_number', parsed.message, { reason: parsed.reason })
  await upsertContact(deps.store.db, {
    ...contact,
    id: deps.random.id(),
    phone: parsed.e164,
    at: deps.clock.now(),
  })
  return { ok: true, phone: parsed.e164 }
}
