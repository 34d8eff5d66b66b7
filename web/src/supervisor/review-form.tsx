import { useState, type SyntheticEvent } from 'react'
import { ApiError } from '../api/api-error.ts'
import { api } from '../api/client.ts'
import { format, useText } from '../text/use-text.ts'
import { Notice } from '../ui/feedback.tsx'
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
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<{ tone: 'success' | 'error'; message: string }>()
  const complete = criteria.every((c) => scores[c.id] !== undefined)

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault()
    if (!complete) {
      setResult({ tone: 'error', message: t.incomplete })
      return
    }
    setBusy(true)
    try {
      const body = comment.trim() ? { scores, comment: comment.trim() } : { scores }
      const review = await api.post<Review>(
        `/v1/conversations/${encodeURIComponent(conversationId)}/reviews`,
        body,
      )
      setResult({
        tone: 'success',
        message: format(t.saved, { total: review.total, maxTotal: review.maxTotal }),
      })
      setScores({})
      setComment('')
      onSaved(review)
    } catch (error) {
      setResult({
        tone: 'error',
        message: error instanceof ApiError || error instanceof Error ? error.message : '',
      })
    }
    setBusy(false)
  }

  return (
    <form className="stack" onSubmit={(e) => void submit(e)} aria-labelledby="review-form-title">
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
      {result && <Notice tone={result.tone}>{result.message}</Notice>}
      <div>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t.saving : t.save}
        </button>
      </div>
    </form>
  )
}
