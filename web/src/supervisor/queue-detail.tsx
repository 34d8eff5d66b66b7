import { useState } from 'react'
import { format, useText } from '../text/use-text.ts'
import { AppLink } from '../ui/app-link.tsx'
import { LoadGate, Notice } from '../ui/feedback.tsx'
import { useNow } from '../ui/use-now.ts'
import { AgentCounts } from './agent-counts.tsx'
import type { SupervisorSettings } from './board-types.ts'
import { HeldConversations } from './held-conversations.tsx'
import { QueueFigures } from './queue-figures.tsx'
import type { ActionOutcome } from './row-action.ts'
import { ServiceLevelLine } from './service-level-line.tsx'
import { useLiveAgents, useLiveQueues } from './supervisor-data.ts'
import { WaitingTable } from './waiting-table.tsx'

/** One queue: its numbers, its waiting conversations with actions, and those agents hold. */
export function QueueDetail({
  queueId,
  settings,
}: {
  queueId: string
  settings: SupervisorSettings
}) {
  const text = useText()
  const t = text.supervisor.detail
  const queues = useLiveQueues()
  const agents = useLiveAgents()
  const now = useNow()
  const [outcome, setOutcome] = useState<ActionOutcome>()
  const done = (result: ActionOutcome) => {
    setOutcome(result)
    queues.reload()
    agents.reload()
  }
  return (
    <LoadGate loaded={queues}>
      {({ items, readAt }) => {
        const queue = items.find((q) => q.id === queueId)
        const elapsedMs = Math.max(0, now - readAt)
        if (!queue) return <Notice tone="error">{format(t.notFound, { queue: queueId })}</Notice>
        const target = settings.queues.find((q) => q.id === queue.id)?.serviceLevelSeconds
        return (
          <section className="stack sv-page" aria-labelledby="queue-detail-title">
            <p>
              <AppLink to="/queues">← {t.back}</AppLink>
            </p>
            <h1 id="queue-detail-title">{queue.name}</h1>
            <div className="panel stack">
              <QueueFigures queue={queue} elapsedMs={elapsedMs} />
              <ServiceLevelLine level={queue.serviceLevel} targetSeconds={target} />
              <AgentCounts queue={queue} settings={settings} />
            </div>
            {outcome && <Notice tone={outcome.tone}>{outcome.message}</Notice>}
            <LoadGate loaded={agents}>
              {({ items: people }) => (
                <>
                  <section className="panel stack" aria-labelledby="waiting-title">
                    <h2 id="waiting-title">
                      {t.waitingTitle} ({queue.counts.waiting})
                    </h2>
                    <WaitingTable
                      queue={queue}
                      agents={people}
                      settings={settings}
                      elapsedMs={elapsedMs}
                      onDone={done}
                    />
                  </section>
                  <section className="panel stack" aria-labelledby="held-title">
                    <h2 id="held-title">{t.withAgentsTitle}</h2>
                    <HeldConversations queueId={queue.id} agents={people} />
                  </section>
                </>
              )}
            </LoadGate>
          </section>
        )
      }}
    </LoadGate>
  )
}
