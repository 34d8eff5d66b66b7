import { useState, type SyntheticEvent } from 'react'
import { api } from '../api/client.ts'
import { format, useText } from '../text/use-text.ts'
import type { BoardAgent, SupervisorSettings } from './board-types.ts'
import { useRowAction, type ActionOutcome } from './row-action.ts'
import { reasonLabel } from './supervisor-data.ts'

type Settable = 'available' | 'not_ready' | 'offline'
const SETTABLE: readonly Settable[] = ['available', 'not_ready', 'offline']

/** A supervisor changes an agent's status; not ready needs one of the configured reasons. */
export function AgentStatusForm({
  agent,
  settings,
  onDone,
}: {
  agent: BoardAgent
  settings: SupervisorSettings
  onDone: (outcome: ActionOutcome) => void
}) {
  const text = useText()
  const t = text.supervisor.agents
  const current: Settable = agent.status === 'busy' ? 'available' : agent.status
  const [status, setStatus] = useState<Settable>(current)
  const [reason, setReason] = useState(
    settings.notReadyReasons.some((r) => r.code === agent.reason)
      ? (agent.reason ?? '')
      : (settings.notReadyReasons[0]?.code ?? ''),
  )
  const apply = useRowAction(onDone)
  const unchanged = status === agent.status && (status !== 'not_ready' || reason === agent.reason)
  const submit = (event: SyntheticEvent) => {
    event.preventDefault()
    const body = status === 'not_ready' ? { status, reason } : { status }
    const label =
      status === 'not_ready'
        ? `${text.statuses.not_ready} (${reasonLabel(settings, reason)})`
        : text.statuses[status]
    void apply.run(
      () => api.put(`/v1/agents/${agent.id}/status`, body),
      format(t.changed, { name: agent.displayName, status: label }),
    )
  }
  return (
    <form className="sv-row-action" onSubmit={submit}>
      <select
        aria-label={format(t.newStatus, { name: agent.displayName })}
        value={status}
        onChange={(e) => setStatus(e.target.value as Settable)}
      >
        {SETTABLE.map((s) => (
          <option key={s} value={s}>
            {text.statuses[s]}
          </option>
        ))}
      </select>
      {status === 'not_ready' && (
        <select
          aria-label={format(t.reason, { name: agent.displayName })}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        >
          {settings.notReadyReasons.map((r) => (
            <option key={r.code} value={r.code}>
              {r.label}
            </option>
          ))}
        </select>
      )}
      <button
        type="submit"
        className="button"
        disabled={apply.busy || unchanged}
        aria-label={format(t.applyFor, { name: agent.displayName })}
      >
        {t.apply}
      </button>
    </form>
  )
}
