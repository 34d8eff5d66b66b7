import { useText } from '../text/use-text.ts'
import { LoadGate } from '../ui/feedback.tsx'
import { useNow } from '../ui/use-now.ts'
import type { SupervisorSettings } from './board-types.ts'
import { QueueCard } from './queue-card.tsx'
import { useLiveQueues } from './supervisor-data.ts'

/** Every queue at a glance, live. */
export function QueueBoard({ settings }: { settings: SupervisorSettings }) {
  const text = useText()
  const queues = useLiveQueues()
  const now = useNow()
  return (
    <section className="stack sv-page" aria-labelledby="queue-board-title">
      <h1 id="queue-board-title">{text.supervisor.board.title}</h1>
      <p className="muted">{text.supervisor.board.intro}</p>
      <LoadGate loaded={queues}>
        {({ items, readAt }) =>
          items.length === 0 ? (
            <p className="muted">{text.supervisor.board.none}</p>
          ) : (
            <div className="sv-queue-grid">
              {items.map((queue) => (
                <QueueCard
                  key={queue.id}
                  queue={queue}
                  settings={settings}
                  elapsedMs={Math.max(0, now - readAt)}
                />
              ))}
            </div>
          )
        }
      </LoadGate>
    </section>
  )
}
