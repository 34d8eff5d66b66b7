import { useState, type SyntheticEvent } from 'react'
import { api } from '../api/client.ts'
import { format, useText } from '../text/use-text.ts'
import type { ConversationSummary } from '../api/types.ts'
import type { SupervisorSettings } from './board-types.ts'
import { useRowAction, type ActionOutcome } from './row-action.ts'
import { queueName } from './supervisor-data.ts'

/** Moves a waiting conversation to another queue. */
export function MoveForm({
  conversation,
  settings,
  onDone,
}: {
  conversation: ConversationSummary
  settings: SupervisorSettings
  onDone: (outcome: ActionOutcome) => void
}) {
  const text = useText()
  const t = text.supervisor.detail
  const [queue, setQueue] = useState('')
  const apply = useRowAction(onDone)
  const submit = (event: SyntheticEvent) => {
    event.preventDefault()
    if (!queue) return
    void apply.run(
      () => api.post(`/v1/conversations/${conversation.id}/move`, { queue }),
      format(t.moved, {
        customer: conversation.customerNumber,
        queue: queueName(settings, queue),
      }),
    )
  }
  return (
    <form className="sv-row-action" onSubmit={submit}>
      <select
        aria-label={format(t.moveTo, { customer: conversation.customerNumber })}
        value={queue}
        onChange={(e) => setQueue(e.target.value)}
      >
        <option value="">{t.chooseQueue}</option>
        {settings.queues
          .filter((q) => q.id !== conversation.queueId)
          .map((q) => (
            <option key={q.id} value={q.id}>
              {q.name}
            </option>
          ))}
      </select>
      <button type="submit" className="button" disabled={apply.busy || !queue}>
        {t.move}
      </button>
    </form>
  )
}
