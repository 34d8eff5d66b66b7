import { format, useText } from '../text/use-text.ts'
import { formatDuration } from '../ui/format-duration.ts'
import { useNow } from '../ui/use-now.ts'
import type { ConversationSummary } from '../api/types.ts'
import type { Desk } from './desk-types.ts'

type Section = 'offered' | 'active' | 'ended' | 'waiting'

/** The time a list entry shows: how long it waited, has been open, or awaits wrap-up. */
function timeOf(c: ConversationSummary, section: Section, now: number, t: ListText): string {
  if (section === 'active')
    return format(t.activeFor, { time: formatDuration(now - (c.acceptedAt ?? c.openedAt)) })
  if (section === 'ended')
    return format(t.endedFor, { time: formatDuration(now - (c.endedAt ?? c.openedAt)) })
  return format(t.waited, { time: formatDuration(now - c.openedAt) })
}

type ListText = ReturnType<typeof useText>['desk']['list']

/**
 * My conversations by state (offered, active, awaiting wrap-up) and my queues' waiting ones,
 * each with a time that ticks; choosing one opens it beside the list.
 */
export function ConversationList({
  desk,
  queueName,
  selectedId,
  onSelect,
}: {
  desk: Desk
  queueName: (id: string | undefined) => string
  selectedId: string | undefined
  onSelect: (id: string) => void
}) {
  const text = useText()
  const now = useNow()
  const t = text.desk.list
  const sections: { key: Section; items: ConversationSummary[] }[] = [
    { key: 'offered', items: desk.mine.filter((c) => c.status === 'offered') },
    { key: 'active', items: desk.mine.filter((c) => c.status === 'active') },
    { key: 'ended', items: desk.mine.filter((c) => c.status === 'ended') },
    { key: 'waiting', items: desk.waiting },
  ]
  return (
    <div className="desk-list">
      {sections.map(({ key, items }) => (
        <section key={key} aria-labelledby={`desk-list-${key}`}>
          <h3 id={`desk-list-${key}`}>
            {t[key]} <span className="badge">{items.length}</span>
          </h3>
          {items.length === 0 ? (
            <p className="muted desk-list-none">{t.none}</p>
          ) : (
            <ul>
              {items.map((c) => (
                <li key={c.id}>
                  <button
                    type="button"
                    className={`desk-list-item desk-list-${key}`}
                    aria-current={c.id === selectedId ? 'true' : undefined}
                    onClick={() => onSelect(c.id)}
                  >
                    <span className="desk-list-number">{c.customerNumber}</span>
                    <span className="desk-list-meta">
                      {queueName(c.queueId)}
                      {c.flagged && <span className="badge badge-warn">{t.flagged}</span>}
                    </span>
                    <span className="desk-list-time">{timeOf(c, key, now, t)}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  )
}
