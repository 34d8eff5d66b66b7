import { useText } from '../text/use-text.ts'
import type { ConversationSummary } from '../api/types.ts'
import type { BoardAgent, SupervisorSettings } from './board-types.ts'
import { Figure } from './figure.tsx'
import { queueName } from './supervisor-data.ts'

/** Where a conversation stands: status, queue, agent, priority, when it opened. */
export function ConversationFacts({
  conversation,
  agents,
  settings,
}: {
  conversation: ConversationSummary
  agents: readonly BoardAgent[]
  settings: SupervisorSettings
}) {
  const text = useText()
  const t = text.supervisor.transcript
  const agent = agents.find((a) => a.id === conversation.agentId)
  return (
    <dl className="sv-figures sv-facts">
      <Figure term={t.status}>
        {text.supervisor.conversationStatuses[conversation.status] ?? conversation.status}
      </Figure>
      <Figure term={t.queue}>{queueName(settings, conversation.queueId) || t.nobody}</Figure>
      <Figure term={t.agent}>{agent?.displayName ?? conversation.agentId ?? t.nobody}</Figure>
      <Figure term={t.priority}>{conversation.priority}</Figure>
      <Figure term={t.category}>{conversation.category ?? t.nobody}</Figure>
      <Figure term={t.ourNumber}>{conversation.ourNumber}</Figure>
      <Figure term={t.opened}>{new Date(conversation.openedAt).toLocaleString()}</Figure>
    </dl>
  )
}
