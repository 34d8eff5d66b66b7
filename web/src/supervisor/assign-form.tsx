import { useState, type SyntheticEvent } from 'react'
import { api } from '../api/client.ts'
import { format, useText } from '../text/use-text.ts'
import type { ConversationSummary } from '../api/types.ts'
import type { BoardAgent } from './board-types.ts'
import { useRowAction, type ActionOutcome } from './row-action.ts'

/**
 * Offers a waiting conversation to a chosen agent who serves its queue, whatever their load;
 * offline agents are listed but cannot be chosen (the server refuses them).
 */
export function AssignForm({
  conversation,
  agents,
  onDone,
}: {
  conversation: ConversationSummary
  agents: readonly BoardAgent[]
  onDone: (outcome: ActionOutcome) => void
}) {
  const text = useText()
  const t = text.supervisor.detail
  const [agentId, setAgentId] = useState('')
  const apply = useRowAction(onDone)
  const serving = agents.filter(
    (a) => conversation.queueId !== undefined && a.queues.includes(conversation.queueId),
  )
  const submit = (event: SyntheticEvent) => {
    event.preventDefault()
    const agent = serving.find((a) => a.id === agentId)
    if (!agent) return
    void apply
      .run(
        () => api.post(`/v1/conversations/${conversation.id}/assign`, { agent: agent.id }),
        format(t.assigned, { customer: conversation.customerNumber, agent: agent.displayName }),
      )
      .then(() => setAgentId(''))
  }
  return (
    <form className="sv-row-action" onSubmit={submit}>
      <select
        aria-label={format(t.assignTo, { customer: conversation.customerNumber })}
        value={agentId}
        onChange={(e) => setAgentId(e.target.value)}
      >
        <option value="">{t.chooseAgent}</option>
        {serving.map((a) => (
          <option key={a.id} value={a.id} disabled={a.status === 'offline'}>
            {format(t.agentOption, { name: a.displayName, status: text.statuses[a.status] })}
          </option>
        ))}
      </select>
      <button type="submit" className="button" disabled={apply.busy || !agentId}>
        {t.assign}
      </button>
    </form>
  )
}
