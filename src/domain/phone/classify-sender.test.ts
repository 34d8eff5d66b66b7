import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { classifySender, NANP_TOLL_FREE_AREA_CODES } from './classify-sender.ts'
import type { SenderKind } from './classify-sender.ts'
import type { CountryCode } from './country-code.ts'
import { isShortCode } from './is-short-code.ts'

const rows: [string, CountryCode, SenderKind][] = [
  ['78787', 'CA', 'short_code'],
  ['787-87', 'CA', 'short_code'],
  ['555555', 'US', 'short_code'],
  ['+12505550199', 'CA', 'long_code'],
  ['(250) 555-0199', 'CA', 'long_code'],
  ['1-800-555-0199', 'CA', 'toll_free'],
  ['+1 833 555 0199', 'CA', 'toll_free'],
  ['8445550199', 'US', 'toll_free'],
  ['+18555550199', 'FR', 'toll_free'],
  ['+1 822 555 0199', 'CA', 'long_code'], // reserved toll-free code, not in service
  ['+44 800 123 4567', 'CA', 'toll_free'], // outside NANP the metadata decides
  ['0800 123 4567', 'GB', 'toll_free'],
  ['+44 20 7946 0958', 'CA', 'long_code'],
  ['13812345678', 'CN', 'long_code'], // an 11-digit Chinese mobile is not NANP +1 381…
  ['not a number', 'CA', 'long_code'],
]

describe('classifySender', () => {
  for (const [number, region, kind] of rows) {
    it(`${number} in ${region} is ${kind}`, () =>
      assert.equal(classifySender(number, region), kind))
  }

  for (const area of NANP_TOLL_FREE_AREA_CODES) {
    it(`NANP ${area} is toll-free`, () =>
      assert.equal(classifySender(`+1${area}5550199`, 'CA'), 'toll_free'))
  }

  it('isShortCode accepts 5–6 digits only', () => {
    assert.deepEqual(
      ['1234', '12345', '123456', '1234567', '+12345', '12a45', ' 78787 '].map(isShortCode),
      [false, true, true, false, false, false, true],
    )
  })

  it('property: never throws and a 5–6 digit number is always a short code', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (s) => {
        const kind = classifySender(s, 'CA')
        assert.equal(kind === 'short_code', isShortCode(s))
      }),
      { numRuns: 1000 },
    )
    fc.assert(
      fc.property(fc.stringMatching(/^\d{5,6}$/), (s) =>
        assert.equal(classifySender(s, 'US'), 'short_code'),
      ),
      { numRuns: 1000 },
    )
  })
})
