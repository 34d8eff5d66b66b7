import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { countSegments } from './count-segments.ts'
import { gsm7SeptetCount, gsm7Septets } from './gsm7-alphabet.ts'
import { SEGMENT_SIZES } from './sms-encoding.ts'
import { splitSegments } from './split-segments.ts'
import { anyText } from './segment-arbitraries.test-support.ts'

const a = (n: number): string => 'a'.repeat(n)
const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff

const rows = [
  { name: 'empty text is one empty part', text: '', encoding: 'gsm7', lengths: [0] },
  { name: '160 GSM-7 characters stay one part', text: a(160), encoding: 'gsm7', lengths: [160] },
  { name: '161 split 153 + 8', text: a(161), encoding: 'gsm7', lengths: [153, 8] },
  // REFERENCE.md: an escape pair is never split across parts.
  {
    name: 'an escape pair at the boundary moves whole to the next part',
    text: a(152) + '€' + a(152),
    encoding: 'gsm7',
    lengths: [152, 152, 1],
  },
  {
    name: 'an escape pair that fits exactly stays',
    text: a(151) + '{' + a(10),
    encoding: 'gsm7',
    lengths: [152, 10],
  },
  { name: 'UCS-2 70 stay one part', text: 'ê' + a(69), encoding: 'ucs2', lengths: [70] },
  { name: 'UCS-2 71 split 67 + 4', text: 'ê' + a(70), encoding: 'ucs2', lengths: [67, 4] },
  // REFERENCE.md: an emoji is a surrogate pair (2 units) and is never split.
  {
    name: 'a surrogate pair at the boundary moves whole',
    text: a(66) + '😀' + a(10),
    encoding: 'ucs2',
    lengths: [66, 12],
  },
] as const

describe('splitSegments', () => {
  for (const { name, text, encoding, lengths } of rows) {
    it(name, () => {
      const split = splitSegments(text)
      assert.equal(split.encoding, encoding)
      assert.deepEqual(
        split.parts.map((p) => p.length),
        lengths,
      )
      assert.equal(split.parts.join(''), text)
    })
  }

  it('property: parts join back to the text and agree with countSegments', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const split = splitSegments(text)
        const count = countSegments(text)
        assert.equal(split.parts.join(''), text)
        assert.equal(split.parts.length, count.segments)
        assert.equal(split.encoding, count.encoding)
      }),
      { numRuns: 2000 },
    )
  })

  it('property: no part exceeds its size in its own unit', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const { encoding, parts } = splitSegments(text)
        const size = SEGMENT_SIZES[encoding]
        const limit = parts.length === 1 ? size.single : size.concatenated
        for (const part of parts) {
          const units = encoding === 'gsm7' ? gsm7SeptetCount(part) : part.length
          assert.ok(units >= 0 && units <= limit, `${units} > ${limit}`)
        }
      }),
      { numRuns: 2000 },
    )
  })

  it('property: no surrogate pair is split and every part but the last is full', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const { encoding, parts } = splitSegments(text)
        const size = SEGMENT_SIZES[encoding].concatenated
        for (let i = 0; i + 1 < parts.length; i++) {
          const part = parts[i]!
          const next = parts[i + 1]!
          assert.ok(part.length > 0 && next.length > 0)
          assert.ok(!(isHigh(part.charCodeAt(part.length - 1)) && isLow(next.charCodeAt(0))))
          // Greedy packing: the next item would not have fitted in this part.
          const nextCost =
            encoding === 'gsm7'
              ? gsm7Septets(next.charCodeAt(0))
              : isHigh(next.charCodeAt(0)) && isLow(next.charCodeAt(1))
                ? 2
                : 1
          const used = encoding === 'gsm7' ? gsm7SeptetCount(part) : part.length
          assert.ok(used + nextCost > size)
        }
      }),
      { numRuns: 2000 },
    )
  })
})
