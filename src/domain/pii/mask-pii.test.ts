import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { findPii } from './find-pii.ts'
import { cardLastFourMask, maskPii } from './mask-pii.ts'
import { cardDigits, filler, phnDigits, sinDigits } from './pii-arbitraries.test-support.ts'

describe('maskPii', () => {
  const rows = [
    { text: 'card 4111 1111 1111 1111 exp 12/27', masked: 'card [card] exp 12/27' },
    { text: 'SIN 046 454 286, PHN 9698 658 215', masked: 'SIN [SIN], PHN [PHN]' },
    { text: 'reach me at a@b.ca or +1 250 555 0199', masked: 'reach me at [email] or [phone]' },
    { text: 'nothing here', masked: 'nothing here' },
  ]
  for (const { text, masked } of rows) {
    it(`${text} → ${masked}`, () => assert.equal(maskPii(text, findPii(text)), masked))
  }

  it('cardLastFourMask keeps the last four digits of cards only, for agent screens', () => {
    const text = 'card 4111-1111-1111-1234 SIN 046454286'.replace('1234', '1111')
    assert.equal(
      maskPii(text, findPii(text), cardLastFourMask),
      'card [card ending 1111] SIN [SIN]',
    )
  })

  it('tolerates unsorted, overlapping and out-of-range matches', () => {
    const value = (s: number, e: number) => 'abcdefghij'.slice(s, e)
    const matches = [
      { kind: 'phone', start: 4, end: 8, value: value(4, 8) },
      { kind: 'email', start: 2, end: 6, value: value(2, 6) },
      { kind: 'sin', start: 9, end: 50, value: value(9, 50) },
    ] as const
    assert.equal(maskPii('abcdefghij', matches), 'ab[email][phone]i[SIN]')
  })

  it('property: masking removes every digit of each match and keeps the rest', () => {
    const piece = fc.oneof(filler, cardDigits, sinDigits, phnDigits, fc.constant('604-555-0199'))
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const text = pieces.join(' ')
        const matches = findPii(text)
        const masked = maskPii(text, matches)
        const digitsOutside = matches
          .reduce(
            (rest, m) => rest.slice(0, m.start) + ' '.repeat(m.end - m.start) + rest.slice(m.end),
            text,
          )
          .replace(/\D/g, '')
        assert.equal(masked.replace(/\D/g, ''), digitsOutside)
      }),
      { numRuns: 1000 },
    )
  })
})
