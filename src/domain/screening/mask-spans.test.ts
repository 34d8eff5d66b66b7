import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { maskSpans, occurrences, type MaskSpan } from './mask-spans.ts'

const span = (name: string, start: number, end: number): MaskSpan => ({
  name,
  start,
  end,
  mask: `[${name}]`,
})

const cases: {
  name: string
  text: string
  spans: MaskSpan[]
  maskedText: string
  masked: [string, number, number][]
}[] = [
  { name: 'nothing to mask', text: 'hello', spans: [], maskedText: 'hello', masked: [] },
  {
    name: 'one span',
    text: 'acct 123456 ok',
    spans: [span('acct', 5, 11)],
    maskedText: 'acct [acct] ok',
    masked: [['acct', 5, 11]],
  },
  {
    name: 'spans given out of order come out sorted',
    text: 'a1b2',
    spans: [span('y', 3, 4), span('x', 1, 2)],
    maskedText: 'a[x]b[y]',
    masked: [
      ['x', 1, 2],
      ['y', 3, 4],
    ],
  },
  {
    name: 'overlapping spans merge under the first one',
    text: '0123456789',
    spans: [span('pii', 4, 9), span('acct', 2, 6)],
    maskedText: '01[acct]9',
    masked: [['acct', 2, 9]],
  },
  {
    name: 'on the same start the longer span names the merge',
    text: '0123456789',
    spans: [span('short', 2, 4), span('long', 2, 8)],
    maskedText: '01[long]89',
    masked: [['long', 2, 8]],
  },
  {
    name: 'adjacent spans stay separate',
    text: 'abcd',
    spans: [span('x', 0, 2), span('y', 2, 4)],
    maskedText: '[x][y]',
    masked: [
      ['x', 0, 2],
      ['y', 2, 4],
    ],
  },
  {
    name: 'empty spans are ignored',
    text: 'abc',
    spans: [span('x', 1, 1)],
    maskedText: 'abc',
    masked: [],
  },
]

describe('maskSpans', () => {
  for (const { name, text, spans, maskedText, masked } of cases) {
    it(name, () => {
      const result = maskSpans(text, spans)
      assert.equal(result.maskedText, maskedText)
      assert.deepEqual(
        result.masked.map((m) => [m.name, m.start, m.end]),
        masked,
      )
    })
  }

  it('reports sorted, disjoint spans whose union covers every input span', () => {
    const spanArb = fc
      .tuple(fc.nat(30), fc.nat(10))
      .map(([start, length]) => span('s', start, start + length))
    fc.assert(
      fc.property(fc.array(spanArb, { maxLength: 8 }), (spans) => {
        const text = 'x'.repeat(45)
        const { masked } = maskSpans(text, spans)
        for (let i = 1; i < masked.length; i++) assert.ok(masked[i - 1]!.end <= masked[i]!.start)
        for (const s of spans.filter((s) => s.end > s.start)) {
          assert.ok(masked.some((m) => m.start <= s.start && s.end <= m.end))
        }
      }),
      { numRuns: 1000 },
    )
  })
})

describe('occurrences', () => {
  const rows: [text: string, value: string, found: [number, number][]][] = [
    [
      '12 and 12',
      '12',
      [
        [0, 2],
        [7, 9],
      ],
    ],
    ['111', '11', [[0, 2]]],
    ['abc', '', []],
    ['abc', 'd', []],
  ]
  for (const [text, value, found] of rows) {
    it(`${JSON.stringify(value)} in ${JSON.stringify(text)}`, () =>
      assert.deepEqual(occurrences(text, value), found))
  }

  it('masking every occurrence leaves none behind when the mask shares no character with the value', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9 ]{0,40}$/),
        fc.stringMatching(/^[0-9]{1,3}$/),
        (text, value) => {
          const spans = occurrences(text, value).map(([start, end]) => span('n', start, end))
          assert.ok(!maskSpans(text, spans).maskedText.includes(value))
        },
      ),
      { numRuns: 1000 },
    )
  })
})
