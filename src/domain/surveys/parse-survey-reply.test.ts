import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { parseSurveyReply } from './parse-survey-reply.ts'

const rows: [string, ReturnType<typeof parseSurveyReply>][] = [
  ['5', { kind: 'rating', rating: 5 }],
  [' 1 ', { kind: 'rating', rating: 1 }],
  ['4!', { kind: 'rating', rating: 4 }],
  ['3/5', { kind: 'rating', rating: 3 }],
  ['2 out of 5', { kind: 'rating', rating: 2 }],
  ['4 sur 5', { kind: 'rating', rating: 4 }],
  ['Five', { kind: 'rating', rating: 5 }],
  ['cinq', { kind: 'rating', rating: 5 }],
  ['Deux.', { kind: 'rating', rating: 2 }],
  ['0', { kind: 'text', text: '0' }],
  ['6', { kind: 'text', text: '6' }],
  ['10', { kind: 'text', text: '10' }],
  ['5 but the wait was long', { kind: 'text', text: '5 but the wait was long' }],
  ["L'agent était très aimable", { kind: 'text', text: "L'agent était très aimable" }],
]

describe('parseSurveyReply', () => {
  for (const [input, expected] of rows) {
    it(`${JSON.stringify(input)} → ${expected.kind === 'rating' ? `rating ${expected.rating}` : 'free text'}`, () =>
      assert.deepEqual(parseSurveyReply(input), expected))
  }

  it('property: a digit 1–5 wrapped in spaces and punctuation is that rating', () => {
    const wrap = fc.stringMatching(/^[ !.?]{0,3}$/)
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), wrap, wrap, (n, before, after) => {
        assert.deepEqual(parseSurveyReply(`${before}${n}${after}`), { kind: 'rating', rating: n })
      }),
      { numRuns: 1000 },
    )
  })

  it('property: never throws, and free text keeps the words as written', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const reply = parseSurveyReply(text)
        if (reply.kind === 'text') assert.equal(reply.text, text.trim())
      }),
      { numRuns: 1000 },
    )
  })
})
