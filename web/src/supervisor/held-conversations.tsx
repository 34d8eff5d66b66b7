import { format, useText } from '../text/use-text.ts'
import { AppLink } from '../ui/app-link.tsx'
import type { BoardAgent } from './board-types.ts'
import { conversationPath } from './supervisor-data.ts'

/** A queue's conversations agents hold (offered, active, awaiting wrap-up), to open any. */
export function HeldConversations({
  queueId,
  agents,
}: {
  queueId: string
  agents: readonly BoardAgent[]
}) {
  const text = useText()
  const t = text.supervisor.detail
  const held = agents.flatMap((agent) =>
    agent.conversations.filter((c) => c.queueId === queueId).map((c) => ({ ...c, agent })),
  )
  if (held.length === 0) return <p className="muted">{t.noneWithAgents}</p>
  return (
    <ul className="plain-list sv-stack-tight">
      {held.map((c) => (
        <li key={c.id}>
          <AppLink to={conversationPath(queueId, c.id)}>
            {format(t.heldLink, {
              agent: c.agent.displayName,
              status: text.supervisor.conversationStatuses[c.status] ?? c.status,
            })}
          </AppLink>
        </li>
      ))}
    </ul>
  )
}
