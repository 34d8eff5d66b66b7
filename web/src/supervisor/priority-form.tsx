import { useState, type SyntheticEvent } from 'react'
import { api } from '../api/client.ts'
import { format, useText } from '../text/use-text.ts'
import type { ConversationSummary } from '../api/types.ts'
import { useRowAction, type ActionOutcome } from './row-action.ts'

/** Sets a waiting conversation's base priority (1 lowest, 10 highest). */
export function PriorityForm({
  conversation,
  onDone,
}: {
  conversation: ConversationSummary
  onDone: (outcome: ActionOutcome) => void
}) {
  const text = useText()
  const t = text.supervisor.detail
  const [priority, setPriority] = useState(String(conversation.priority))
  const apply = useRowAction(onDone)
  const value = Number(priority)
  const valid = Number.isInteger(value) && value >= 1 && value <= 10
  const submit = (event: SyntheticEvent) => {
    event.preventDefault()
    if (!valid) return
    void apply.run(
      () => api.post(`/v1/conversations/${conversation.id}/priority`, { priority: value }),
      format(t.reprioritised, { customer: conversation.customerNumber, priority: value }),
    )
  }
  return (
    <form className="sv-row-action" onSubmit={submit}>
      <input
        type="number"
        className="sv-priority-input"
        min={1}
        max={10}
        step={1}
        required
        aria-label={format(t.priorityOf, { customer: conversation.customerNumber })}
        value={priority}
        onChange={(e) => setPriority(e.target.value)}
      />
      <button
        type="submit"
        className="button"
        disabled={apply.busy || !valid || value === conversation.priority}
      >
        {t.setPriority}
      </button>
    </form>
  )
}
