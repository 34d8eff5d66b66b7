import { useState } from 'react'
import { ApiError } from '../api/api-error.ts'
import { api } from '../api/client.ts'
import { format, useText } from '../text/use-text.ts'
import { errorText } from '../ui/error-message.ts'
import { Notice } from '../ui/feedback.tsx'
import { PhoneComposer } from './phone-composer.tsx'
import { PhoneThreadView } from './phone-thread.tsx'
import { peerOf } from './phone-types.ts'
import { usePhoneThread } from './use-phone-thread.ts'

/**
 * The simulated phone: its thread with the chosen number of ours (polled, so replies and
 * receipts appear), other threads it has, and the composer.
 */
export function PhoneFrame({
  phone,
  ourNumber,
  draft,
  onDraft,
  onOurNumber,
}: {
  phone: string
  ourNumber: string
  draft: string
  onDraft: (text: string) => void
  onOurNumber: (number: string) => void
}) {
  const text = useText()
  const t = text.phone
  const thread = usePhoneThread(phone)
  const [failure, setFailure] = useState<string>()

  const send = async (body: string) => {
    setFailure(undefined)
    try {
      await api.post(`/v1/sandbox/phones/${encodeURIComponent(phone)}/messages`, {
        to: ourNumber,
        body,
      })
      thread.reload()
      return true
    } catch (error) {
      setFailure(errorText(error))
      return false
    }
  }

  const texts = thread.state === 'ready' ? thread.data.texts : []
  const shown = texts.filter((m) => peerOf(m) === ourNumber)
  const others = new Map<string, number>()
  for (const m of texts) {
    const peer = peerOf(m)
    if (peer !== ourNumber) others.set(peer, (others.get(peer) ?? 0) + 1)
  }
  const who = thread.state === 'ready' ? thread.data.phone : phone
  const invalid =
    thread.state === 'failed' &&
    thread.error instanceof ApiError &&
    thread.error.code === 'invalid_number'

  return (
    <section className="phone-frame" aria-labelledby="phone-thread-title">
      <header className="phone-head">
        <h2 id="phone-thread-title">{format(t.threadTitle, { number: ourNumber })}</h2>
        <p className="small">
          {t.you}: {who}
        </p>
      </header>
      {thread.state === 'failed' && (
        <Notice tone="error">{invalid ? thread.error.message : errorText(thread.error)}</Notice>
      )}
      {others.size > 0 && (
        <div className="row small phone-others">
          <span>{t.otherThreads}</span>
          {[...others].map(([number, n]) => (
            <button
              key={number}
              type="button"
              className="phone-chip"
              onClick={() => onOurNumber(number)}
            >
              {format(t.otherThread, { number, n })}
            </button>
          ))}
        </div>
      )}
      <PhoneThreadView phone={who} ourNumber={ourNumber} texts={shown} />
      {failure !== undefined && <Notice tone="error">{failure}</Notice>}
      {!invalid && <PhoneComposer draft={draft} onDraft={onDraft} onSend={send} />}
      <p className="muted small phone-foot">{t.refreshing}</p>
    </section>
  )
}
