import { format, useText } from '../text/use-text.ts'
import type { TranscriptMessage } from '../api/types.ts'

/** The texts of a conversation either way, as stored (masked values stay masked). */
export function TranscriptMessages({ messages }: { messages: readonly TranscriptMessage[] }) {
  const text = useText()
  const t = text.supervisor.transcript
  if (messages.length === 0) return <p className="muted">{t.noMessages}</p>
  return (
    <ol className="plain-list sv-transcript">
      {messages.map((m) => {
        const inbound = m.direction === 'inbound'
        return (
          <li key={m.id} className={inbound ? 'sv-bubble sv-bubble-in' : 'sv-bubble sv-bubble-out'}>
            <p className="sv-bubble-body">{m.body}</p>
            <p className="sv-bubble-meta">
              {format(t.messageMeta, {
                who: inbound ? t.fromCitizen : t.fromUs,
                time: new Date(m.createdAt).toLocaleTimeString(),
                status: text.supervisor.messageStatuses[m.status] ?? m.status,
              })}
            </p>
          </li>
        )
      })}
    </ol>
  )
}
