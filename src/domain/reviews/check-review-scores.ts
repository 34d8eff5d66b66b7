/** A criterion of the review scorecard: scored from 0 to `maxScore`. */
export interface ReviewCriterion {
  readonly id: string
  readonly label: string
  readonly maxScore: number
}

export type ScoreProblem =
  | { readonly code: 'unknown_criterion'; readonly criteria: string[] }
  | { readonly code: 'score_out_of_range'; readonly criterion: string; readonly maxScore: number }
  | { readonly code: 'missing_score'; readonly criteria: string[] }

/**
 * Checks a review's scores against the scorecard: every criterion scored, each a whole number
 * from 0 to its `maxScore`, and nothing else. Reports the first kind of problem found, in that
 * order: unknown criteria, then a score out of range, then missing criteria.
 * @example checkReviewScores([{ id: 'tone', label: 'Tone', maxScore: 5 }], { tone: 6 }) // { code: 'score_out_of_range', criterion: 'tone', maxScore: 5 }
 * @example checkReviewScores([{ id: 'tone', label: 'Tone', maxScore: 5 }], { tone: 4 }) // undefined
 */
export function checkReviewScores(
  criteria: readonly ReviewCriterion[],
  scores: Readonly<Record<string, number>>,
): ScoreProblem | undefined {
  const byId = new Map(criteria.map((c) => [c.id, c]))
  const unknown = Object.keys(scores).filter((id) => !byId.has(id))
  if (unknown.length > 0) return { code: 'unknown_criterion', criteria: unknown }
  for (const [id, score] of Object.entries(scores)) {
    const maxScore = byId.get(id)?.maxScore ?? 0
    if (!Number.isInteger(score) || score < 0 || score > maxScore) {
      return { code: 'score_out_of_range', criterion: id, maxScore }
    }
  }
  const missing = criteria.filter((c) => !Object.hasOwn(scores, c.id)).map((c) => c.id)
  if (missing.length > 0) return { code: 'missing_score', criteria: missing }
  return undefined
}
