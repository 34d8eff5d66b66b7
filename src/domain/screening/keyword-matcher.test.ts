import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { keywordTokens } from '../keywords/normalise-keyword-text.ts'
import { compileKeywords } from './keyword-matcher.ts'

const matcher = compileKeywords(['bill', 'Facture', 'opt out', 'mot de passe', '!!!'])

const rows: [text: string, matches: boolean][] = [
  ['bill', true],
  ['BILL please', true], // case-insensitive
  ['Bill: why so high?', true], // punctuation stripped from the first word
  ['  "bill"  ', true], // surrounding punctuation and spaces ignored (REFERENCE.md, Keywords)
  ['facturé', true], // accent-insensitive
  ['FACTURE: pourquoi?', true],
  ['Opt-out now', true], // several words match the first words
  ['mot de passe oublié', true],
  ['mot de pas', false],
  ['my bill', false], // only the first word counts
  ['billing', false], // whole words only
  ['', false],
  ['!!!', false], // a keyword without letters never matches
]

describe('compileKeywords', () => {
  for (const [text, expected] of rows) {
    it(`${JSON.stringify(text)} → ${expected}`, () =>
      assert.equal(matcher.matches(keywordTokens(text)), expected))
  }

  it('a text whose first word is a keyword matches, whatever follows', () => {
    const word = fc.constantFrom('bill', 'BILL', 'Bill.', 'facturé', 'FACTURE!')
    fc.assert(
      fc.property(word, fc.string(), (first, rest) => {
        assert.equal(matcher.matches(keywordTokens(`${first} ${rest}`)), true)
      }),
      { numRuns: 1000 },
    )
  })

  it('an empty keyword list matches nothing', () => {
    fc.assert(
      fc.property(fc.string(), (text) =>
        assert.equal(compileKeywords([]).matches(keywordTokens(text)), false),
      ),
      { numRuns: 1000 },
    )
  })
})
