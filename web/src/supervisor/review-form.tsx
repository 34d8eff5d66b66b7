import { useState, type SyntheticEvent } from 'react'
import { api } from '../api/client.ts'
import { format, useText } from '../text/use-text.ts'
import { errorText } from '../ui/error-message.ts'
import { ActionNotice } from '../ui/feedback.tsx'
import { useAction } from '../ui/use-action.ts'
import type { Review, ReviewCriterion } from './board-types.ts'
import { ScorePicker } from './score-picker.tsx'

/** A short quality review: every configured criterion scored, and an optional comment. */
export function ReviewForm({
  conversationId,
  criteria,
  onSaved,
}: {
  conversationId: string
  criteria: readonly ReviewCriterion[]
  onSaved: (review: Review) => void
}) {
  const text = useText()
  const t = text.supervisor.review
  const [scores, setScores] = useState<Record<string, number>>({})
  const [comment, setComment] = useState('')
  const complete = criteria.every((c) => scores[c.id] !== undefined)
  const save = useAction(
    async () => {
      const body = comment.trim() ? { scores, comment: comment.trim() } : { scores }
      const review = await api.post<Review>(
        `/v1/conversations/${encodeURIComponent(conversationId)}/reviews`,
        body,
      )
      setScores({})
      setComment('')
      onSaved(review)
      return format(t.saved, { total: review.total, maxTotal: review.maxTotal })
    },
    { describe: errorText },
  )

  const submit = (event: SyntheticEvent) => {
    event.preventDefault()
    if (complete) void save.run()
    else save.fail(t.incomplete)
  }

  return (
    <form className="stack" onSubmit={submit} aria-labelledby="review-form-title">
      <h3 id="review-form-title">{t.formTitle}</h3>
      {criteria.map((criterion) => (
        <ScorePicker
          key={criterion.id}
          criterion={criterion}
          value={scores[criterion.id]}
          onChange={(score) => setScores((s) => ({ ...s, [criterion.id]: score }))}
        />
      ))}
      <label className="field">
        <span>{t.comment}</span>
        <textarea value={comment} maxLength={2000} onChange={(e) => setComment(e.target.value)} />
      </label>
      <ActionNotice action={save} />
      <div>
        <button type="submit" className="button button-primary" disabled={save.busy}>
          {save.busy ? t.saving : t.save}
        </button>
      </div>
    </form>
  )
}
