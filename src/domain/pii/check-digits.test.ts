import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { bcPhnValid } from './bc-phn-valid.ts'
import { luhnValid } from './luhn-valid.ts'
import { withLuhnCheckDigit, withPhnCheckDigit } from './pii-arbitraries.test-support.ts'

describe('luhnValid (cards and SINs, REFERENCE.md)', () => {
  const rows: [string, boolean][] = [
    ['4111111111111111', true], // Visa test number
    ['378282246310005', true], // Amex test number
    ['5555555555554444', true], // Mastercard test number
    ['046454286', true], // the SIN used in Service Canada examples
    ['4111111111111112', false],
    ['046454287', false],
    ['', false],
    ['0', false], // a check digit alone is not a number
    ['4111 1111 1111 1111', false], // bare digits only: callers strip separators
    ['41111111111111a1', false],
  ]
  for (const [digits, valid] of rows) {
    it(`${JSON.stringify(digits)} → ${valid}`, () => assert.equal(luhnValid(digits), valid))
  }

  it('property: a computed check digit is valid and any single-digit change breaks it', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(...Array.from('0123456789')),
          minLength: 1,
          maxLength: 18,
        }),
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        (payload, at, delta) => {
          const number = withLuhnCheckDigit(payload)
          assert.ok(luhnValid(number))
          const i = at % number.length
          const changed = String((Number(number[i]) + delta) % 10)
          assert.ok(!luhnValid(number.slice(0, i) + changed + number.slice(i + 1)))
        },
      ),
      { numRuns: 1000 },
    )
  })
})

describe('bcPhnValid (MOD-11, weights 2,4,8,5,10,9,7,3, REFERENCE.md)', () => {
  const rows: [string, boolean][] = [
    ['9698658215', true], // published example (python-stdnum, BC format '9698 658 215')
    ['9698658216', false],
    ['9698648215', false],
    ['5736504210', false], // must start with 9
    ['969865821', false],
    ['96986582150', false],
    ['9736A04212', false],
    // Payload 9 00000001: weighted sum 1 × 3 = 3, check digit 11 − 3 = 8.
    ['9000000018', true],
    ['9000000014', false],
    // Payload 90000000x with r = 0 (sum 0): 11 − 0 = 11 is no digit, so no check digit is valid.
    ['9000000000', false],
    // Payload with r = 1: digit 2 = 6 → 6×2 = 12, r = 1, 11 − 1 = 10: invalid whatever the last digit.
    ['9600000000', false],
    ['9600000001', false],
  ]
  for (const [digits, valid] of rows) {
    it(`${digits} → ${valid}`, () => assert.equal(bcPhnValid(digits), valid))
  }

  it('property: remainders 0 and 1 never give a valid PHN; others have exactly one check digit', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{8}$/), (middle) => {
        const valid = Array.from('0123456789').filter((d) => bcPhnValid(`9${middle}${d}`))
        const expected = withPhnCheckDigit(`9${middle}`)
        assert.deepEqual(valid, expected === undefined ? [] : [expected.slice(-1)])
      }),
      { numRuns: 1000 },
    )
  })
})
