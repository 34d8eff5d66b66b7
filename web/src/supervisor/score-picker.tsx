import type { ReviewCriterion } from './board-types.ts'

/**
 * One criterion's score, 0 to its maximum, as a group of radio buttons named by the criterion
 * (arrow keys move between scores).
 */
export function ScorePicker({
  criterion,
  value,
  onChange,
}: {
  criterion: ReviewCriterion
  value: number | undefined
  onChange: (score: number) => void
}) {
  const scores = Array.from({ length: criterion.maxScore + 1 }, (_, i) => i)
  return (
    <fieldset className="sv-score-picker">
      <legend>{criterion.label}</legend>
      <div className="sv-score-options">
        {scores.map((score) => (
          <label key={score} className="sv-score-option">
            <input
              type="radio"
              name={`score-${criterion.id}`}
              value={score}
              checked={value === score}
              onChange={() => onChange(score)}
            />
            <span>{score}</span>
          </label>
        ))}
      </div>
    </fieldset>
  )
}
