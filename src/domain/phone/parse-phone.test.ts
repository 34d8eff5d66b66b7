import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import type { CountryCode } from './country-code.ts'
import { parsePhone } from './parse-phone.ts'
import type { PhoneRejection } from './parse-phone.ts'

type Row = { input: string; region: CountryCode } & (
  { e164: string; country: CountryCode | undefined } | { reason: PhoneRejection }
)

const rows: Row[] = [
  { input: '(250) 555-0199', region: 'CA', e164: '+12505550199', country: 'CA' },
  { input: '250.555.0199', region: 'CA', e164: '+12505550199', country: 'CA' },
  { input: '2505550199', region: 'US', e164: '+12505550199', country: 'CA' },
  { input: '1-250-555-0199', region: 'CA', e164: '+12505550199', country: 'CA' },
  { input: '  +1 250 555 0199  ', region: 'CA', e164: '+12505550199', country: 'CA' },
  { input: '+1 (250) 555-0199', region: 'FR', e164: '+12505550199', country: 'CA' },
  { input: '+1 800 555 0199', region: 'CA', e164: '+18005550199', country: 'US' },
  { input: '+33 1 23 45 67 89', region: 'CA', e164: '+33123456789', country: 'FR' },
  { input: '01 23 45 67 89', region: 'FR', e164: '+33123456789', country: 'FR' },
  // 011 is the international prefix from Canada/US; 00 from France.
  { input: '011 44 20 7946 0958', region: 'CA', e164: '+442079460958', country: 'GB' },
  { input: '001 250 555 0199', region: 'FR', e164: '+12505550199', country: 'CA' },
  { input: '001 250 555 0199', region: 'CA', reason: 'too_long' },
  { input: '', region: 'CA', reason: 'empty' },
  { input: '   ', region: 'CA', reason: 'empty' },
  { input: 'abc', region: 'CA', reason: 'not_a_number' },
  { input: 'call me at 250 555 0199', region: 'CA', reason: 'not_a_number' },
  { input: '12', region: 'CA', reason: 'too_short' },
  { input: '+1 250 555 019', region: 'CA', reason: 'too_short' },
  { input: '+1 250 555 01999', region: 'CA', reason: 'too_long' },
  { input: '1'.repeat(300), region: 'CA', reason: 'too_long' },
  { input: '+999 1234', region: 'CA', reason: 'invalid_country' },
  { input: '+1 123 555 0199', region: 'CA', reason: 'invalid' }, // NANP area codes never start with 1
  { input: '+1 250 555 0199 ext 5', region: 'CA', reason: 'has_extension' },
  { input: '(250) 555-0199 x12', region: 'CA', reason: 'has_extension' },
]

describe('parsePhone', () => {
  for (const row of rows) {
    const expected = 'reason' in row ? `rejected as ${row.reason}` : row.e164
    it(`${JSON.stringify(row.input.slice(0, 30))} in ${row.region} → ${expected}`, () => {
      const result = parsePhone(row.input, row.region)
      if ('reason' in row) {
        assert.ok(!result.ok)
        assert.equal(result.reason, row.reason)
        assert.ok(result.message.length > 0)
      } else {
        assert.deepEqual(result, { ok: true, e164: row.e164, country: row.country })
      }
    })
  }

  const region = fc.constantFrom<CountryCode>('CA', 'US', 'FR', 'GB', 'MX')
  const separator = fc.constantFrom('', ' ', '-', '.')
  const nanpNational = fc
    .tuple(
      fc.constantFrom('250', '604', '778', '236', '416', '514', '418', '800', '844', '212', '310'),
      fc.integer({ min: 200, max: 999 }),
      fc.integer({ min: 0, max: 9999 }),
      separator,
      fc.boolean(),
      fc.constantFrom('', '1 ', '+1 '),
    )
    .map(([area, exchange, line, sep, parens, prefix]) => {
      const a = parens ? `(${area}) ` : `${area}${sep}`
      return `${prefix}${a}${exchange}${sep}${String(line).padStart(4, '0')}`
    })
  const phoneish = fc.string({
    unit: fc.constantFrom(...Array.from('0123456789 +-().x')),
    maxLength: 25,
  })
  const anyInput = fc.oneof(nanpNational, phoneish, fc.string({ unit: 'binary', maxLength: 60 }))

  it('property: never throws, and every accepted number is E.164', () => {
    fc.assert(
      fc.property(anyInput, region, (input, r) => {
        const result = parsePhone(input, r)
        if (result.ok) assert.match(result.e164, /^\+[1-9]\d{6,14}$/)
        else assert.ok(result.message.length > 0)
      }),
      { numRuns: 3000 },
    )
  })

  it('property: parsing an E.164 result again, from any region, gives the same result', () => {
    fc.assert(
      fc.property(anyInput, region, region, (input, first, second) => {
        const result = parsePhone(input, first)
        if (!result.ok) return
        assert.deepEqual(parsePhone(result.e164, second), result)
      }),
      { numRuns: 2000 },
    )
  })

  it('property: NANP national formats in CA all reach the same E.164', () => {
    fc.assert(
      fc.property(nanpNational, (input) => {
        const result = parsePhone(input, 'CA')
        const digits = input.replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '')
        if (result.ok) assert.equal(result.e164, `+1${digits}`)
      }),
      { numRuns: 1000 },
    )
  })
})
