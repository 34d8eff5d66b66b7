import { api } from '../api/client.ts'
import { useText } from '../text/use-text.ts'
import { LoadGate } from '../ui/feedback.tsx'
import { useLoad } from '../ui/use-load.ts'
import type { Review, ReviewCriterion } from './board-types.ts'
import { ReviewForm } from './review-form.tsx'
import { ReviewList } from './review-list.tsx'

/** A conversation's quality reviews: the earlier ones, and a form for a new one. */
export function ReviewPanel({
  conversationId,
  criteria,
}: {
  conversationId: string
  criteria: readonly ReviewCriterion[]
}) {
  const text = useText()
  const t = text.supervisor.review
  const reviews = useLoad(
    async () =>
      (
        await api.get<{ reviews: Review[] }>(
          `/v1/conversations/${encodeURIComponent(conversationId)}/reviews`,
        )
      ).reviews,
    [conversationId],
  )
  return (
    <section className="panel stack sv-review-panel" aria-labelledby="review-title">
      <h2 id="review-title">{t.title}</h2>
      <ReviewForm conversationId={conversationId} criteria={criteria} onSaved={reviews.reload} />
      <h3>{t.earlierTitle}</h3>
      <LoadGate loaded={reviews}>
        {(list) => <ReviewList reviews={list} criteria={criteria} />}
      </LoadGate>
    </section>
  )
}
