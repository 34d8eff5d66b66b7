import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { checkReviewScores } from './check-review-scores.ts'

const criteria = [
  { id: 'greeting', label: 'Greeting', maxScore: 5 },
  { id: 'privacy', label: 'Privacy', maxScore: 3 },
]

const cases = [
  { name: 'every criterion within range', scores: { greeting: 5, privacy: 0 }, code: undefined },
  { name: 'the maximum itself is allowed', scores: { greeting: 5, privacy: 3 }, code: undefined },
  {
    name: 'above a criterion’s own maximum',
    scores: { greeting: 4, privacy: 4 },
    code: 'score_out_of_range',
  },
  { name: 'negative', scores: { greeting: -1, privacy: 1 }, code: 'score_out_of_range' },
  { name: 'not a whole number', scores: { greeting: 2.5, privacy: 1 }, code: 'score_out_of_range' },
  {
    name: 'a criterion not on the scorecard',
    scores: { greeting: 4, privacy: 1, empathy: 3 },
    code: 'unknown_criterion',
  },
  { name: 'a criterion left out', scores: { greeting: 4 }, code: 'missing_score' },
  {
    name: 'an inherited name is not a criterion',
    scores: { greeting: 4, privacy: 1, constructor: 1 },
    code: 'unknown_criterion',
  },
] as const

describe('checkReviewScores', () => {
  for (const { name, scores, code } of cases) {
    it(name, () => assert.equal(checkReviewScores(criteria, scores)?.code, code))
  }

  it('names what is wrong', () => {
    assert.deepEqual(checkReviewScores(criteria, { greeting: 1, privacy: 9 }), {
      code: 'score_out_of_range',
      criterion: 'privacy',
      maxScore: 3,
    })
    assert.deepEqual(checkReviewScores(criteria, {}), {
      code: 'missing_score',
      criteria: ['greeting', 'privacy'],
    })
  })
})
