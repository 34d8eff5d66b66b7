import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { keywordTokens, normaliseKeywordText } from './normalise-keyword-text.ts'

describe('normaliseKeywordText', () => {
  const rows: [string, string][] = [
    ['  Arrêt!! ', 'ARRET'],
    ['stop,   please.', 'STOP, PLEASE'],
    ['\tStop\n', 'STOP'],
    ['«\u00a0ARRÊT\u00a0»', 'ARRET'], // French guillemets and no-break spaces
    ['ÉÈÀÙÇ', 'EEAUC'],
    ['ＳＴＯＰ', 'STOP'],
    ['🛑stop🛑', 'STOP'],
    ['...', ''],
    ['', ''],
    ["s'il vous plaît", "S'IL VOUS PLAIT"],
  ]
  for (const [text, expected] of rows) {
    it(`${JSON.stringify(text)} → ${JSON.stringify(expected)}`, () =>
      assert.equal(normaliseKeywordText(text), expected))
  }

  it('splits tokens on anything that is not a letter or digit', () => {
    assert.deepEqual(keywordTokens('Opt-Out, now!'), ['OPT', 'OUT', 'NOW'])
    assert.deepEqual(keywordTokens("s'il vous plaît"), ['S', 'IL', 'VOUS', 'PLAIT'])
  })

  it('property: idempotent, trimmed, no lowercase letters or combining marks left', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        const once = normaliseKeywordText(text)
        assert.equal(normaliseKeywordText(once), once)
        assert.doesNotMatch(once, /\p{M}|\s\s|^\s|\s$/u)
      }),
      { numRuns: 1000 },
    )
  })

  // a backtracking blow-up would never finish: the generous timeout is a hang guard, not a speed test
  it('stays linear on long punctuation runs', { timeout: 60_000 }, () => {
    assert.equal(normaliseKeywordText('!'.repeat(200000) + 'a' + '!'.repeat(200000)), 'A')
  })
})
