import { useEffect, useRef } from 'react'
import { format, useText } from '../text/use-text.ts'
import type { ConversationEvent, TranscriptMessage } from '../api/types.ts'
import { formatTime } from './format-time.ts'

type Entry =
  | { kind: 'message'; at: number; message: TranscriptMessage }
  | { kind: 'event'; at: number; event: ConversationEvent }

/** Events worth a line between the texts: a transfer (with its note) and the end. */
const SHOWN_EVENTS = new Set(['transferred', 'ended'])

/**
 * The texts either way as bubbles (the customer's on the left, ours on the right) with their
 * times and, for ours, the delivery status; transfer notes and the end between them. Bodies
 * are shown as stored: personal information masked at arrival stays masked.
 */
export function TranscriptView({
  messages,
  events,
  meId,
}: {
  messages: TranscriptMessage[]
  events: ConversationEvent[]
  meId: string
}) {
  const text = useText()
  const t = text.desk.transcript
  const end = useRef<HTMLLIElement>(null)
  const entries: Entry[] = [
    ...messages.map((message) => ({ kind: 'message' as const, at: message.createdAt, message })),
    ...events
      .filter((event) => SHOWN_EVENTS.has(event.type))
      .map((event) => ({ kind: 'event' as const, at: event.occurredAt, event })),
  ].sort((a, b) => a.at - b.at)

  useEffect(() => {
    end.current?.scrollIntoView({ block: 'nearest' })
  }, [entries.length])

  // who wrote each of our texts: its message_out event names the agent (none: Parley itself)
  const senders = new Map<unknown, string | undefined>(
    events.filter((e) => e.type === 'message_out').map((e) => [e.data?.messageId, e.agentId]),
  )
  const authorOf = (m: TranscriptMessage): string => {
    if (m.direction === 'inbound') return t.customer
    const agentId = senders.get(m.id)
    if (agentId === undefined) return t.automatic
    return agentId === meId ? t.you : t.agent
  }

  if (entries.length === 0) return <p className="muted">{t.empty}</p>
  return (
    <ol className="transcript" aria-label={t.label}>
      {entries.map((entry) =>
        entry.kind === 'message' ? (
          <MessageBubble
            key={entry.message.id}
            message={entry.message}
            author={authorOf(entry.message)}
          />
        ) : (
          <li key={entry.event.id} className="transcript-event">
            {eventLine(entry.event, meId, t)} · <time>{formatTime(entry.at)}</time>
          </li>
        ),
      )}
      <li ref={end} className="transcript-end" aria-hidden="true" />
    </ol>
  )
}

function eventLine(
  event: ConversationEvent,
  meId: string,
  t: ReturnType<typeof useText>['desk']['transcript'],
): string {
  if (event.type === 'ended') return t.ended
  const note = typeof event.data?.note === 'string' ? event.data.note : ''
  if (event.agentId === meId) return format(t.transferredByMe, { note })
  return note ? format(t.transferred, { note }) : t.transferredNoNote
}

function MessageBubble({ message, author }: { message: TranscriptMessage; author: string }) {
  const text = useText()
  const t = text.desk.transcript
  const inbound = message.direction === 'inbound'
  const tone =
    message.status === 'delivered'
      ? 'badge-ok'
      : ['failed', 'undelivered', 'blocked', 'expired'].includes(message.status)
        ? 'badge-bad'
        : ''
  return (
    <li className={inbound ? 'bubble bubble-in' : 'bubble bubble-out'}>
      <span className="bubble-who">{author}</span>
      <p className="bubble-body">{message.body}</p>
      <span className="bubble-meta">
        <time dateTime={new Date(message.createdAt).toISOString()}>
          {formatTime(message.createdAt)}
        </time>
        {!inbound && (
          <>
            {' '}
            <span className={`badge ${tone}`}>{t.delivery[message.status] ?? message.status}</span>
            {message.segments > 1 && <> · {format(t.segments, { n: message.segments })}</>}
          </>
        )}
      </span>
    </li>
  )
}
