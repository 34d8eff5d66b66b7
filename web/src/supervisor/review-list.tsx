import { format, useText } from '../text/use-text.ts'
import type { Review, ReviewCriterion } from './board-types.ts'

/** The reviews a conversation already has, newest first, each score against its maximum. */
export function ReviewList({
  reviews,
  criteria,
}: {
  reviews: readonly Review[]
  criteria: readonly ReviewCriterion[]
}) {
  const text = useText()
  const t = text.supervisor.review
  if (reviews.length === 0) return <p className="muted">{t.noneYet}</p>
  return (
    <ol className="plain-list stack">
      {[...reviews].reverse().map((review) => (
        <li key={review.id} className="sv-review">
          <p className="sv-review-head">
            <strong>{format(t.total, { total: review.total, maxTotal: review.maxTotal })}</strong>{' '}
            <span className="muted small">
              {format(t.by, {
                name: review.reviewer.displayName,
                time: new Date(review.createdAt).toLocaleString(),
              })}
            </span>
          </p>
          <ul className="plain-list small">
            {Object.entries(review.scores).map(([id, score]) => {
              const criterion = criteria.find((c) => c.id === id)
              return (
                <li key={id}>
                  {format(t.scoreLine, {
                    label: criterion?.label ?? id,
                    score,
                    max: criterion?.maxScore ?? '?',
                  })}
                </li>
              )
            })}
          </ul>
          {review.comment !== undefined && <p className="sv-review-comment">{review.comment}</p>}
        </li>
      ))}
    </ol>
  )
}
