import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { findPii } from './find-pii.ts'
import type { PiiKind } from './pii-match.ts'
import {
  cardDigits,
  filler,
  grouped,
  phnDigits,
  sinDigits,
} from './pii-arbitraries.test-support.ts'

/** Expected matches as [kind, value]; positions are checked by the properties below. */
const rows: { name: string; text: string; expected: [PiiKind, string][] }[] = [
  {
    name: 'Visa grouped by 4 with spaces',
    text: 'my card is 4111 1111 1111 1111 thanks',
    expected: [['payment_card', '4111 1111 1111 1111']],
  },
  {
    name: 'card with dashes',
    text: 'Card: 4111-1111-1111-1111.',
    expected: [['payment_card', '4111-1111-1111-1111']],
  },
  {
    name: 'card without separators',
    text: '4111111111111111',
    expected: [['payment_card', '4111111111111111']],
  },
  {
    name: 'Amex 4-6-5',
    text: 'amex 3782 822463 10005',
    expected: [['payment_card', '3782 822463 10005']],
  },
  {
    name: 'card followed by its CVV still found',
    text: '4111 1111 1111 1111 123',
    expected: [['payment_card', '4111 1111 1111 1111']],
  },
  {
    name: 'two cards in a row',
    text: '4111111111111111 5555555555554444',
    expected: [
      ['payment_card', '4111111111111111'],
      ['payment_card', '5555555555554444'],
    ],
  },
  { name: 'Luhn-invalid card is not flagged', text: 'card 4111 1111 1111 1112', expected: [] },
  {
    name: 'card glued to letters is a reference, not a card',
    text: 'REF4111111111111111X',
    expected: [],
  },
  { name: 'SIN grouped 3-3-3', text: 'NAS: 046 454 286', expected: [['sin', '046 454 286']] },
  { name: 'SIN with dashes', text: 'SIN 046-454-286', expected: [['sin', '046-454-286']] },
  { name: 'SIN in one block', text: 'sin=046454286;', expected: [['sin', '046454286']] },
  {
    name: 'temporary SIN (first digit 9) is still a SIN',
    text: 'SIN 900 000 001',
    expected: [['sin', '900 000 001']],
  },
  { name: 'Luhn-invalid SIN is not flagged', text: 'SIN 046 454 287', expected: [] },
  { name: '9 digits grouped 4-5 is not a SIN', text: 'code 0464 54286', expected: [] },
  {
    name: 'BC PHN in its card format 4-3-3',
    text: 'PHN 9698 658 215',
    expected: [['bc_phn', '9698 658 215']],
  },
  {
    name: 'a valid PHN shaped like a phone is a PHN, not a phone',
    text: 'call 9698658215',
    expected: [['bc_phn', '9698658215']],
  },
  {
    name: 'an invalid PHN shaped like a phone is a phone',
    text: 'call 9698658216',
    expected: [['phone', '9698658216']],
  },
  {
    name: 'a parenthesised area code is a phone even if the digits pass MOD-11',
    text: '(969) 865-8215',
    expected: [['phone', '(969) 865-8215']],
  },
  {
    name: 'after +, digits are a phone even if they pass MOD-11',
    text: '+1 969 865 8215',
    expected: [['phone', '+1 969 865 8215']],
  },
  {
    name: 'NANP with dashes',
    text: 'Call me at 250-555-0199.',
    expected: [['phone', '250-555-0199']],
  },
  { name: 'NANP with dots', text: '250.555.0199', expected: [['phone', '250.555.0199']] },
  { name: 'NANP with +1', text: 'tel +1 250 555 0199!', expected: [['phone', '+1 250 555 0199']] },
  { name: 'NANP with 1-', text: '1-800-555-0199', expected: [['phone', '1-800-555-0199']] },
  {
    name: 'international E.164',
    text: 'UK: +44 20 7946 0958',
    expected: [['phone', '+44 20 7946 0958']],
  },
  {
    name: 'international with (0)',
    text: '+44 (0)20 7946 0958',
    expected: [['phone', '+44 (0)20 7946 0958']],
  },
  {
    name: 'French number',
    text: 'appelez +33 1 23 45 67 89',
    expected: [['phone', '+33 1 23 45 67 89']],
  },
  {
    name: 'a phone after a card, separated by a space, is found',
    text: '4111111111111111 250-555-0199',
    expected: [
      ['payment_card', '4111111111111111'],
      ['phone', '250-555-0199'],
    ],
  },
  {
    name: 'phone numbers in a row are phones, never a card made of their pieces',
    text: '250-555-0199 250-555-0199, 604 555 0123 778 555 0111',
    expected: [
      ['phone', '250-555-0199'],
      ['phone', '250-555-0199'],
      ['phone', '604 555 0123'],
      ['phone', '778 555 0111'],
    ],
  },
  {
    name: 'a card typed with mixed separators is not a card shape',
    text: '4111-1111 1111-1111',
    expected: [],
  },
  {
    name: 'a dotted number inside a longer one is not a phone',
    text: '1.250.555.0199.7',
    expected: [],
  },
  { name: 'area code starting with 1 is not NANP', text: '123-456-7890', expected: [] },
  { name: '7-digit local number is not flagged', text: '555-0199', expected: [] },
  { name: 'a date is not a number of interest', text: 'on 2024-01-15 at 10:30', expected: [] },
  {
    name: 'e-mail, trailing dot left out',
    text: 'Write to Jane.Doe+sms@gov.bc.ca.',
    expected: [['email', 'Jane.Doe+sms@gov.bc.ca']],
  },
  { name: 'e-mail needs a dotted domain', text: 'me@localhost or @handle', expected: [] },
  {
    name: 'e-mail with a phone-like local part is an e-mail',
    text: '2505550199@txt.bell.ca',
    expected: [['email', '2505550199@txt.bell.ca']],
  },
  {
    name: 'French e-mail with accents',
    text: 'courriel : andré@québec.ca',
    expected: [['email', 'andré@québec.ca']],
  },
  {
    name: 'several kinds, sorted by position',
    text: 'SIN 046 454 286, card 4111111111111111, a@b.ca, 604-555-0123',
    expected: [
      ['sin', '046 454 286'],
      ['payment_card', '4111111111111111'],
      ['email', 'a@b.ca'],
      ['phone', '604-555-0123'],
    ],
  },
]

const kindsAndValues = (text: string, kinds?: readonly PiiKind[]): [PiiKind, string][] =>
  findPii(text, kinds).map((m) => [m.kind, m.value])

describe('findPii', () => {
  for (const { name, text, expected } of rows) {
    it(name, () => assert.deepEqual(kindsAndValues(text), expected))
  }

  it('filters by kind after settling overlaps', () => {
    const text = 'PHN 9698658215, phone 250-555-0199, card 4111111111111111'
    assert.deepEqual(kindsAndValues(text, ['phone']), [['phone', '250-555-0199']])
    assert.deepEqual(kindsAndValues(text, ['payment_card', 'bc_phn']), [
      ['bc_phn', '9698658215'],
      ['payment_card', '4111111111111111'],
    ])
    assert.deepEqual(findPii(text, []), [])
  })

  const embed = (number: fc.Arbitrary<string>) =>
    fc.tuple(filler, number, filler).map(([before, n, after]) => ({
      text: `${before} ${n} ${after}`,
      number: n,
      start: before.length + 1,
    }))

  // How card numbers are printed and typed, by length.
  const cardGroupings: Record<number, number[][]> = {
    13: [
      [4, 4, 5],
      [4, 3, 3, 3],
    ],
    14: [[4, 6, 4]],
    15: [
      [4, 6, 5],
      [4, 4, 4, 3],
    ],
    16: [[4, 4, 4, 4]],
    17: [[4, 4, 4, 5]],
    18: [[4, 4, 4, 6]],
    19: [[4, 4, 4, 4, 3]],
  }
  const cardFormats = cardDigits.chain((d) =>
    fc.constantFrom(
      d,
      ...(cardGroupings[d.length] ?? []).flatMap((sizes) => [
        grouped(d, sizes, ' '),
        grouped(d, sizes, '-'),
      ]),
    ),
  )
  const sinFormats = sinDigits.chain((d) =>
    fc.constantFrom(d, grouped(d, [3, 3, 3], ' '), grouped(d, [3, 3, 3], '-')),
  )
  const phnFormats = phnDigits.chain((d) =>
    fc.constantFrom(d, grouped(d, [4, 3, 3], ' '), grouped(d, [3, 3, 4], '-')),
  )

  for (const [kind, formats] of [
    ['payment_card', cardFormats],
    ['sin', sinFormats],
    ['bc_phn', phnFormats],
  ] as const) {
    it(`property: a valid ${kind} embedded in random text is found exactly`, () => {
      fc.assert(
        fc.property(embed(formats), ({ text, number, start }) => {
          const match = findPii(text).find((m) => m.start === start)
          assert.deepEqual(match, { kind, start, end: start + number.length, value: number })
        }),
        { numRuns: 1000 },
      )
    })
  }

  // Only formats with no shorter group-aligned span that could itself be a card or SIN.
  const changeOneDigit = (number: string, at: number, delta: number): string => {
    const positions = Array.from(number).flatMap((c, i) => (/\d/.test(c) ? [i] : []))
    const i = positions[at % positions.length]!
    return number.slice(0, i) + String((Number(number[i]) + delta) % 10) + number.slice(i + 1)
  }
  const invalid = (formats: fc.Arbitrary<string>) =>
    fc
      .tuple(formats, fc.nat(), fc.integer({ min: 1, max: 9 }))
      .map(([n, at, delta]) => changeOneDigit(n, at, delta))
  const contiguousOr4x4 = cardDigits.chain((d) =>
    fc.constantFrom(d, ...(d.length === 16 ? [grouped(d, [4, 4, 4, 4], ' ')] : [])),
  )

  for (const [name, formats] of [
    ['card', invalid(contiguousOr4x4)],
    ['SIN', invalid(sinFormats)],
  ] as const) {
    it(`property: a ${name} with one digit changed is not flagged as a card or SIN`, () => {
      fc.assert(
        fc.property(embed(formats), ({ text }) => {
          const flagged = findPii(text, ['payment_card', 'sin'])
          assert.deepEqual(flagged, [])
        }),
        { numRuns: 1000 },
      )
    })
  }

  it('property: never throws; matches are sorted, disjoint and point at their value', () => {
    const noisy = fc.string({
      unit: fc.constantFrom(...Array.from('0123456789 -.+()@abc.,é😀')),
      maxLength: 200,
    })
    fc.assert(
      fc.property(fc.oneof(noisy, fc.string({ unit: 'binary', maxLength: 200 })), (text) => {
        const matches = findPii(text)
        let previousEnd = 0
        for (const m of matches) {
          assert.ok(m.start >= previousEnd && m.end > m.start && m.end <= text.length)
          assert.equal(text.slice(m.start, m.end), m.value)
          previousEnd = m.end
        }
      }),
      { numRuns: 2000 },
    )
  })

  // a backtracking blow-up would never finish: the generous timeout is a hang guard, not a speed test
  it('stays linear on long adversarial input', { timeout: 60_000 }, () => {
    const text = '1 '.repeat(20000) + 'a'.repeat(20000) + '@'.repeat(5000) + '+1'.repeat(20000)
    assert.ok(Array.isArray(findPii(text)))
  })
})
