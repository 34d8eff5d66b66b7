import { useId, useState, type SyntheticEvent } from 'react'
import { api } from '../api/client.ts'
import { useText } from '../text/use-text.ts'
import { ActionNotice } from '../ui/feedback.tsx'
import { useAction } from '../ui/use-action.ts'

/**
 * Closes my ended conversation with one of its queue's disposition codes (required) and an
 * optional note. Alt+W brings focus here.
 */
export function WrapUpForm({
  conversationId,
  dispositions,
  autoFocus,
  onWrappedUp,
}: {
  conversationId: string
  autoFocus: boolean
  dispositions: { code: string; label: string }[]
  onWrappedUp: () => void
}) {
  const text = useText()
  const t = text.desk.wrapUp
  const ids = useId()
  const [disposition, setDisposition] = useState('')
  const [note, setNote] = useState('')
  const wrapUp = useAction(
    async () => {
      await api.post(`/v1/conversations/${conversationId}/wrap-up`, {
        disposition,
        ...(note.trim() ? { note: note.trim() } : {}),
      })
      onWrappedUp()
    },
    { describe: t.failed, keepBusyOnSuccess: true },
  )
  const submit = (event: SyntheticEvent) => {
    event.preventDefault()
    void wrapUp.run()
  }

  return (
    <form className="panel stack wrap-up" aria-labelledby={`${ids}-title`} onSubmit={submit}>
      <h3 id={`${ids}-title`}>{t.title}</h3>
      <label className="field">
        <span>{t.disposition}</span>
        <select
          id="desk-disposition"
          value={disposition}
          required
          autoFocus={autoFocus}
          onChange={(e) => setDisposition(e.target.value)}
        >
          <option value="">{t.choose}</option>
          {dispositions.map((d) => (
            <option key={d.code} value={d.code}>
              {d.label}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t.note}</span>
        <textarea value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} />
      </label>
      <ActionNotice action={wrapUp} />
      <div>
        <button type="submit" className="button button-primary" disabled={wrapUp.busy}>
          {t.submit}
        </button>
      </div>
    </form>
  )
}
