import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { countSegments } from './count-segments.ts'
import { gsmText, mixedText, nonGsmChar } from './segment-arbitraries.test-support.ts'

const a = (n: number): string => 'a'.repeat(n)

interface Row {
  name: string
  text: string
  encoding: 'gsm7' | 'ucs2'
  units: number
  segments: number
  perSegment: number
  remaining: number
}

// REFERENCE.md "Encoding and segments": GSM-7 160/153, extension chars cost 2 septets and an
// escape pair is never split; UCS-2 70/67, an emoji is a surrogate pair that is never split.
const rows: Row[] = [
  {
    name: 'empty text is one (empty) segment on the wire',
    text: '',
    encoding: 'gsm7',
    units: 0,
    segments: 1,
    perSegment: 160,
    remaining: 160,
  },
  {
    name: '160 GSM-7 characters fit one segment',
    text: a(160),
    encoding: 'gsm7',
    units: 160,
    segments: 1,
    perSegment: 160,
    remaining: 0,
  },
  {
    name: '161 need two parts of 153',
    text: a(161),
    encoding: 'gsm7',
    units: 161,
    segments: 2,
    perSegment: 153,
    remaining: 145,
  },
  {
    name: '306 fill two parts exactly',
    text: a(306),
    encoding: 'gsm7',
    units: 306,
    segments: 2,
    perSegment: 153,
    remaining: 0,
  },
  {
    name: '307 need a third part',
    text: a(307),
    encoding: 'gsm7',
    units: 307,
    segments: 3,
    perSegment: 153,
    remaining: 152,
  },
  {
    name: 'extension characters cost two septets each',
    text: '^{}\\[~]|€\f',
    encoding: 'gsm7',
    units: 20,
    segments: 1,
    perSegment: 160,
    remaining: 140,
  },
  {
    name: '80 euro signs are exactly 160 septets',
    text: '€'.repeat(80),
    encoding: 'gsm7',
    units: 160,
    segments: 1,
    perSegment: 160,
    remaining: 0,
  },
  {
    name: '76 euro signs fill 152 septets, the 77th moves whole to part 2',
    text: '€'.repeat(80) + 'a',
    encoding: 'gsm7',
    units: 161,
    segments: 2,
    perSegment: 153,
    remaining: 144,
  },
  {
    name: 'an escape pair is never split (152 + € + 152 needs 3 parts)',
    text: a(152) + '€' + a(152),
    encoding: 'gsm7',
    units: 306,
    segments: 3,
    perSegment: 153,
    remaining: 152,
  },
  {
    name: 'one non-GSM character switches to UCS-2 (70 units fit)',
    text: a(69) + '你',
    encoding: 'ucs2',
    units: 70,
    segments: 1,
    perSegment: 70,
    remaining: 0,
  },
  {
    name: '71 UCS-2 units need two parts of 67',
    text: a(70) + 'ê',
    encoding: 'ucs2',
    units: 71,
    segments: 2,
    perSegment: 67,
    remaining: 63,
  },
  {
    name: 'a 157-character reply with ê costs 3 segments (REFERENCE.md French accents)',
    text: 'ê' + a(156),
    encoding: 'ucs2',
    units: 157,
    segments: 3,
    perSegment: 67,
    remaining: 44,
  },
  {
    name: 'an emoji is two UTF-16 units',
    text: '😀',
    encoding: 'ucs2',
    units: 2,
    segments: 1,
    perSegment: 70,
    remaining: 68,
  },
  {
    name: 'a surrogate pair is never split: it moves whole to part 2',
    text: a(66) + '😀' + a(10),
    encoding: 'ucs2',
    units: 78,
    segments: 2,
    perSegment: 67,
    remaining: 55,
  },
  {
    name: 'a lone surrogate is one UCS-2 unit',
    text: '\ud83d' + a(3),
    encoding: 'ucs2',
    units: 4,
    segments: 1,
    perSegment: 70,
    remaining: 66,
  },
  {
    name: 'CR and LF are GSM-7',
    text: 'a\r\nb',
    encoding: 'gsm7',
    units: 4,
    segments: 1,
    perSegment: 160,
    remaining: 156,
  },
  {
    name: 'a tab is not GSM-7',
    text: 'a\tb',
    encoding: 'ucs2',
    units: 3,
    segments: 1,
    perSegment: 70,
    remaining: 67,
  },
]

// REFERENCE.md "French accents": é, è, É, à, ù, ì, ò, Ç are GSM-7; Ê, ê, â, î, ô, û, ç, À, È are not.
const gsmAccents = ['é', 'è', 'É', 'à', 'ù', 'ì', 'ò', 'Ç']
const ucs2Accents = ['Ê', 'ê', 'â', 'î', 'ô', 'û', 'ç', 'À', 'È']

describe('countSegments', () => {
  for (const { name, text, ...expected } of rows) {
    it(name, () => {
      const { encoding, units, segments, perSegment, remaining } = countSegments(text)
      assert.deepEqual({ encoding, units, segments, perSegment, remaining }, expected)
    })
  }

  for (const accent of gsmAccents) {
    it(`French ${accent} is GSM-7 (REFERENCE.md)`, () => {
      const count = countSegments(`Rendez-vous confirm${accent}`)
      assert.equal(count.encoding, 'gsm7')
      assert.deepEqual(count.ucs2Characters, [])
    })
  }
  for (const accent of ucs2Accents) {
    it(`French ${accent} forces UCS-2 and is reported (REFERENCE.md)`, () => {
      const count = countSegments(`Rendez-vous ${accent} demain`)
      assert.equal(count.encoding, 'ucs2')
      assert.deepEqual(count.ucs2Characters, [accent])
    })
  }

  it('reports distinct UCS-2 characters in order of first appearance, emoji whole', () => {
    assert.deepEqual(countSegments('ça fête ça 😀 ê').ucs2Characters, ['ç', 'ê', '😀'])
  })

  it('property: pure GSM-7 text stays gsm7 and its units are its septets', () => {
    fc.assert(
      fc.property(gsmText, (text) => {
        const count = countSegments(text)
        assert.equal(count.encoding, 'gsm7')
        assert.deepEqual(count.ucs2Characters, [])
        const septets = Array.from(text).reduce(
          (sum, c) => sum + ('\f^{}\\[~]|€'.includes(c) ? 2 : 1),
          0,
        )
        assert.equal(count.units, septets)
      }),
      { numRuns: 1000 },
    )
  })

  it('property: one non-GSM character anywhere flips the whole text to UCS-2', () => {
    fc.assert(
      fc.property(gsmText, nonGsmChar, fc.nat(), (text, char, at) => {
        const i = at % (text.length + 1)
        const count = countSegments(text.slice(0, i) + char + text.slice(i))
        assert.equal(count.encoding, 'ucs2')
        assert.equal(count.units, text.length + char.length)
        assert.deepEqual(count.ucs2Characters, [...new Set(char)])
      }),
      { numRuns: 1000 },
    )
  })

  it('property: remaining is within the segment and segments grow with length', () => {
    fc.assert(
      fc.property(mixedText, (text) => {
        const count = countSegments(text)
        assert.ok(count.remaining >= 0 && count.remaining <= count.perSegment)
        assert.ok(count.segments >= Math.ceil(count.units / count.perSegment))
        assert.equal(count.perSegment === 160 || count.perSegment === 70, count.segments === 1)
      }),
      { numRuns: 1000 },
    )
  })
})
