import { useState, type KeyboardEvent, type SyntheticEvent } from 'react'
import { countSegments } from '../../../src/domain/segments/count-segments.ts'
import { format, useText } from '../text/use-text.ts'

/** What the phone types: a message box with the SMS count, quick texts and Send. */
export function PhoneComposer({
  draft,
  onDraft,
  onSend,
}: {
  draft: string
  onDraft: (text: string) => void
  onSend: (text: string) => Promise<boolean>
}) {
  const text = useText()
  const t = text.phone
  const [busy, setBusy] = useState(false)
  const count = countSegments(draft)
  const send = async (event?: SyntheticEvent) => {
    event?.preventDefault()
    if (!draft.trim() || busy) return
    setBusy(true)
    if (await onSend(draft.trim())) onDraft('')
    setBusy(false)
  }
  const onKey = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void send(event)
  }
  return (
    <form className="phone-composer" onSubmit={(e) => void send(e)}>
      <div className="row phone-quick-texts" role="group" aria-label={t.quickTexts}>
        {t.quick.map((q) => (
          <button key={q} type="button" className="phone-chip" onClick={() => onDraft(q)}>
            {q}
          </button>
        ))}
      </div>
      <label className="field">
        <span>{t.message}</span>
        <textarea
          value={draft}
          rows={2}
          maxLength={1600}
          aria-describedby="composer-count"
          onChange={(e) => onDraft(e.target.value)}
          onKeyDown={onKey}
        />
      </label>
      <div className="row phone-composer-foot">
        <span id="composer-count" className="muted small">
          {format(t.segments, {
            segments: count.segments,
            encoding: count.encoding === 'gsm7' ? 'GSM-7' : 'UCS-2',
            remaining: count.remaining,
          })}{' '}
          {t.sendHint}
        </span>
        <button type="submit" className="button button-primary" disabled={busy || !draft.trim()}>
          {busy ? t.sending : t.send}
        </button>
      </div>
    </form>
  )
}
