import { format, useText } from '../text/use-text.ts'
import type { ConversationEvent } from '../api/types.ts'
import type { BoardAgent, SupervisorSettings } from './board-types.ts'
import { queueName } from './supervisor-data.ts'

/** Every stored event of a conversation (queued, offered, accepted…), folded away by default. */
export function TranscriptHistory({
  events,
  agents,
  settings,
}: {
  events: readonly ConversationEvent[]
  agents: readonly BoardAgent[]
  settings: SupervisorSettings
}) {
  const text = useText()
  const t = text.supervisor.transcript
  return (
    <details className="sv-history">
      <summary>{format(t.historyTitle, { n: events.length })}</summary>
      <ol className="plain-list small">
        {events.map((e) => {
          const agent = agents.find((a) => a.id === e.agentId)
          const parts = [
            new Date(e.occurredAt).toLocaleTimeString(),
            e.type,
            queueName(settings, e.queueId),
            agent?.displayName ?? '',
          ].filter(Boolean)
          return <li key={e.id}>{parts.join(' · ')}</li>
        })}
      </ol>
    </details>
  )
}
