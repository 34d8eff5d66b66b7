import { api } from '../api/client.ts'
import { format, useText } from '../text/use-text.ts'
import { ActionNotice } from '../ui/feedback.tsx'
import { useAction } from '../ui/use-action.ts'
import { formatDuration } from '../ui/format-duration.ts'
import { useNow } from '../ui/use-now.ts'
import { useLoad } from '../ui/use-load.ts'
import type { ConversationSummary, Transcript } from '../api/types.ts'
import { useShortcut } from './use-shortcut.ts'

/** What the banner tells about an offer: its last text, a transfer note, when it lapses. */
function offerDetails(transcript: Transcript | undefined) {
  const events = transcript?.events ?? []
  const offered = events.filter((e) => e.type === 'offered').at(-1)
  const transferred = events.filter((e) => e.type === 'transferred').at(-1)
  const expiresAt = offered?.data?.expiresAt
  const note = transferred?.data?.note
  const lastIn = transcript?.messages.filter((m) => m.direction === 'inbound').at(-1)
  return {
    expiresAt: typeof expiresAt === 'number' ? expiresAt : undefined,
    note: typeof note === 'string' && note !== '' ? note : undefined,
    lastText: lastIn?.body,
  }
}

/**
 * Announces a conversation offered to me (role=alert: screen readers speak it at once), with
 * Accept (Alt+A) and, when the server offers it, Decline.
 */
export function OfferBanner({
  offers,
  queueName,
  onAccept,
  onDecline,
}: {
  offers: ConversationSummary[]
  queueName: (id: string | undefined) => string
  onAccept: (id: string) => Promise<void>
  onDecline?: (id: string) => Promise<void>
}) {
  const text = useText()
  const now = useNow()
  const t = text.desk.offer
  const offer = offers[0]
  const transcript = useLoad(
    () =>
      offer ? api.get<Transcript>(`/v1/conversations/${offer.id}`) : Promise.resolve(undefined),
    [offer?.id],
  )
  const respond = useAction((answer: (id: string) => Promise<void>, id: string) => answer(id), {
    describe: t.failed,
  })
  const act = async (answer: (id: string) => Promise<void>) => {
    if (!offer || respond.busy) return
    await respond.run(answer, offer.id)
  }
  useShortcut('KeyA', () => void act(onAccept))

  if (!offer) return null
  const details = offerDetails(
    transcript.state === 'ready' && transcript.data?.conversation.id === offer.id
      ? transcript.data
      : undefined,
  )
  return (
    <div className="desk-offer" role="alert" aria-labelledby="desk-offer-title">
      <div className="desk-offer-body">
        <h2 id="desk-offer-title">{t.title}</h2>
        <p>
          {format(t.from, { number: offer.customerNumber, queue: queueName(offer.queueId) })}
          {details.expiresAt !== undefined && (
            <span className="desk-offer-expiry">
              {' · '}
              {format(t.expiresIn, { time: formatDuration(details.expiresAt - now) })}
            </span>
          )}
        </p>
        {details.lastText && (
          <blockquote className="desk-offer-text">{details.lastText}</blockquote>
        )}
        {details.note && <p>{format(t.transferNote, { note: details.note })}</p>}
        {offers.length > 1 && (
          <p className="muted">{format(t.more, { count: offers.length - 1 })}</p>
        )}
        <ActionNotice action={respond} />
      </div>
      <div className="desk-offer-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={respond.busy}
          aria-keyshortcuts="Alt+A"
          onClick={() => void act(onAccept)}
        >
          {t.accept}
        </button>
        {onDecline && (
          <button
            type="button"
            className="button"
            disabled={respond.busy}
            onClick={() => void act(onDecline)}
          >
            {t.decline}
          </button>
        )}
      </div>
    </div>
  )
}
