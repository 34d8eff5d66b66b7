import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { describeSegments } from './describe-segments.ts'

describe('describeSegments', () => {
  const rows = [
    {
      name: 'a short GSM-7 text is one part of 160',
      text: 'Service BC: hello',
      parts: [[17, 160]],
      encoding: 'gsm7',
    },
    {
      name: '161 GSM-7 characters are two parts of 153',
      text: 'a'.repeat(161),
      parts: [
        [153, 153],
        [8, 153],
      ],
      encoding: 'gsm7',
    },
    {
      name: 'an extension character costs two septets in its part',
      text: 'cost: 5€',
      parts: [[9, 160]],
      encoding: 'gsm7',
    },
    {
      name: 'one ê makes the whole text UCS-2, 70 per single part',
      text: 'Fête',
      parts: [[4, 70]],
      encoding: 'ucs2',
    },
    {
      name: '71 UCS-2 units are two parts of 67',
      text: 'ê'.repeat(71),
      parts: [
        [67, 67],
        [4, 67],
      ],
      encoding: 'ucs2',
    },
  ]
  for (const { name, text, parts, encoding } of rows) {
    it(name, () => {
      const described = describeSegments(text)
      assert.equal(described.encoding, encoding)
      assert.deepEqual(
        described.parts.map((p) => [p.units, p.limit]),
        parts,
      )
      assert.equal(described.segments, parts.length)
      assert.equal(described.parts.map((p) => p.text).join(''), text)
    })
  }

  it('lists each character forcing UCS-2 with its position and GSM-7 stand-in', () => {
    assert.deepEqual(describeSegments('l’été ç').ucs2Characters, [
      { character: '’', start: 1, end: 2, suggestion: "'" },
      { character: 'ç', start: 6, end: 7 },
    ])
  })
})
