import { useId, useState, type KeyboardEvent, type SyntheticEvent } from 'react'
import { api } from '../api/client.ts'
import { format, useText } from '../text/use-text.ts'
import { Notice } from '../ui/feedback.tsx'
import { useAction } from '../ui/use-action.ts'
import type { StandardResponse } from '../api/types.ts'
import { MAX_REPLY_LENGTH, type SentReply } from './desk-types.ts'
import { SegmentCounter } from './segment-counter.tsx'
import { StandardResponsePicker } from './standard-response-picker.tsx'

/**
 * Where the agent answers: free text with a live encoding and segment counter (Ctrl+Enter
 * sends), or a standard response from the picker.
 */
export function Composer({
  conversationId,
  responses,
  autoValues,
  preferredLanguage,
  autoFocus,
  onSent,
}: {
  conversationId: string
  responses: StandardResponse[]
  autoValues: Record<string, string>
  preferredLanguage: string | undefined
  autoFocus: boolean
  onSent: () => void
}) {
  const text = useText()
  const t = text.desk.composer
  const ids = useId()
  const [draft, setDraft] = useState('')
  const [picking, setPicking] = useState(false)
  // the text box comes back when the picker closes: focus returns to it
  const [returning, setReturning] = useState(false)
  const closePicker = () => {
    setPicking(false)
    setReturning(true)
  }
  const tooLong = draft.length > MAX_REPLY_LENGTH

  const send = useAction(
    async (body: unknown) => {
      const sent = await api.post<SentReply>(`/v1/conversations/${conversationId}/messages`, body)
      const c = text.desk.counter
      const segments =
        sent.segments === 1 ? c.segmentsOne : format(c.segmentsMany, { n: sent.segments })
      onSent()
      return format(t.sent, { segments })
    },
    { describe: t.sendFailed },
  )
  const { busy, failure, done } = send

  const sendDraft = async (event?: SyntheticEvent) => {
    event?.preventDefault()
    if (busy || draft.trim() === '' || tooLong) return
    if (await send.run({ text: draft })) setDraft('')
  }

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault()
      void sendDraft()
    }
  }

  return (
    <div className="composer stack">
      {picking ? (
        <StandardResponsePicker
          responses={responses}
          autoValues={autoValues}
          preferredLanguage={preferredLanguage}
          onClose={closePicker}
          onSend={async (reply) => {
            if (await send.run(reply)) closePicker()
          }}
        />
      ) : (
        <form className="stack" onSubmit={(e) => void sendDraft(e)}>
          <label className="field">
            <span>{t.label}</span>
            <textarea
              value={draft}
              rows={3}
              autoFocus={autoFocus || returning}
              aria-describedby={`${ids}-count`}
              aria-keyshortcuts="Control+Enter"
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={onKeyDown}
            />
          </label>
          <SegmentCounter text={draft} id={`${ids}-count`} />
          {tooLong && (
            <Notice tone="warning">{format(t.tooLong, { max: MAX_REPLY_LENGTH })}</Notice>
          )}
          {failure && <Notice tone="error">{failure}</Notice>}
          <div className="row">
            <button
              type="submit"
              className="button button-primary"
              disabled={busy || draft.trim() === '' || tooLong}
            >
              {busy ? t.sending : t.send}
            </button>
            <button type="button" className="button" onClick={() => setPicking(true)}>
              {t.standard}
            </button>
          </div>
        </form>
      )}
      {picking && failure && <Notice tone="error">{failure}</Notice>}
      <span className="composer-sent muted" role="status">
        {done ?? ''}
      </span>
    </div>
  )
}
