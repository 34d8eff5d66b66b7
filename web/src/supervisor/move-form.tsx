import { useState, type SyntheticEvent } from 'react'
import { api } from '../api/client.ts'
import { format, useText } from '../text/use-text.ts'
import type { ConversationSummary, SupervisorSettings } from './board-types.ts'
import { runAction, type ActionOutcome } from './row-action.ts'
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
  const [busy, setBusy] = useState(false)
  const submit = async (event: SyntheticEvent) => {
    event.preventDefault()
    if (!queue) return
    setBusy(true)
    await runAction(
      () => api.post(`/v1/conversations/${conversation.id}/move`, { queue }),
      format(t.moved, {
        customer: conversation.customerNumber,
        queue: queueName(settings, queue),
      }),
      onDone,
    )
    setBusy(false)
  }
  return (
    <form className="sv-row-action" onSubmit={(e) => void submit(e)}>
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
      <button type="submit" className="button" disabled={busy || !queue}>
        {t.move}
      </button>
    </form>
  )
}
