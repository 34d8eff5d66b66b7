import { useId } from 'react'
import { AppLink } from '../ui/app-link.tsx'
import { AgentCounts } from './agent-counts.tsx'
import type { BoardQueue, SupervisorSettings } from './board-types.ts'
import { QueueFigures } from './queue-figures.tsx'
import { ServiceLevelLine } from './service-level-line.tsx'

/** One queue on the board; its name opens the queue's waiting conversations. */
export function QueueCard({
  queue,
  settings,
  elapsedMs,
}: {
  queue: BoardQueue
  settings: SupervisorSettings
  elapsedMs: number
}) {
  const titleId = useId()
  const target = settings.queues.find((q) => q.id === queue.id)?.serviceLevelSeconds
  const busy = queue.counts.waiting > 0
  return (
    <article
      className={busy ? 'panel sv-queue-card sv-queue-card-waiting' : 'panel sv-queue-card'}
      aria-labelledby={titleId}
    >
      <h2 id={titleId}>
        <AppLink to={`/queues/${encodeURIComponent(queue.id)}`}>{queue.name}</AppLink>
      </h2>
      <p className="muted small sv-queue-id">{queue.id}</p>
      <QueueFigures queue={queue} elapsedMs={elapsedMs} />
      <ServiceLevelLine level={queue.serviceLevel} targetSeconds={target} />
      <AgentCounts queue={queue} settings={settings} />
    </article>
  )
}
