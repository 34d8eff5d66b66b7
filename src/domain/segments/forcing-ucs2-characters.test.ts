import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { countSegments } from './count-segments.ts'
import { forcingUcs2Characters } from './forcing-ucs2-characters.ts'
import { anyText, gsmText } from './segment-arbitraries.test-support.ts'

describe('forcingUcs2Characters', () => {
  const rows = [
    {
      name: 'è à é pass, ô is reported (REFERENCE.md)',
      text: 'Très à côté',
      expected: [{ character: 'ô', start: 8, end: 9 }],
    },
    { name: 'pure GSM-7 French text has none', text: 'Merci, à bientot, réglé', expected: [] },
    {
      name: 'a typographic apostrophe is reported with its GSM-7 stand-in',
      text: 'l’été',
      expected: [{ character: '’', start: 1, end: 2, suggestion: "'" }],
    },
    {
      name: 'an emoji is one occurrence spanning two UTF-16 units',
      text: 'ok 😀!',
      expected: [{ character: '😀', start: 3, end: 5 }],
    },
    {
      name: 'every occurrence is listed, for highlighting',
      text: 'ça ça',
      expected: [
        { character: 'ç', start: 0, end: 1 },
        { character: 'ç', start: 3, end: 4 },
      ],
    },
  ]
  for (const { name, text, expected } of rows) {
    it(name, () => assert.deepEqual(forcingUcs2Characters(text), expected))
  }

  it('property: empty exactly when the text is GSM-7, and indexes point at the character', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, gsmText), (text) => {
        const found = forcingUcs2Characters(text)
        assert.equal(found.length === 0, countSegments(text).encoding === 'gsm7')
        for (const o of found) assert.equal(text.slice(o.start, o.end), o.character)
        assert.deepEqual(
          [...new Set(found.map((o) => o.character))],
          countSegments(text).ucs2Characters,
        )
      }),
      { numRuns: 1000 },
    )
  })
})
